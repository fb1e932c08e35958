import { type Kysely, sql } from 'kysely';

/**
 * Signals the release tracker makes for itself (plugins/release-tracker, docs/tracker.md):
 *
 * - `freshness_watches`: when Sheriff first watched a job under a freshness rule. A job with no
 *   success on record is stale only once the rule has watched it for the rule's whole span, so
 *   adding a rule (or a new Sheriff) does not alert at once on jobs whose history it never saw.
 * - `freshness_markers`: the last content of each watched version marker (`latest-ci.txt`) and
 *   since when it has not changed, so a marker whose producer stopped publishing is noticed.
 * - `flagger_deadline_warnings`: each "exceeded its progress deadline" warning of a canary that
 *   did not roll back (Flagger before 1.36.1 loops on it forever in `Promoting`), one row per
 *   delivery, so counting them toward an escalation is idempotent under redelivery.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE freshness_watches (
      repository text NOT NULL,
      job text NOT NULL,
      first_seen_at timestamptz NOT NULL,
      PRIMARY KEY (repository, job)
    )`.execute(db);
  await sql`
    CREATE TABLE freshness_markers (
      repository text NOT NULL,
      url text NOT NULL,
      content_sha256 text,
      content text,
      changed_at timestamptz NOT NULL,
      checked_at timestamptz NOT NULL,
      last_status integer,
      last_error text,
      PRIMARY KEY (repository, url)
    )`.execute(db);
  await sql`
    CREATE TABLE flagger_deadline_warnings (
      delivery_id text PRIMARY KEY,
      canary text NOT NULL,
      checksum text NOT NULL,
      phase text NOT NULL,
      seen_at timestamptz NOT NULL
    )`.execute(db);
  await sql`CREATE INDEX flagger_deadline_warnings_by_revision ON flagger_deadline_warnings (canary, checksum, phase)`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE IF EXISTS flagger_deadline_warnings`.execute(db);
  await sql`DROP TABLE IF EXISTS freshness_markers`.execute(db);
  await sql`DROP TABLE IF EXISTS freshness_watches`.execute(db);
}
