import type { Kysely } from 'kysely';
import type { ReleaseNotice } from '../../src/notifications/release-notice.js';
import type { EventContext } from '../../src/plugins/plugin-definition.js';
import type { Database } from '../../src/store/schema.js';
import type { JobRun } from './job-run.js';
import type { TrackingIssueRef } from './tracker-state.js';
import type { ReleaseTrackerConfig } from './release-tracker-config.js';
import { STORM_CHECK_JOB, type StormCheckData, stormQueueKey } from './run-storm-check.js';
import { StormStore } from './storm-store.js';
import { durationMs } from './tracker-duration.js';

/**
 * Publishes one applied run's notices inside the state's transaction. Without storm control they
 * go out at once. With it, they are held (`storm.hold` from the run's finish, see
 * `release-held-notices.ts`) and the org's storm check is queued, both in the same transaction.
 */
export async function publishTrackerNotices(
  context: Pick<EventContext<ReleaseTrackerConfig>, 'config' | 'notify' | 'enqueue'>,
  trx: Kysely<Database>,
  input: { key: string; run: JobRun; notices: readonly ReleaseNotice[]; counted: boolean },
): Promise<void> {
  const storm = context.config.storm;
  if (!storm) {
    await context.notify(input.notices, trx);
    return;
  }
  const { key, run } = input;
  const org = orgOf(run.repository);
  const finished = run.finishedAt ? Date.parse(run.finishedAt) : Date.now();
  await new StormStore(trx).hold(trx, org, key, input.notices, new Date(finished + durationMs(storm.hold)));
  if (!input.counted) return;
  const data: StormCheckData = {
    org,
    repository: run.repository,
    trackingKey: key,
    finishedAt: run.finishedAt,
  };
  await context.enqueue({ name: STORM_CHECK_JOB, key: stormQueueKey(org), data }, trx);
}

/** The umbrella of the run's org's open storm, named as "part of" in an issue opening now. */
export async function openUmbrellaFor(db: Kysely<Database>, run: JobRun): Promise<TrackingIssueRef | null> {
  return new StormStore(db).openUmbrella(orgOf(run.repository));
}

function orgOf(repository: string): string {
  return repository.split('/')[0]!.toLowerCase();
}
