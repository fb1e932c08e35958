import { type Kysely, sql } from 'kysely';

/** The durable pipeline: deliveries as received, the job queue, and store-held schedules. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE deliveries (
      id text PRIMARY KEY,
      source text NOT NULL,
      event text NOT NULL,
      action text,
      key text NOT NULL,
      installation_id bigint,
      repository text,
      payload text NOT NULL,
      received_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  // Payloads are read whole and rarely; compressing ~25 KB on every insert costs the ack path
  // more than the disk it saves over a 7-day retention.
  await sql`ALTER TABLE deliveries ALTER COLUMN payload SET STORAGE EXTERNAL`.execute(db);
  await sql`CREATE INDEX deliveries_received_at ON deliveries (received_at)`.execute(db);

  await sql`
    CREATE TABLE jobs (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      kind text NOT NULL,
      key text NOT NULL,
      delivery_id text REFERENCES deliveries (id) ON DELETE CASCADE,
      data text,
      status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'running', 'done', 'dead')),
      attempts integer NOT NULL DEFAULT 0,
      max_attempts integer NOT NULL,
      run_at timestamptz NOT NULL DEFAULT now(),
      locked_by text,
      locked_until timestamptz,
      last_error text,
      created_at timestamptz NOT NULL DEFAULT now(),
      finished_at timestamptz
    )`.execute(db);
  // Claiming scans only open jobs; the key index answers "is an earlier job of this key still open?".
  await sql`CREATE INDEX jobs_open_by_run_at ON jobs (run_at, id) WHERE status IN ('pending', 'running')`.execute(
    db,
  );
  await sql`CREATE INDEX jobs_open_by_key ON jobs (key, id) WHERE status IN ('pending', 'running')`.execute(
    db,
  );
  await sql`CREATE INDEX jobs_dead ON jobs (id) WHERE status = 'dead'`.execute(db);
  await sql`CREATE INDEX jobs_finished_at ON jobs (finished_at) WHERE finished_at IS NOT NULL`.execute(db);
  await sql`CREATE INDEX jobs_delivery ON jobs (delivery_id)`.execute(db);

  await sql`
    CREATE TABLE schedules (
      name text PRIMARY KEY,
      next_run_at timestamptz NOT NULL,
      locked_by text,
      locked_until timestamptz,
      last_run_at timestamptz,
      last_error text,
      state text
    )`.execute(db);

  await sql`
    CREATE TABLE redelivery_requests (
      guid text PRIMARY KEY,
      requested_at timestamptz NOT NULL DEFAULT now(),
      attempts integer NOT NULL,
      last_status text
    )`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['redelivery_requests', 'schedules', 'jobs', 'deliveries']) {
    await sql`DROP TABLE IF EXISTS ${sql.id(table)}`.execute(db);
  }
}
