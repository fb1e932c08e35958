import type { SheriffMetrics } from '../../src/metrics/sheriff-metrics.js';
import type { Kysely } from 'kysely';
import type { Database } from '../../src/store/schema.js';

type Db = Kysely<Database>;

export interface SlackThread {
  channelId: string;
  ts: string;
  resolved: boolean;
}

export interface DueReminder {
  trackingKey: string;
  episode: string;
  destination: string;
  /** This reminder's number (1 for the first). */
  count: number;
}

/** The notify plugin's tables (migration 010): sent-log, threads, reminders, digest items. */
export class NotifyStore {
  constructor(
    private readonly db: Db,
    /** Counts each message recorded as sent, by destination kind (slack, slack-webhook, webhook). */
    private readonly metrics?: SheriffMetrics,
  ) {}

  async wasSent(messageId: string, destination: string): Promise<boolean> {
    const row = await this.db
      .selectFrom('notify_sent')
      .select('message_id')
      .where('message_id', '=', messageId)
      .where('destination', '=', destination)
      .executeTakeFirst();
    return row !== undefined;
  }

  async recordSent(messageId: string, destination: string, db: Db = this.db): Promise<void> {
    const recorded = await db
      .insertInto('notify_sent')
      .values({ message_id: messageId, destination })
      .onConflict((conflict) => conflict.columns(['message_id', 'destination']).doNothing())
      .returning('message_id')
      .executeTakeFirst();
    if (recorded)
      this.metrics?.notificationsSent.inc({ destination: destination.split(':')[0] ?? destination });
  }

  async findThread(trackingKey: string, episode: string, channel: string): Promise<SlackThread | undefined> {
    const row = await this.db
      .selectFrom('notify_slack_threads')
      .select(['channel_id', 'ts', 'resolved'])
      .where('tracking_key', '=', trackingKey)
      .where('episode', '=', episode)
      .where('channel', '=', channel)
      .executeTakeFirst();
    return row ? { channelId: row.channel_id, ts: row.ts, resolved: row.resolved } : undefined;
  }

