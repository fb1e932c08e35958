import { z } from 'zod';
import { PermanentJobError } from '../../src/pipeline/job-errors.js';
import type { BackgroundContext, PluginJobRun } from '../../src/plugins/plugin-definition.js';
import { NotifyStore } from './notify-store.js';
import { renderDigest, renderReminder, type SlackMessage } from './render-slack-message.js';
import { slackSenderFor, type SlackSender } from './slack-sender.js';

export const SEND_REMINDER_JOB = 'send-reminder';
export const SEND_DIGEST_JOB = 'send-digest';
/** How often the store is asked for due reminders and digests. */
export const TICK_INTERVAL_MS = 60_000;
const REMINDERS_PER_TICK = 100;
/** How long the sent-log, sent digest items and resolved threads are kept. */
const RETENTION_MS = 30 * 86_400_000;

/**
 * The periodic tick: claims the due reminders and digests in the store and queues one send job
 * for each, in the claim's transaction, then prunes month-old records. Sending happens in the jobs (retried, dead-lettered), so
 * a slow Slack never holds the schedule, and a claim is never sent twice.
 */
export async function runNotifyTick(
  context: BackgroundContext,
): Promise<{ reminders: number; digests: number }> {
  const store = new NotifyStore(context.store, context.metrics);
  const reminders = await store.claimDueReminders(context.now, REMINDERS_PER_TICK, async (due, trx) => {
    for (const reminder of due)
      await context.enqueue(
        { name: SEND_REMINDER_JOB, key: `notice:notify:${reminder.trackingKey}`, data: reminder },
        trx,
      );
  });
  const digests = await store.claimDueDigests(context.now, async (claimed, trx) => {
    for (const digest of claimed)
      await context.enqueue(
        { name: SEND_DIGEST_JOB, key: `notify:digest:${digest.destination}`, data: digest },
        trx,
      );
  });
  await store.prune(new Date(context.now.getTime() - RETENTION_MS));
  if (reminders.length || digests.length)
    context.log.info(
      { reminders: reminders.length, digests: digests.length },
      'notify: reminders and digests queued',
    );
  return { reminders: reminders.length, digests: digests.length };
}

const reminderData = z.object({
  trackingKey: z.string(),
  episode: z.string(),
  destination: z.string(),
  count: z.number().int().min(1),
});

/** Sends one claimed reminder into the issue's thread, unless `/ack` or recovery came first. */
export async function sendReminder(context: BackgroundContext & PluginJobRun): Promise<void> {
  const data = parseData(reminderData, context.data, SEND_REMINDER_JOB);
  const store = new NotifyStore(context.store, context.metrics);
  const row = await store.reminder(data.trackingKey, data.episode, data.destination);
  if (!row) return;
  const messageId = `${data.trackingKey}#${data.episode}/reminder/${data.count}`;
  if (await store.wasSent(messageId, data.destination)) return;
  const message = renderReminder({
    job: row.job,
    mention: row.mention,
    issueUrl: row.issue_url,
    count: data.count,
  });
  const sender = senderOf(context);
  await sendTo(store, sender, data.destination, message, {
    trackingKey: data.trackingKey,
    episode: data.episode,
  });
  await store.recordSent(messageId, data.destination);
}

const digestData = z.object({ destination: z.string(), digestId: z.string() });

/** Sends one destination's digest: every info line held for it, in one message. */
export async function sendDigest(context: BackgroundContext & PluginJobRun): Promise<void> {
  const data = parseData(digestData, context.data, SEND_DIGEST_JOB);
  const store = new NotifyStore(context.store, context.metrics);
  if (await store.wasSent(data.digestId, data.destination)) return;
  const lines = await store.digestLines(data.digestId, data.destination);
  if (lines.length === 0) return;
  const day = data.digestId.slice(data.digestId.lastIndexOf('/') + 1, data.digestId.lastIndexOf('/') + 11);
  await sendTo(store, senderOf(context), data.destination, renderDigest(lines, day));
  await store.recordSent(data.digestId, data.destination);
}

function senderOf(context: BackgroundContext): SlackSender {
  const transport = context.notifications;
  if (!transport)
    throw new PermanentJobError('no notification transport: Slack is not set up in this process');
  return slackSenderFor(transport);
}

/** `slack:<channel>` (in the issue's thread when there is one) or `slack-webhook`. */
async function sendTo(
  store: NotifyStore,
  sender: SlackSender,
  destination: string,
  message: SlackMessage,
  thread?: { trackingKey: string; episode: string },
): Promise<void> {
  if (destination === 'slack-webhook') {
    await sender.postWebhook(message);
    return;
  }
  if (!destination.startsWith('slack:'))
    throw new PermanentJobError(`unknown notify destination ${destination}`);
  const channel = destination.slice('slack:'.length);
  const root = thread ? await store.findThread(thread.trackingKey, thread.episode, channel) : undefined;
  if (root) await sender.post(root.channelId, message, root.ts);
  else await sender.post(channel, message);
}

function parseData<T>(schema: z.ZodType<T>, data: unknown, job: string): T {
  const parsed = schema.safeParse(data);
  if (!parsed.success) throw new PermanentJobError(`${job}: bad job data: ${parsed.error.message}`);
  return parsed.data;
}
