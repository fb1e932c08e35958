import { type Kysely, sql } from 'kysely';

/**
 * Every re-run `/retest-release` asked for: who, when, which failed run, the backend used and its
 * answer. The rows are also the guard rails' memory: the hourly limit counts them, and a row still
 * `queued` or `started` is a re-run in flight. One row per (request, run): a retried job or a
 * redelivered comment never asks the backend twice.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE release_reruns (
      id serial PRIMARY KEY,
      request_id text NOT NULL,
      repository text NOT NULL,
      job text NOT NULL,
      run_id text NOT NULL,
      tracking_key text,
      backend text NOT NULL,
      requested_by text NOT NULL,
      context text NOT NULL,
      state text NOT NULL,
      detail text,
      url text,
      requested_at timestamptz NOT NULL DEFAULT now(),
      finished_at timestamptz,
      recorded_at timestamptz,
      UNIQUE (request_id, run_id)
    )`.execute(db);
  await sql`CREATE INDEX release_reruns_by_job ON release_reruns (repository, job, requested_at)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE IF EXISTS release_reruns`.execute(db);
}
