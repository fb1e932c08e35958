import { type Kysely, sql } from 'kysely';
import { decodePayload, type PayloadEncoding } from './payload-encoding.js';
import type { Database, DeliveryRow, JobRow } from './schema.js';

export interface NewJob {
  kind: string;
  /** Jobs with the same key run one at a time, in the order they were enqueued, across replicas. */
  key: string;
  deliveryId?: string;
  data?: unknown;
  maxAttempts: number;
  runAt?: Date;
  /** A job already queued under this key (pending, running or done, until pruned) is not queued again. */
  dedupeKey?: string;
}

/** A claimed job, with its delivery read in the same statement (one round trip fewer per job). */
export type ClaimedJob = JobRow & { delivery: DeliveryRow | null };

type ClaimedRow = JobRow & { [K in keyof DeliveryRow as `d_${K}`]: DeliveryRow[K] | null } & {
  d_payload_encoding: PayloadEncoding | null;
};

export interface QueueStats {
  pending: number;
  running: number;
  dead: number;
  /** Age of the oldest job that is due and not yet finished; 0 when none. */
  oldestDueAgeSeconds: number;
}

/**
 * A small transactional job queue on Postgres (server or PGlite).
 *
 * A job is claimable when it is due, it is the oldest open job of its key, and it is either
 * pending or running on a lease that expired (its worker died). `FOR UPDATE SKIP LOCKED` lets
 * replicas claim concurrently without blocking each other; the "oldest open job of its key"
 * rule gives per-key FIFO order and mutual exclusion. A worker keeps its lease alive while it
 * runs; every state change checks the lease holder, so a worker that lost its lease cannot
 * overwrite the outcome of the one that took over.
 */
export class JobQueue {
  constructor(private readonly db: Kysely<Database>) {}

  async enqueue(jobs: readonly NewJob[]): Promise<number[]> {
    if (jobs.length === 0) return [];
    const rows = await this.db
      .insertInto('jobs')
      .values(
        jobs.map((job) => ({
          kind: job.kind,
          key: job.key,
          delivery_id: job.deliveryId ?? null,
          data: job.data === undefined ? null : JSON.stringify(job.data),
          max_attempts: job.maxAttempts,
          ...(job.runAt ? { run_at: job.runAt } : {}),
          ...(job.dedupeKey ? { dedupe_key: job.dedupeKey } : {}),
        })),
      )
      .onConflict((conflict) => conflict.column('dedupe_key').where('dedupe_key', 'is not', null).doNothing())
      .returning('id')
      .execute();
    return rows.map((row) => row.id);
  }

  async claim(workerId: string, limit: number, leaseMs: number): Promise<ClaimedJob[]> {
    if (limit <= 0) return [];
    const result = await sql<ClaimedRow>`
      WITH candidate AS (
        SELECT j.id FROM jobs j
        WHERE j.status IN ('pending', 'running')
          AND j.run_at <= now()
          AND (j.status = 'pending' OR j.locked_until < now())
          AND NOT EXISTS (
            SELECT 1 FROM jobs earlier
            WHERE earlier.key = j.key AND earlier.id < j.id AND earlier.status IN ('pending', 'running')
          )
        ORDER BY j.run_at, j.id
        LIMIT ${limit}
        FOR UPDATE SKIP LOCKED
      ),
      claimed AS (
        UPDATE jobs SET
          status = 'running',
          attempts = jobs.attempts + 1,
          locked_by = ${workerId},
          locked_until = now() + ${leaseMs} * interval '1 millisecond'
        FROM candidate
        WHERE jobs.id = candidate.id
        RETURNING jobs.*
      )
      SELECT claimed.*,
        d.id AS d_id, d.source AS d_source, d.event AS d_event, d.action AS d_action, d.key AS d_key,
        d.installation_id AS d_installation_id, d.repository AS d_repository, d.payload AS d_payload,
        d.payload_encoding AS d_payload_encoding, d.received_at AS d_received_at
      FROM claimed LEFT JOIN deliveries d ON d.id = claimed.delivery_id
      ORDER BY claimed.id`.execute(this.db);
    return result.rows.map(splitClaimedRow);
  }

  /** Marks jobs done; returns the ids this worker still held (the others were taken over). */
  async completeMany(ids: readonly number[], workerId: string): Promise<number[]> {
    if (ids.length === 0) return [];
    const rows = await this.db
      .updateTable('jobs')
      .set({ status: 'done', finished_at: new Date(), locked_by: null, locked_until: null, last_error: null })
      .where('id', 'in', [...ids])
      .where('locked_by', '=', workerId)
      .where('status', '=', 'running')
      .returning('id')
      .execute();
    return rows.map((row) => row.id);
  }

