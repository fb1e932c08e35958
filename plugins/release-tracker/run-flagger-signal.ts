import type { Kysely } from 'kysely';
import type { EventContext } from '../../src/plugins/plugin-definition.js';
import type { Database } from '../../src/store/schema.js';
import { readFlaggerSignal } from './normalize-flagger.js';
import type { ReleaseTrackerConfig } from './release-tracker-config.js';
import { applyJobRun } from './run-job-signal.js';

/**
 * The shell for one stored Flagger post: read it as a signal, and apply the run through the
 * tracker's one path (store, claim, reconcile, act, commit), so storm control, notices and the
 * rest apply to canaries too. A deadline warning without a rollback is counted first (one row
 * per delivery, so a retried job never counts twice); the revision is tracked as stuck once it
 * reaches `flagger.stuckAfter`.
 */
export async function runFlaggerSignal(context: EventContext<ReleaseTrackerConfig>): Promise<void> {
  const { event, log } = context;
  if (!event.repository) {
    log.warn({ delivery: event.deliveryId }, 'Flagger post without a repository: nothing to do');
    return;
  }
  const signal = readFlaggerSignal(event.payload, event.repository, event.receivedAt);
  if (signal.kind === 'ignore') {
    log.debug({ delivery: event.deliveryId, reason: signal.reason }, 'Flagger post is not tracker news');
    return;
  }
  if (signal.kind === 'run') {
    await applyJobRun(context, signal.run, event.deliveryId);
    return;
  }
  const warnings = await countDeadlineWarning(context.store, {
    deliveryId: event.deliveryId,
    canary: signal.canary,
    checksum: signal.checksum,
    phase: signal.phase,
    seenAt: event.receivedAt,
  });
  const { stuckAfter } = context.config.flagger;
  log.info(
    { canary: signal.canary, phase: signal.phase, warnings, stuckAfter },
    'Flagger canary reports its progress deadline exceeded without rolling back',
  );
  if (warnings >= stuckAfter) await applyJobRun(context, signal.stuck, event.deliveryId);
}

/** Records one deadline warning (once per delivery) and returns how many the revision has had in that phase. */
async function countDeadlineWarning(
  db: Kysely<Database>,
  warning: { deliveryId: string; canary: string; checksum: string; phase: string; seenAt: Date },
): Promise<number> {
  await db
    .insertInto('flagger_deadline_warnings')
    .values({
      delivery_id: warning.deliveryId,
      canary: warning.canary,
      checksum: warning.checksum,
      phase: warning.phase,
      seen_at: warning.seenAt,
    })
    .onConflict((conflict) => conflict.column('delivery_id').doNothing())
    .execute();
  const row = await db
    .selectFrom('flagger_deadline_warnings')
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .where('canary', '=', warning.canary)
    .where('checksum', '=', warning.checksum)
    .where('phase', '=', warning.phase)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
