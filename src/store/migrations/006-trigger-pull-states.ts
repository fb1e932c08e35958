import { type Kysely, sql } from 'kysely';

/**
 * What the trigger plugin knows of each open pull request: the head SHA its events have shown so
 * far (what a commenter could have seen), and the head a trusted person cleared with
 * `/ok-to-test`. Prow's label stays valid across pushes (kubernetes/test-infra#10118); Sheriff
 * honours it only for the commit that was cleared.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE trigger_pull_states (
      repository text NOT NULL,
      pr_number integer NOT NULL,
      seen_head_sha text,
      granted_head_sha text,
      granted_by text,
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (repository, pr_number)
    )`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE IF EXISTS trigger_pull_states`.execute(db);
}
