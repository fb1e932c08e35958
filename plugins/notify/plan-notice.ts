import type { AreasConfig, AreaSeverity } from '../../src/areas/service-area-schema.js';
import type { NoticeKind, ReleaseNotice } from '../../src/notifications/release-notice.js';
import { durationMs, type NotifyConfig } from './notify-config.js';
import { meetsMinimum, noticeSeverity } from './notice-severity.js';

/** Where a Slack message goes: a channel through the bot token, or the one incoming webhook. */
export type SlackDestination = { mode: 'bot'; channel: string } | { mode: 'webhook' };

/** The sent-log and table name of a destination: `slack:#releases` or `slack-webhook`. */
export function destinationName(destination: SlackDestination): string {
  return destination.mode === 'bot' ? `slack:${destination.channel}` : 'slack-webhook';
}

/**
 * What to do in Slack for one notice:
 * - `root`: start the thread (bot) or post one message (webhook);
 * - `reply`: a reply in the thread (a new root if the thread is unknown);
 * - `resolve`: edit the root to resolved, then reply;
 * - `digest`: hold the news for the destination's daily digest (info severity).
 */
export type SlackStep =
  | { type: 'root' | 'reply' | 'resolve'; destination: SlackDestination; mention: string | null }
  | { type: 'digest'; destination: SlackDestination; dueAt: Date };

export type ReminderChange =
  | { type: 'start'; destination: SlackDestination; intervalMs: number; nextAt: Date; mention: string | null }
  | { type: 'stop' }
  | { type: 'defer'; until: Date };

export interface NoticePlan {
  severity: AreaSeverity;
  slack: SlackStep | null;
  reminder: ReminderChange | null;
  /** Outgoing webhook targets (by name) to send the notice to, each in a job of its own. */
  webhooks: string[];
  /** Why nothing at all is sent, for the log. */
  skipped?: string;
}

export interface PlanInput {
  notice: ReleaseNotice;
  config: NotifyConfig;
  areas: AreasConfig;
  /** Which Slack credentials the process has. */
  slack: { bot: boolean; webhook: boolean };
  /** Outgoing webhook targets the process knows. */
  targets: ReadonlySet<string>;
}

const ROOT_KINDS: readonly NoticeKind[] = ['opened', 'storm-opened'];
const RESOLVE_KINDS: readonly NoticeKind[] = ['resolved', 'storm-resolved'];

/**
 * Decides, without I/O, what one notice means for Slack, reminders and outgoing webhooks.
 * Members of a storm (`umbrella`) are not sent: their umbrella's `storm-*` notices speak for them.
 *
 * @example
 * planNotice({ notice, config, areas, slack: { bot: true, webhook: false }, targets: new Set() }).slack;
 * // { type: 'root', destination: { mode: 'bot', channel: '#lambda' }, mention: '<!subteam^S0LAMBDA>' }
 */
export function planNotice(input: PlanInput): NoticePlan {
  const { notice, config } = input;
  const severity = noticeSeverity(notice, config);
  if (notice.umbrella) {
    // A reminder started before the storm still stops on /ack or recovery.
    const reminder = reminderChange(notice, severity, null, null, config);
    return reminder
      ? { severity, slack: null, reminder, webhooks: [] }
      : { severity, slack: null, reminder: null, webhooks: [], skipped: 'folded into a storm umbrella' };
  }

  const webhooks = config.webhooks
    .filter((hook) => input.targets.has(hook.target))
    .filter((hook) => meetsMinimum(severity, hook.minSeverity))
    .filter((hook) => !hook.events || hook.events.includes(notice.kind))
    .map((hook) => hook.target);

  const destination = slackDestination(input);
  const slackWanted = destination !== null && meetsMinimum(severity, config.slack.minSeverity);
  const groupId = notice.area ? config.slack.groups[notice.area] : undefined;
  const mention = severity === 'critical' && groupId ? `<!subteam^${groupId}>` : null;

  let slack: SlackStep | null = null;
  if (slackWanted && destination) {
    if (severity === 'info') {
      slack = {
        type: 'digest',
        destination,
        dueAt: nextDigestAt(new Date(notice.at), config.slack.digestTime),
      };
    } else {
      const type = ROOT_KINDS.includes(notice.kind)
        ? 'root'
        : RESOLVE_KINDS.includes(notice.kind)
          ? 'resolve'
          : 'reply';
      slack = { type, destination, mention: type === 'root' || notice.kind === 'escalated' ? mention : null };
    }
  }
  // Stopping or deferring reminders needs no destination: a config change since must not leave them running.
  const reminder = reminderChange(notice, severity, slackWanted ? destination : null, mention, config);
  const plan: NoticePlan = { severity, slack, reminder, webhooks };
  if (!slack && !reminder && webhooks.length === 0)
    plan.skipped = destination
      ? `below the minimum severity (${severity})`
      : 'no Slack destination or webhook';
  return plan;
}

/** The bot's channel (the area's, else the default), or the incoming webhook; null when neither. */
function slackDestination(input: PlanInput): SlackDestination | null {
  if (input.slack.bot) {
    const areaChannel = input.notice.area ? input.areas[input.notice.area]?.slack : undefined;
    const channel = areaChannel ?? input.config.slack.channel;
    return channel ? { mode: 'bot', channel } : null;
  }
  return input.slack.webhook ? { mode: 'webhook' } : null;
}

function reminderChange(
  notice: ReleaseNotice,
  severity: AreaSeverity,
  destination: SlackDestination | null,
  mention: string | null,
  config: NotifyConfig,
): ReminderChange | null {
  if (destination && notice.kind === 'opened' && severity === 'critical' && config.slack.reminders) {
    const intervalMs = durationMs(config.slack.reminderInterval);
    return {
      type: 'start',
      destination,
      intervalMs,
      nextAt: new Date(Date.parse(notice.at) + intervalMs),
      mention,
    };
  }
  if (notice.kind === 'acknowledged' || notice.kind === 'resolved') return { type: 'stop' };
  if (notice.kind === 'snoozed' && notice.snoozedUntil)
    return { type: 'defer', until: new Date(notice.snoozedUntil) };
  return null;
}

/** The first `HH:MM` (UTC) strictly after `at`: when a digest holding news from `at` is due. */
export function nextDigestAt(at: Date, digestTime: string): Date {
  const [hours, minutes] = digestTime.split(':').map(Number) as [number, number];
  const due = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate(), hours, minutes));
  if (due.getTime() <= at.getTime()) due.setUTCDate(due.getUTCDate() + 1);
  return due;
}
