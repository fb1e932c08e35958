import { type Kysely, sql } from 'kysely';

/**
 * `jobs.dedupe_key`: a job queued twice under one key is stored once. A handler that queues
 * follow-up work (start a Prow job, re-run a release) and then fails is retried; without this its
 * retry would queue, and so start, the same work again.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE jobs ADD COLUMN dedupe_key text`.execute(db);
  await sql`CREATE UNIQUE INDEX jobs_dedupe_key ON jobs (dedupe_key) WHERE dedupe_key IS NOT NULL`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP INDEX IF EXISTS jobs_dedupe_key`.execute(db);
  await sql`ALTER TABLE jobs DROP COLUMN IF EXISTS dedupe_key`.execute(db);
}
