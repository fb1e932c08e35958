import { type Kysely, sql } from 'kysely';

/**
 * Who `/notify-owners` pinged on which issue, and when: the cool-down reads it so nobody is pinged
 * twice on one issue within the configured time. One row per person and issue (the latest ping).
 * `delivery_id` and `posted` make a retried delivery post its comment once: rows are written
 * before the comment and marked posted after it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE owner_pings (
      repository text NOT NULL,
      issue_number integer NOT NULL,
      login text NOT NULL,
      pinged_at timestamptz NOT NULL,
      delivery_id text NOT NULL,
      posted boolean NOT NULL DEFAULT false,
      PRIMARY KEY (repository, issue_number, login)
    )`.execute(db);
  await sql`CREATE INDEX owner_pings_delivery ON owner_pings (delivery_id)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE IF EXISTS owner_pings`.execute(db);
}
