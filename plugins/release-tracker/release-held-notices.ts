import type { BackgroundContext, PluginScheduleDefinition } from '../../src/plugins/plugin-definition.js';
import type { ReleaseNotice } from '../../src/notifications/release-notice.js';
import { StormStore } from './storm-store.js';
import { noticeIssueOf } from './tracker-notices.js';

/** How many held notices one transaction publishes. */
const BATCH = 200;

/**
 * Publishes the jobs' notices whose hold is over (by Sheriff's clock), oldest first. A notice of
 * a job that a storm lists carries the storm's umbrella, so messaging plugins leave it out and
 * people hear of the storm once. Taking, marking and publishing happen in one transaction.
 */
export async function releaseHeldNotices(
  context: Pick<BackgroundContext, 'store' | 'notify' | 'now' | 'log'>,
): Promise<number> {
  let released = 0;
  for (;;) {
    const count = await context.store.transaction().execute(async (trx) => {
      const store = new StormStore(trx);
      const due = await store.takeDue(trx, context.now, BATCH);
      const notices = [];
      for (const notice of collapseStormUpdates(due.map((held) => held.notice))) {
        const umbrella = await store.umbrellaOf(notice.trackingKey, notice.at);
        notices.push(umbrella ? { ...notice, umbrella: noticeIssueOf(umbrella) } : notice);
      }
      await context.notify(notices, trx);
      return due.length;
    });
    released += count;
    if (count < BATCH) break;
  }
  if (released > 0) context.log.info({ released }, 'held release notices published');
  return released;
}

/** Every 30 seconds: a notice waits at most its hold plus this. */
export const HELD_NOTICES_SCHEDULE: PluginScheduleDefinition = {
  name: 'release-held-notices',
  intervalMs: 30_000,
  async run(context) {
    await releaseHeldNotices(context);
    return null;
  },
};

/**
 * Drops each `storm-updated` that a later `storm-updated` or `storm-resolved` of the same storm
 * in the batch supersedes: people hear "now 30 jobs" once, not "12", "13", ... "30".
 *
 * @example
 * collapseStormUpdates([updated12, updated13, resolved]).map((notice) => notice.kind); // ['storm-resolved']
 */
export function collapseStormUpdates(notices: readonly ReleaseNotice[]): ReleaseNotice[] {
  return notices.filter(
    (notice, index) =>
      notice.kind !== 'storm-updated' ||
      !notices
        .slice(index + 1)
        .some(
          (later) =>
            later.trackingKey === notice.trackingKey &&
            (later.kind === 'storm-updated' || later.kind === 'storm-resolved'),
        ),
  );
}