  /** Records a thread's root and the notice that posted it, together. */
  async saveThread(
    thread: {
      trackingKey: string;
      episode: string;
      channel: string;
      channelId: string;
      ts: string;
      job: string;
    },
    sent: { messageId: string; destination: string },
  ): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('notify_slack_threads')
        .values({
          tracking_key: thread.trackingKey,
          episode: thread.episode,
          channel: thread.channel,
          channel_id: thread.channelId,
          ts: thread.ts,
          job: thread.job,
        })
        .onConflict((conflict) =>
          conflict.columns(['tracking_key', 'episode', 'channel']).doUpdateSet({
            channel_id: thread.channelId,
            ts: thread.ts,
          }),
        )
        .execute();
      await this.recordSent(sent.messageId, sent.destination, trx);
    });
  }

  async markThreadResolved(trackingKey: string, episode: string, channel: string): Promise<void> {
    await this.db
      .updateTable('notify_slack_threads')
      .set({ resolved: true })
      .where('tracking_key', '=', trackingKey)
      .where('episode', '=', episode)
      .where('channel', '=', channel)
      .execute();
  }

  /** Starts (or keeps) the reminders of one issue at one destination; an existing schedule is kept. */
  async startReminder(reminder: {
    trackingKey: string;
    episode: string;
    destination: string;
    job: string;
    mention: string | null;
    issueUrl: string | null;
    intervalMs: number;
    nextAt: Date;
  }): Promise<void> {
    await this.db
      .insertInto('notify_reminders')
      .values({
        tracking_key: reminder.trackingKey,
        episode: reminder.episode,
        destination: reminder.destination,
        job: reminder.job,
        mention: reminder.mention,
        issue_url: reminder.issueUrl,
        interval_ms: reminder.intervalMs,
        next_at: reminder.nextAt,
      })
      .onConflict((conflict) => conflict.columns(['tracking_key', 'episode', 'destination']).doNothing())
      .execute();
  }

  /** `/ack` or recovery: no more reminders for this issue, anywhere. */
  async stopReminders(trackingKey: string, episode: string): Promise<void> {
    await this.db
      .deleteFrom('notify_reminders')
      .where('tracking_key', '=', trackingKey)
      .where('episode', '=', episode)
      .execute();
  }

  /** `/snooze`: the next reminder no earlier than `until`. */
  async deferReminders(trackingKey: string, episode: string, until: Date): Promise<void> {
    await this.db
      .updateTable('notify_reminders')
      .set({ next_at: until })
      .where('tracking_key', '=', trackingKey)
      .where('episode', '=', episode)
      .where('next_at', '<', until)
      .execute();
  }

  /**
   * Claims the reminders due at `now`: each row's next time moves one interval on and its count
   * goes up, in one statement, so a reminder is claimed once however many replicas tick. `queue`
   * runs in the same transaction (it queues the sends), so a claim and its send are stored together.
   */
  async claimDueReminders(
    now: Date,
    limit: number,
    queue: (due: DueReminder[], trx: Db) => Promise<void>,
  ): Promise<DueReminder[]> {
    return this.db.transaction().execute(async (trx) => {
      const due = await trx
        .selectFrom('notify_reminders')
        .select(['tracking_key', 'episode', 'destination', 'interval_ms', 'sent'])
        .where('next_at', '<=', now)
        .orderBy('next_at')
        .limit(limit)
        .forUpdate()
        .skipLocked()
        .execute();
      const claimed: DueReminder[] = [];
      for (const row of due) {
        await trx
          .updateTable('notify_reminders')
          .set({ next_at: new Date(now.getTime() + row.interval_ms), sent: row.sent + 1 })
          .where('tracking_key', '=', row.tracking_key)
          .where('episode', '=', row.episode)
          .where('destination', '=', row.destination)
          .execute();
        claimed.push({
          trackingKey: row.tracking_key,
          episode: row.episode,
          destination: row.destination,
          count: row.sent + 1,
        });
      }
      if (claimed.length) await queue(claimed, trx);
      return claimed;
    });
  }

  async reminder(trackingKey: string, episode: string, destination: string) {
    return this.db
      .selectFrom('notify_reminders')
      .selectAll()
      .where('tracking_key', '=', trackingKey)
      .where('episode', '=', episode)
      .where('destination', '=', destination)
      .executeTakeFirst();
  }

  async addDigestItem(item: {
    destination: string;
    noticeId: string;
    line: string;
    dueAt: Date;
  }): Promise<void> {
    await this.db
      .insertInto('notify_digest_items')
      .values({
        destination: item.destination,
        notice_id: item.noticeId,
        line: item.line,
        due_at: item.dueAt,
      })
      .onConflict((conflict) => conflict.columns(['destination', 'notice_id']).doNothing())
      .execute();
  }

  /**
   * Claims every destination's due digest items under one digest id per destination and due time
   * (`digest/<destination>/<due ISO>`), and queues the sends in the same transaction.
   */
  async claimDueDigests(
    now: Date,
    queue: (digests: Array<{ destination: string; digestId: string }>, trx: Db) => Promise<void>,
  ): Promise<Array<{ destination: string; digestId: string }>> {
    return this.db.transaction().execute(async (trx) => {
      const groups = await trx
        .selectFrom('notify_digest_items')
        .select(['destination', 'due_at'])
        .where('digest_id', 'is', null)
        .where('due_at', '<=', now)
        .groupBy(['destination', 'due_at'])
        .execute();
      const claimed: Array<{ destination: string; digestId: string }> = [];
      for (const group of groups) {
        const digestId = `digest/${group.destination}/${new Date(group.due_at).toISOString()}`;
        const updated = await trx
          .updateTable('notify_digest_items')
          .set({ digest_id: digestId })
          .where('destination', '=', group.destination)
          .where('due_at', '=', group.due_at)
          .where('digest_id', 'is', null)
          .executeTakeFirst();
        if (Number(updated.numUpdatedRows) > 0) claimed.push({ destination: group.destination, digestId });
      }
      if (claimed.length) await queue(claimed, trx);
      return claimed;
    });
  }

  /**
   * Forgets what no retry can still ask about: sent-log entries, sent digest items and resolved
   * threads older than `before` (the job queue keeps finished work for days, not months).
   */
  async prune(before: Date): Promise<void> {
    await this.db.deleteFrom('notify_sent').where('sent_at', '<', before).execute();
    await this.db
      .deleteFrom('notify_digest_items')
      .where('digest_id', 'is not', null)
      .where('due_at', '<', before)
      .execute();
    await this.db
      .deleteFrom('notify_slack_threads')
      .where('resolved', '=', true)
      .where('created_at', '<', before)
      .execute();
  }

  async digestLines(digestId: string, destination: string): Promise<string[]> {
    const rows = await this.db
      .selectFrom('notify_digest_items')
      .select('line')
      .where('digest_id', '=', digestId)
      .where('destination', '=', destination)
      .orderBy('created_at')
      .orderBy('notice_id')
      .execute();
    return rows.map((row) => row.line);
  }
}
