import { LogLevel, WebAPIPlatformError, WebClient } from '@slack/web-api';
import { IncomingWebhook, IncomingWebhookHTTPError } from '@slack/webhook';
import type { NotificationTransport } from '../../src/notifications/notification-transport.js';
import { PermanentJobError, RetryLaterError } from '../../src/pipeline/job-errors.js';
import type { SlackMessage } from './render-slack-message.js';

/** Slack's answers that no retry can change: the config or the token must be fixed. */
const PERMANENT_SLACK_ERRORS = new Set([
  'channel_not_found',
  'not_in_channel',
  'is_archived',
  'invalid_auth',
  'not_authed',
  'account_inactive',
  'token_revoked',
  'missing_scope',
  'msg_too_long',
  'invalid_blocks',
  'message_not_found',
  'cant_update_message',
]);

/**
 * Slack through its official clients: the Web API with the bot token (threads and edits), or the
 * incoming webhook. Rate limits (429 `retry-after`) and 5xx are retried by the clients within a
 * job attempt; what is left becomes a job error (retried later by the queue) or, for answers no
 * retry can change, a permanent one (dead-lettered). No error carries the token or webhook URL.
 */
export class SlackSender {
  private readonly web: WebClient | undefined;
  private readonly webhook: IncomingWebhook | undefined;
  private lastRetryAfter: string | null = null;

  constructor(transport: NotificationTransport) {
    const { slack } = transport.settings;
    const retryConfig = {
      retries: transport.slackRetries ?? 2,
      factor: 2,
      minTimeout: 200,
      maxTimeout: 2000,
    };
    const fetch = transport.fetch ?? globalThis.fetch;
    if (slack.botToken)
      this.web = new WebClient(slack.botToken, {
        slackApiUrl: slack.apiUrl.endsWith('/') ? slack.apiUrl : `${slack.apiUrl}/`,
        fetch,
        retryConfig,
        logLevel: LogLevel.ERROR,
        timeout: 10_000,
      });
    if (slack.webhookUrl) {
      // The webhook client does not read `retry-after`; this keeps the last one for the queue's retry.
      const recordingFetch: typeof globalThis.fetch = async (input, init) => {
        const response = await fetch(input, init);
        this.lastRetryAfter = response.headers.get('retry-after');
        return response;
      };
      this.webhook = new IncomingWebhook(slack.webhookUrl, {
        fetch: recordingFetch,
        retryConfig,
        timeout: 10_000,
      });
    }
  }

  get hasBot(): boolean {
    return this.web !== undefined;
  }

  get hasWebhook(): boolean {
    return this.webhook !== undefined;
  }

  /** Posts to a channel (in a thread when `threadTs` is given); resolves with the message's `ts`. */
  async post(
    channel: string,
    message: SlackMessage,
    threadTs?: string,
  ): Promise<{ ts: string; channel: string }> {
    const web = this.requireBot();
    try {
      const result = await web.chat.postMessage({
        channel,
        text: message.text,
        blocks: message.blocks,
        unfurl_links: false,
        ...(threadTs ? { thread_ts: threadTs } : {}),
      });
      return { ts: String(result.ts), channel: String(result.channel ?? channel) };
    } catch (error) {
      throw slackError('chat.postMessage', channel, error);
    }
  }

  /** Replaces a message the bot posted. `channel` must be the id Slack answered the post with. */
  async update(channel: string, ts: string, message: SlackMessage): Promise<void> {
    const web = this.requireBot();
    try {
      await web.chat.update({ channel, ts, text: message.text, blocks: message.blocks });
    } catch (error) {
      throw slackError('chat.update', channel, error);
    }
  }

  /** Posts through the incoming webhook (its channel is fixed when the webhook is made). */
  async postWebhook(message: SlackMessage): Promise<void> {
    if (!this.webhook)
      throw new PermanentJobError('no Slack incoming webhook is configured (SLACK_WEBHOOK_URL)');
    try {
      await this.webhook.send({ text: message.text, blocks: message.blocks, unfurl_links: false });
    } catch (error) {
      if (error instanceof IncomingWebhookHTTPError) {
        if (error.statusCode === 429) {
          const seconds = Number(this.lastRetryAfter);
          throw new RetryLaterError(
            'Slack incoming webhook rate limited',
            Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : 30_000,
          );
        }
        const detail = `Slack incoming webhook answered HTTP ${error.statusCode} ${String(error.body).slice(0, 100)}`;
        throw error.statusCode >= 500 ? new Error(detail) : new PermanentJobError(detail);
      }
      const cause = (error as { original?: { cause?: { code?: string } } }).original?.cause?.code;
      throw new Error(`Slack incoming webhook unreachable${cause ? ` (${cause})` : ''}`);
    }
  }

  private requireBot(): WebClient {
    if (!this.web) throw new PermanentJobError('no Slack bot token is configured (SLACK_BOT_TOKEN)');
    return this.web;
  }
}

function slackError(method: string, channel: string, error: unknown): Error {
  if (error instanceof WebAPIPlatformError) {
    const code = error.data.error;
    const message = `Slack ${method} in ${channel} refused: ${code}`;
    return PERMANENT_SLACK_ERRORS.has(code) ? new PermanentJobError(message) : new Error(message);
  }
  return new Error(`Slack ${method} in ${channel} failed: ${(error as Error).message}`);
}

const senders = new WeakMap<NotificationTransport, SlackSender>();

/** One sender per transport, so the Web API client's rate-limit pause covers all of a Sheriff's sends. */
export function slackSenderFor(transport: NotificationTransport): SlackSender {
  let sender = senders.get(transport);
  if (!sender) {
    sender = new SlackSender(transport);
    senders.set(transport, sender);
  }
  return sender;
}