  /** Puts a failed job back for another attempt after `delayMs`. */
  async retry(id: number, workerId: string, error: string, delayMs: number): Promise<boolean> {
    const result = await this.db
      .updateTable('jobs')
      .set({
        status: 'pending',
        locked_by: null,
        locked_until: null,
        last_error: error,
        run_at: sql<Date>`now() + ${delayMs} * interval '1 millisecond'`,
      })
      .where('id', '=', id)
      .where('locked_by', '=', workerId)
      .where('status', '=', 'running')
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }

  /**
   * Replaces a running job's data (what an attempt finished, for the next attempt to skip), if
   * this worker still holds it.
   */
  async saveData(id: number, workerId: string, data: unknown): Promise<boolean> {
    const result = await this.db
      .updateTable('jobs')
      .set({ data: JSON.stringify(data) })
      .where('id', '=', id)
      .where('locked_by', '=', workerId)
      .where('status', '=', 'running')
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }

  async deadLetter(id: number, workerId: string, error: string): Promise<boolean> {
    const result = await this.db
      .updateTable('jobs')
      .set({
        status: 'dead',
        finished_at: new Date(),
        locked_by: null,
        locked_until: null,
        last_error: error,
      })
      .where('id', '=', id)
      .where('locked_by', '=', workerId)
      .where('status', '=', 'running')
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }

  async extendLeases(workerId: string, ids: readonly number[], leaseMs: number): Promise<void> {
    if (ids.length === 0) return;
    await this.db
      .updateTable('jobs')
      .set({ locked_until: sql<Date>`now() + ${leaseMs} * interval '1 millisecond'` })
      .where('id', 'in', [...ids])
      .where('locked_by', '=', workerId)
      .where('status', '=', 'running')
      .execute();
  }

  async listDead(limit = 100): Promise<JobRow[]> {
    return this.db
      .selectFrom('jobs')
      .selectAll()
      .where('status', '=', 'dead')
      .orderBy('id', 'desc')
      .limit(limit)
      .execute();
  }

  async get(id: number): Promise<JobRow | undefined> {
    return this.db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /**
   * Runs dead-lettered work again: the dead jobs of a delivery (by delivery id) or one dead job
   * (by job id) go back to pending with a fresh attempt budget, at the end of their key's line.
   */
  async replayDead(target: { deliveryId: string } | { jobId: number }): Promise<number[]> {
    const dead = await this.db
      .selectFrom('jobs')
      .selectAll()
      .where('status', '=', 'dead')
      .where(
        'deliveryId' in target ? 'delivery_id' : 'id',
        '=',
        'deliveryId' in target ? target.deliveryId : target.jobId,
      )
      .execute();
    if (dead.length === 0) return [];
    // Re-inserting (rather than flipping the status) puts the replay behind newer work of the
    // same key, which is the order a person replaying it would expect.
    return this.db.transaction().execute(async (trx) => {
      await trx
        .deleteFrom('jobs')
        .where(
          'id',
          'in',
          dead.map((job) => job.id),
        )
        .execute();
      const queue = new JobQueue(trx);
      return queue.enqueue(
        dead.map((job) => ({
          kind: job.kind,
          key: job.key,
          ...(job.delivery_id ? { deliveryId: job.delivery_id } : {}),
          ...(job.data ? { data: JSON.parse(job.data) } : {}),
          maxAttempts: job.max_attempts,
        })),
      );
    });
  }

  async stats(): Promise<QueueStats> {
    const row = await sql<{ pending: number; running: number; dead: number; oldest: number | null }>`
      SELECT
        count(*) FILTER (WHERE status = 'pending')::int AS pending,
        count(*) FILTER (WHERE status = 'running')::int AS running,
        (SELECT count(*)::int FROM jobs WHERE status = 'dead') AS dead,
        extract(epoch FROM now() - min(created_at) FILTER (WHERE run_at <= now()))::float8 AS oldest
      FROM jobs WHERE status IN ('pending', 'running')`.execute(this.db);
    const stats = row.rows[0];
    return {
      pending: stats?.pending ?? 0,
      running: stats?.running ?? 0,
      dead: stats?.dead ?? 0,
      oldestDueAgeSeconds: Math.max(0, stats?.oldest ?? 0),
    };
  }

  /** Deletes finished jobs older than `before` that belong to no delivery (those go with it). */
  async prune(before: Date): Promise<number> {
    const result = await this.db
      .deleteFrom('jobs')
      .where('status', '=', 'done')
      .where('delivery_id', 'is', null)
      .where('finished_at', '<', before)
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}

function splitClaimedRow(row: ClaimedRow): ClaimedJob {
  const job: Record<string, unknown> = {};
  const delivery: Record<string, unknown> = {};
  for (const [column, value] of Object.entries(row)) {
    if (column === 'd_payload_encoding') continue;
    if (column.startsWith('d_')) delivery[column.slice(2)] = value;
    else job[column] = value;
  }
  if (row.d_payload !== null && row.d_payload_encoding !== null)
    delivery.payload = decodePayload(row.d_payload, row.d_payload_encoding);
  return { ...(job as JobRow), delivery: delivery.id === null ? null : (delivery as DeliveryRow) };
}
