import type { AreaSeverity } from '../../src/areas/service-area-schema.js';
import type { ReleaseNotice } from '../../src/notifications/release-notice.js';
import type { NoticeContext } from '../../src/plugins/plugin-definition.js';
import { DELIVER_WEBHOOK_JOB, webhookDestination } from './deliver-outgoing-webhook.js';
import type { NotifyConfig } from './notify-config.js';
import { NotifyStore } from './notify-store.js';
import { destinationName, planNotice, type NoticePlan, type SlackDestination } from './plan-notice.js';
import { renderDigestLine, renderNoticeMessage, renderThreadReply } from './render-slack-message.js';
import { type SlackSender, slackSenderFor } from './slack-sender.js';

/** The sent-log marker that a notice's job for a webhook target is queued (sent or not yet). */
const QUEUED = 'queued:';

/**
 * Turns one notice into messages: outgoing webhook jobs first (one per target, queued once),
 * then the reminder change, then Slack. Runs in the notice's job (per tracking key, in order), so
 * a Slack outage delays the issue's later messages instead of reordering them; the sent-log makes
 * the job's retries send nothing twice.
 */
export async function runNotice(context: NoticeContext): Promise<void> {
  const { notice, log } = context;
  const transport = context.notifications;
  if (!transport) return;
  const config = context.repository.config as NotifyConfig;
  const sender = slackSenderFor(transport);
  const targets = new Set(transport.settings.outgoing.map((target) => target.name));
  for (const hook of config.webhooks)
    if (!targets.has(hook.target))
      log.warn(
        { repository: notice.repository, target: hook.target },
        'plugins.notify.webhooks names a target the operator has not configured (OUTGOING_WEBHOOKS_FILE)',
      );
  const plan = planNotice({
    notice,
    config,
    areas: context.repository.repoConfig.areas,
    slack: { bot: sender.hasBot, webhook: sender.hasWebhook },
    targets,
  });
  if (plan.skipped) {
    log.debug({ notice: notice.id, reason: plan.skipped }, 'notice not sent');
    return;
  }
  const store = new NotifyStore(context.store, context.metrics);
  await queueWebhooks(context, plan);
  await applyReminder(store, notice, plan);
  if (plan.slack) await sendSlack(store, sender, notice, plan);
}

async function queueWebhooks(context: NoticeContext, plan: NoticePlan): Promise<void> {
  const { notice } = context;
  for (const target of plan.webhooks) {
    await context.store.transaction().execute(async (trx) => {
      const marked = await trx
        .insertInto('notify_sent')
        .values({ message_id: notice.id, destination: `${QUEUED}${webhookDestination(target)}` })
        .onConflict((conflict) => conflict.columns(['message_id', 'destination']).doNothing())
        .executeTakeFirst();
      if (Number(marked.numInsertedOrUpdatedRows ?? 0n) === 0) return;
      await context.enqueue(
        {
          name: DELIVER_WEBHOOK_JOB,
          key: `notify:webhook:${target}:${notice.trackingKey}`,
          data: { target, severity: plan.severity, notice },
        },
        trx,
      );
    });
  }
}

async function applyReminder(store: NotifyStore, notice: ReleaseNotice, plan: NoticePlan): Promise<void> {
  const change = plan.reminder;
  if (!change) return;
  if (change.type === 'stop') await store.stopReminders(notice.trackingKey, notice.episode);
  else if (change.type === 'defer')
    await store.deferReminders(notice.trackingKey, notice.episode, change.until);
  else
    await store.startReminder({
      trackingKey: notice.trackingKey,
      episode: notice.episode,
      destination: destinationName(change.destination),
      job: notice.job,
      mention: change.mention,
      issueUrl: notice.issue?.url ?? null,
      intervalMs: change.intervalMs,
      nextAt: change.nextAt,
    });
}

async function sendSlack(
  store: NotifyStore,
  sender: SlackSender,
  notice: ReleaseNotice,
  plan: NoticePlan,
): Promise<void> {
  const step = plan.slack!;
  const destination = destinationName(step.destination);
  if (step.type === 'digest') {
    await store.addDigestItem({
      destination,
      noticeId: notice.id,
      line: renderDigestLine(notice),
      dueAt: step.dueAt,
    });
    return;
  }
  if (await store.wasSent(notice.id, destination)) return;
  if (step.destination.mode === 'webhook') {
    await sender.postWebhook(renderNoticeMessage(notice, plan.severity, step.mention));
    await store.recordSent(notice.id, destination);
    return;
  }
  await sendToThread(store, sender, notice, plan.severity, step.type, step.destination, step.mention);
}

/** One thread per tracking key and episode: the root once, then replies, and the root edited on recovery. */
async function sendToThread(
  store: NotifyStore,
  sender: SlackSender,
  notice: ReleaseNotice,
  severity: AreaSeverity,
  type: 'root' | 'reply' | 'resolve',
  destination: Extract<SlackDestination, { mode: 'bot' }>,
  mention: string | null,
): Promise<void> {
  const { channel } = destination;
  const sentAs = { messageId: notice.id, destination: destinationName(destination) };
  const thread = await store.findThread(notice.trackingKey, notice.episode, channel);
  if (!thread) {
    // No root yet (the issue opened below the minimum severity, or before Slack was set up): this
    // notice starts the thread.
    const posted = await sender.post(channel, renderNoticeMessage(notice, severity, mention));
    await store.saveThread(
      {
        trackingKey: notice.trackingKey,
        episode: notice.episode,
        channel,
        channelId: posted.channel,
        ts: posted.ts,
        job: notice.job,
      },
      sentAs,
    );
    if (type === 'resolve') await store.markThreadResolved(notice.trackingKey, notice.episode, channel);
    return;
  }
  if (type === 'root') {
    // Opened again for the same episode (an adopted issue): the thread exists already.
    await store.recordSent(sentAs.messageId, sentAs.destination);
    return;
  }
  if (type === 'resolve') {
    await sender.update(thread.channelId, thread.ts, renderNoticeMessage(notice, severity, null));
    await store.markThreadResolved(notice.trackingKey, notice.episode, channel);
  }
  await sender.post(thread.channelId, renderThreadReply(notice, severity, mention), thread.ts);
  await store.recordSent(sentAs.messageId, sentAs.destination);
}
