import { type Kysely, sql } from 'kysely';

/**
 * A small statistics sample for the columns the claim's plan depends on. On PGlite, Sheriff runs
 * ANALYZE itself (pglite-maintenance.ts) on the session that also acknowledges webhooks; with the
 * default target (a 30,000-row sample) that took 65-134 ms on a 20,000-job table, with 10 it takes
 * ~11 ms at any size, and the plan (walk the open-jobs index) is the same.
 */
const COLUMNS = ['id', 'key', 'status', 'run_at', 'locked_until'] as const;

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const column of COLUMNS)
    await sql`ALTER TABLE jobs ALTER COLUMN ${sql.ref(column)} SET STATISTICS 10`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const column of COLUMNS)
    await sql`ALTER TABLE jobs ALTER COLUMN ${sql.ref(column)} SET STATISTICS -1`.execute(db);
}
