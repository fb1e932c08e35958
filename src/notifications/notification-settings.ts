import { readSecret } from '../settings/read-secret.js';

/** One operator-defined outgoing webhook: repositories refer to it by name, never by URL or secret. */
export interface OutgoingWebhookTarget {
  name: string;
  url: string;
  /** HMAC-SHA256 key for the signature header. Secret: never logged. */
  secret: string;
}

/**
 * Where notifications may go, from the environment only: tokens and webhook URLs are secrets, so
 * a repository's `.github/sheriff.yml` can choose channels and severities but never a destination
 * credential.
 */
export interface NotificationSettings {
  slack: {
    /** `SLACK_BOT_TOKEN(_FILE)`: threads, edits, mentions (chat.postMessage / chat.update). */
    botToken?: string;
    /** `SLACK_WEBHOOK_URL(_FILE)`: an incoming webhook, one message per state change. */
    webhookUrl?: string;
    /** `SLACK_API_URL`: Slack's Web API base (a local Slack double in tests). */
    apiUrl: string;
  };
  outgoing: OutgoingWebhookTarget[];
}

/** Reads the notification settings (see `NotificationSettings`); throws naming a bad variable. */
export function readNotificationSettings(
  env: Readonly<Record<string, string | undefined>>,
): NotificationSettings {
  const botToken = readSecret(env, 'SLACK_BOT_TOKEN');
  const webhookUrl = readSecret(env, 'SLACK_WEBHOOK_URL');
  return {
    slack: {
      ...(botToken ? { botToken } : {}),
      ...(webhookUrl ? { webhookUrl } : {}),
      apiUrl: env.SLACK_API_URL?.trim() || 'https://slack.com/api/',
    },
    outgoing: [],
  };
}
