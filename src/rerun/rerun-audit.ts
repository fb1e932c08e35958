import { type Kysely, type Selectable, sql } from 'kysely';
import type { Database, ReleaseRerunsTable } from '../store/schema.js';
import type { RerunBackendName } from './rerun-backend.js';

export type RerunRow = Selectable<ReleaseRerunsTable>;

/** `queued`: not sent yet; `started`: the backend accepted it; `failed`: it did not, for good. */
export type RerunState = 'queued' | 'started' | 'failed';

/** A re-run as the audit endpoint and the CLI show it. */
export interface RerunRecord {
  id: number;
  requestId: string;
  repository: string;
  job: string;
  runId: string;
  backend: string;
  requestedBy: string;
  context: string;
  state: string;
  detail: string | null;
  url: string | null;
  requestedAt: string;
  finishedAt: string | null;
}

export interface NewRerun {
  requestId: string;
  repository: string;
  job: string;
  runId: string;
  trackingKey: string | null;
  backend: RerunBackendName;
  requestedBy: string;
  context: string;
}

export interface RerunListFilter {
  job?: string;
  repository?: string;
  limit?: number;
}

/** States that count against the hourly limit and may be in flight. */
const LIVE: readonly RerunState[] = ['queued', 'started'];

/**
 * The audit table of `/retest-release` (migration 007): every re-run asked for, with who, when,
 * what and the backend's answer. The guard rails read it: how many re-runs of a job in the last
 * hour, and whether one is still in flight (accepted, and no run of the job finished since).
 */
export class RerunAudit {
  constructor(private readonly db: Kysely<Database>) {}

  /** Stores a re-run as `queued`, once per (request, run); returns the row either way. */
  async add(rerun: NewRerun, db: Kysely<Database> = this.db): Promise<RerunRow> {
    await db
      .insertInto('release_reruns')
      .values({
        request_id: rerun.requestId,
        repository: rerun.repository,
        job: rerun.job,
        run_id: rerun.runId,
        tracking_key: rerun.trackingKey,
        backend: rerun.backend,
        requested_by: rerun.requestedBy,
        context: rerun.context,
        state: 'queued',
      })
      .onConflict((conflict) => conflict.columns(['request_id', 'run_id']).doNothing())
      .execute();
    return db
      .selectFrom('release_reruns')
      .selectAll()
      .where('request_id', '=', rerun.requestId)
      .where('run_id', '=', rerun.runId)
      .executeTakeFirstOrThrow();
  }

  /** This request's row for the run, if it got that far. */
  async find(requestId: string, runId: string): Promise<RerunRow | undefined> {
    return this.db
      .selectFrom('release_reruns')
      .selectAll()
      .where('request_id', '=', requestId)
      .where('run_id', '=', runId)
      .executeTakeFirst();
  }

  async finish(id: number, state: 'started' | 'failed', detail: string, url: string | null): Promise<void> {
    await this.db
      .updateTable('release_reruns')
      .set({ state, detail, url, finished_at: sql<Date>`now()` })
      .where('id', '=', id)
      .execute();
  }

  async markRecorded(id: number, db: Kysely<Database> = this.db): Promise<void> {
    await db
      .updateTable('release_reruns')
      .set({ recorded_at: sql<Date>`now()` })
      .where('id', '=', id)
      .execute();
  }

  /** Re-runs of the job asked for within the last hour (queued or accepted), other requests only. */
  async countLastHour(repository: string, job: string, exceptRequest: string): Promise<number> {
    const row = await this.db
      .selectFrom('release_reruns')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('repository', '=', repository)
      .where('job', '=', job)
      .where('state', 'in', LIVE)
      .where('request_id', '<>', exceptRequest)
      .where('requested_at', '>', sql<Date>`now() - interval '1 hour'`)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /**
   * The job's re-run still in flight, if any: queued or accepted within `windowMs`, by another
   * request, and no run of the job has finished since (the tracker records every run it hears of).
   */
  async inFlight(
    repository: string,
    job: string,
    exceptRequest: string,
    windowMs: number,
  ): Promise<RerunRow | undefined> {
    return this.db
      .selectFrom('release_reruns as rerun')
      .selectAll('rerun')
      .where('rerun.repository', '=', repository)
      .where('rerun.job', '=', job)
      .where('rerun.state', 'in', LIVE)
      .where('rerun.request_id', '<>', exceptRequest)
      .where('rerun.requested_at', '>', sql<Date>`now() - ${windowMs} * interval '1 millisecond'`)
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('job_runs')
              .select('job_runs.id')
              .whereRef('job_runs.repository', '=', 'rerun.repository')
              .whereRef('job_runs.job', '=', 'rerun.job')
              .where('job_runs.state', '<>', 'pending')
              .whereRef('job_runs.recorded_at', '>', 'rerun.requested_at'),
          ),
        ),
      )
      .orderBy('rerun.requested_at', 'desc')
      .executeTakeFirst();
  }

  /** Newest first. */
  async list(filter: RerunListFilter = {}): Promise<RerunRecord[]> {
    let query = this.db.selectFrom('release_reruns').selectAll();
    if (filter.job !== undefined) query = query.where('job', '=', filter.job);
    if (filter.repository !== undefined)
      query = query.where(sql<string>`lower(repository)`, '=', filter.repository.toLowerCase());
    const rows = await query
      .orderBy('requested_at', 'desc')
      .orderBy('id', 'desc')
      .limit(filter.limit ?? 100)
      .execute();
    return rows.map(recordOf);
  }

  /** Every row of one request, oldest first (the reply lists them). */
  async ofRequest(requestId: string): Promise<RerunRow[]> {
    return this.db
      .selectFrom('release_reruns')
      .selectAll()
      .where('request_id', '=', requestId)
      .orderBy('id')
      .execute();
  }
}

function recordOf(row: RerunRow): RerunRecord {
  return {
    id: row.id,
    requestId: row.request_id,
    repository: row.repository,
    job: row.job,
    runId: row.run_id,
    backend: row.backend,
    requestedBy: row.requested_by,
    context: row.context,
    state: row.state,
    detail: row.detail,
    url: row.url,
    requestedAt: new Date(row.requested_at).toISOString(),
    finishedAt: row.finished_at ? new Date(row.finished_at).toISOString() : null,
  };
}
