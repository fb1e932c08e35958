import { type Kysely, sql } from 'kysely';
import type { PluginScheduleDefinition } from '../../src/plugins/plugin-definition.js';
import type { Database } from '../../src/store/schema.js';

/** How long `job_runs` keeps a run (by its finish, else when it was recorded). */
export const JOB_RUN_RETENTION_DAYS = 180;
const DAY_MS = 86_400_000;
/** Rows one statement deletes: short transactions, however large the backlog. */
const BATCH = 5_000;
/** Batches one run deletes at most; the next day's run goes on. */
const MAX_BATCHES = 200;

/**
 * Deletes runs (release or not) that finished before `cutoff`, except, per tracking key, its
 * latest finished run and its latest success: the freshness watchdog says "last succeeded at"
 * and the dashboard shows the last run, however old. Sheriff's own watchdog runs are kept apart,
 * so its synthetic failures never push out a job's real last run. Returns the rows deleted.
 *
 * @example
 * await pruneJobRuns(db, new Date('2025-01-01T00:00:00Z')); // 1234
 */
export async function pruneJobRuns(db: Kysely<Database>, cutoff: Date): Promise<number> {
  let deleted = 0;
  for (let batch = 0; batch < MAX_BATCHES; batch += 1) {
    const result = await db
      .deleteFrom('job_runs')
      .where(
        sql<boolean>`id IN (
          SELECT id FROM (
            SELECT id, state, coalesce(finished_at, recorded_at) AS at,
              row_number() OVER (
                PARTITION BY tracking_key, source = 'freshness', state = 'pending'
                ORDER BY coalesce(finished_at, recorded_at) DESC, id DESC) AS nth_run,
              row_number() OVER (
                PARTITION BY tracking_key, source = 'freshness', state = 'success'
                ORDER BY coalesce(finished_at, recorded_at) DESC, id DESC) AS nth_of_state
            FROM job_runs
            WHERE tracking_key IN (
              SELECT tracking_key FROM job_runs WHERE coalesce(finished_at, recorded_at) < ${cutoff})
          ) ranked
          WHERE at < ${cutoff}
            AND NOT (state <> 'pending' AND nth_run = 1)
            AND NOT (state = 'success' AND nth_of_state = 1)
          LIMIT ${BATCH})`,
      )
      .executeTakeFirst();
    const count = Number(result.numDeletedRows);
    deleted += count;
    if (count < BATCH) break;
  }
  return deleted;
}

/** Daily: `job_runs` keeps {@link JOB_RUN_RETENTION_DAYS} days of history (by Sheriff's clock). */
export const JOB_RUN_RETENTION_SCHEDULE: PluginScheduleDefinition = {
  name: 'job-run-retention',
  intervalMs: DAY_MS,
  async run(context) {
    const cutoff = new Date(context.now.getTime() - JOB_RUN_RETENTION_DAYS * DAY_MS);
    const deleted = await pruneJobRuns(context.store, cutoff);
    if (deleted > 0) context.log.info({ deleted, before: cutoff.toISOString() }, 'old job runs deleted');
    return null;
  },
};
