import { type Kysely, sql } from 'kysely';

/**
 * Storm control for the release tracker (plugins/release-tracker, docs/tracker.md):
 *
 * - `release_storms`: one row per storm, an org's burst of release-job failures with one umbrella
 *   issue. At most one unresolved storm per org (a partial unique index): replicas and workers that
 *   see the same burst race on the insert, and only the winner opens the umbrella.
 * - `release_storm_members`: the jobs (tracking keys) a storm lists; `linked` says the job's own
 *   issue has been told it is part of the umbrella.
 * - `held_notices`: the notices of each job, held until `release_at` (the run's finish plus
 *   `storm.hold`) so that a job found in a storm is announced only through the umbrella.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE release_storms (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      org text NOT NULL,
      repository text NOT NULL,
      issue_repository text NOT NULL,
      issue_number integer,
      started_at timestamptz NOT NULL,
      opened_at timestamptz NOT NULL DEFAULT now(),
      resolved_at timestamptz
    )`.execute(db);
  await sql`CREATE UNIQUE INDEX release_storms_one_open ON release_storms (org) WHERE resolved_at IS NULL`.execute(
    db,
  );
  await sql`
    CREATE TABLE release_storm_members (
      storm_id bigint NOT NULL REFERENCES release_storms (id),
      tracking_key text NOT NULL,
      repository text NOT NULL,
      job text NOT NULL,
      joined_at timestamptz NOT NULL DEFAULT now(),
      linked boolean NOT NULL DEFAULT false,
      PRIMARY KEY (storm_id, tracking_key)
    )`.execute(db);
  await sql`CREATE INDEX release_storm_members_by_key ON release_storm_members (tracking_key)`.execute(db);
  await sql`
    CREATE TABLE held_notices (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      org text NOT NULL,
      tracking_key text NOT NULL,
      notice text NOT NULL,
      release_at timestamptz NOT NULL,
      held_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`CREATE INDEX held_notices_due ON held_notices (release_at, id)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['held_notices', 'release_storm_members', 'release_storms']) {
    await sql`DROP TABLE IF EXISTS ${sql.id(table)}`.execute(db);
  }
}
