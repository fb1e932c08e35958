import { type Kysely, sql } from 'kysely';

/** The last valid `.github/sheriff.yml` of each repository, kept in force while a newer one is invalid. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE repo_configs (
      repository text PRIMARY KEY,
      config text NOT NULL,
      validated_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE IF EXISTS repo_configs`.execute(db);
}
