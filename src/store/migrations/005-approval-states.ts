import { type Kysely, sql } from 'kysely';

/**
 * The approve plugin's view of each open pull request: what Prow recomputes from the full comment
 * history on every event, kept so that a `/approve` costs no GitHub read. A row is rebuilt from
 * GitHub (comments, reviews, files) whenever it is missing, and deleted when the PR closes.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE approval_states (
      repository text NOT NULL,
      pr_number integer NOT NULL,
      author text NOT NULL,
      base_ref text NOT NULL,
      head_sha text NOT NULL,
      files text NOT NULL,
      events text NOT NULL,
      associated_issue integer,
      manually_approved_by text,
      label_on boolean NOT NULL,
      notifier_comment_id bigint,
      notifier_body text,
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (repository, pr_number)
    )`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE IF EXISTS approval_states`.execute(db);
}
