import { type Kysely, sql } from 'kysely';

/**
 * The release-failure tracker (plugins/release-tracker):
 *
 * - `job_runs`: every completed run Sheriff hears of, release or not, pass or fail: the history
 *   flaky detection and dashboards stand on. `run_id` identifies a run across signals (a crier
 *   status and a posted ProwJob of one build are one row), so a redelivery or a second signal
 *   merges instead of counting twice. `applied_at` says the tracker has acted on the run.
 * - `tracking_issues`: one row per tracking key (the uniqueness guard: one episode, hence one
 *   open issue, per key). `state` is the tracker's JSON state; `claimed_by` is a short lease
 *   held while one run's GitHub actions are in flight; the human columns are written only by
 *   commands and issue events, so they never race the job-driven `state`.
 * - `tracking_episodes`: one row per failure episode that opened an issue, with its MTTD and
 *   time to recovery.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE job_runs (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      run_id text NOT NULL UNIQUE,
      tracking_key text NOT NULL,
      source text NOT NULL,
      system text NOT NULL,
      repository text NOT NULL,
      job text NOT NULL,
      job_type text NOT NULL,
      release boolean NOT NULL,
      sha text,
      ref text,
      default_branch text,
      state text NOT NULL,
      url text,
      build_id text,
      stage text,
      started_at timestamptz,
      finished_at timestamptz,
      delivery_id text NOT NULL,
      recorded_at timestamptz NOT NULL DEFAULT now(),
      applied_at timestamptz
    )`.execute(db);
  await sql`CREATE INDEX job_runs_by_key ON job_runs (tracking_key, finished_at)`.execute(db);
  await sql`CREATE INDEX job_runs_by_job ON job_runs (repository, job, finished_at)`.execute(db);

  await sql`
    CREATE TABLE tracking_issues (
      tracking_key text PRIMARY KEY,
      repository text NOT NULL,
      job text NOT NULL,
      state text NOT NULL,
      version integer NOT NULL DEFAULT 0,
      issue_repository text,
      issue_number integer,
      claimed_by text,
      claimed_at timestamptz,
      muted boolean NOT NULL DEFAULT false,
      acked_by text,
      snoozed_until timestamptz,
      human_action_at timestamptz,
      human_closed_at timestamptz,
      updated_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (issue_repository, issue_number)
    )`.execute(db);

  await sql`
    CREATE TABLE tracking_episodes (
      tracking_key text NOT NULL,
      first_failure_run_id text NOT NULL,
      first_failure_at timestamptz,
      issue_repository text,
      issue_number integer,
      opened_at timestamptz,
      mttd_seconds double precision,
      ended_at timestamptz,
      ended_by text,
      fixing_sha text,
      time_to_recovery_seconds double precision,
      PRIMARY KEY (tracking_key, first_failure_run_id)
    )`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['tracking_episodes', 'tracking_issues', 'job_runs']) {
    await sql`DROP TABLE IF EXISTS ${sql.id(table)}`.execute(db);
  }
}
