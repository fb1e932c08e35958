import { type Kysely, sql } from 'kysely';

/**
 * The notify plugin's state (plugins/notify):
 * - `notify_sent`: what was sent where, keyed by message id (a notice id, a reminder, a digest)
 *   and destination, so a retried job never sends twice;
 * - `notify_slack_threads`: the Slack message that roots each tracking issue's thread (one per
 *   tracking key and episode), so replies and the "resolved" edit survive restarts;
 * - `notify_reminders`: open, un-acked critical issues and when their next reminder is due;
 * - `notify_digest_items`: info-severity news waiting for its channel's daily digest.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE notify_sent (
      message_id text NOT NULL,
      destination text NOT NULL,
      sent_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (message_id, destination)
    )`.execute(db);
  await sql`
    CREATE TABLE notify_slack_threads (
      tracking_key text NOT NULL,
      episode text NOT NULL,
      channel text NOT NULL,
      channel_id text NOT NULL,
      ts text NOT NULL,
      job text NOT NULL,
      resolved boolean NOT NULL DEFAULT false,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (tracking_key, episode, channel)
    )`.execute(db);
  await sql`
    CREATE TABLE notify_reminders (
      tracking_key text NOT NULL,
      episode text NOT NULL,
      destination text NOT NULL,
      job text NOT NULL,
      mention text,
      issue_url text,
      interval_ms integer NOT NULL,
      next_at timestamptz NOT NULL,
      sent integer NOT NULL DEFAULT 0,
      PRIMARY KEY (tracking_key, episode, destination)
    )`.execute(db);
  await sql`CREATE INDEX notify_reminders_due ON notify_reminders (next_at)`.execute(db);
  await sql`
    CREATE TABLE notify_digest_items (
      destination text NOT NULL,
      notice_id text NOT NULL,
      line text NOT NULL,
      due_at timestamptz NOT NULL,
      digest_id text,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (destination, notice_id)
    )`.execute(db);
  await sql`CREATE INDEX notify_digest_items_due ON notify_digest_items (due_at) WHERE digest_id IS NULL`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['notify_digest_items', 'notify_reminders', 'notify_slack_threads', 'notify_sent'])
    await sql`DROP TABLE IF EXISTS ${sql.table(table)}`.execute(db);
}
