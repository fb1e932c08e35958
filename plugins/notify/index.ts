import { definePlugin } from '../../src/plugins/plugin-definition.js';
import { DELIVER_WEBHOOK_JOB, deliverOutgoingWebhook } from './deliver-outgoing-webhook.js';
import { notifyConfigSchema } from './notify-config.js';
import { runNotice } from './run-notice.js';
import {
  runNotifyTick,
  SEND_DIGEST_JOB,
  SEND_REMINDER_JOB,
  sendDigest,
  sendReminder,
  TICK_INTERVAL_MS,
} from './run-notify-tick.js';

/**
 * Release news to people: Slack (one thread per tracking issue, severity tiers, the area's group
 * mentioned on critical, a daily digest for info, reminders until /ack) and signed outgoing
 * webhooks. Destinations and secrets are process settings (docs/notifications.md); a repository
 * routes and filters.
 */
export default definePlugin({
  name: 'notify',
  description:
    "Sends release tracking news to Slack (a thread per tracking issue, by severity and service area, with reminders and a daily digest) and to signed outgoing webhooks. Tokens and URLs are Sheriff's settings; this section routes.",
  configSchema: notifyConfigSchema,
  events: [],
  commands: [],
  handleNotice: runNotice,
  jobs: {
    [DELIVER_WEBHOOK_JOB]: { run: deliverOutgoingWebhook },
    [SEND_REMINDER_JOB]: { run: sendReminder },
    [SEND_DIGEST_JOB]: { run: sendDigest },
  },
  schedules: [{ name: 'tick', intervalMs: TICK_INTERVAL_MS, run: runNotifyTick }],
});
