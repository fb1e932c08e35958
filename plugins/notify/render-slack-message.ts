import type { AreaSeverity } from '../../src/areas/service-area-schema.js';
import type { NoticeKind, ReleaseNotice } from '../../src/notifications/release-notice.js';

/** The Block Kit blocks Sheriff uses (a structural subset of Slack's `KnownBlock`). */
export type SlackBlock =
  | { type: 'header'; text: { type: 'plain_text'; text: string; emoji: true } }
  | {
      type: 'section';
      text?: { type: 'mrkdwn'; text: string };
      fields?: Array<{ type: 'mrkdwn'; text: string }>;
    }
  | { type: 'context'; elements: Array<{ type: 'mrkdwn'; text: string }> };

/** A Slack message: `text` is the notification and screen-reader fallback, `blocks` what people see. */
export interface SlackMessage {
  text: string;
  blocks: SlackBlock[];
}

const HEADER: Record<NoticeKind, string> = {
  opened: ':rotating_light: Release job failing',
  escalated: ':rotating_light: Still failing',
  'stage-changed': ':twisted_rightwards_arrows: Failing at a new stage',
  updated: ':warning: Failed again',
  retried: ':repeat: Re-run requested',
  acknowledged: ':raising_hand: Acknowledged',
  snoozed: ':zzz: Snoozed',
  resolved: ':white_check_mark: Resolved',
  'storm-opened': ':thunder_cloud_and_rain: Release storm',
  'storm-updated': ':thunder_cloud_and_rain: Release storm update',
  'storm-resolved': ':white_check_mark: Release storm resolved',
};

/** Escapes what Slack's mrkdwn would read as markup (`&`, `<`, `>`), as Slack asks. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

const link = (url: string, label: string) =>
  `<${url.replace(/[<>|]/g, encodeURIComponent)}|${escapeMrkdwn(label)}>`;

function links(notice: ReleaseNotice): string[] {
  const parts: string[] = [];
  if (notice.issue) parts.push(link(notice.issue.url, `${notice.issue.repository}#${notice.issue.number}`));
  if (notice.logsUrl) parts.push(link(notice.logsUrl, 'logs'));
  return parts;
}

/** The one-line fallback text: severity, what happened, where, and who is called. */
function fallbackText(notice: ReleaseNotice, severity: AreaSeverity, mention: string | null): string {
  const where = [
    notice.area ? `area ${notice.area}` : null,
    notice.stage ? `stage ${notice.stage}` : null,
    notice.kind.endsWith('resolved') ? null : `${notice.failures} failure${notice.failures === 1 ? '' : 's'}`,
  ].filter(Boolean);
  const issue = notice.issue ? ` ${notice.issue.url}` : '';
  return `${mention ? `${mention} ` : ''}[${severity}] ${notice.summary}${where.length ? ` (${where.join(', ')})` : ''}${issue}`;
}

function fields(notice: ReleaseNotice, severity: AreaSeverity) {
  return [
    `*Job*\n\`${escapeMrkdwn(notice.job)}\``,
    `*Repository*\n${escapeMrkdwn(notice.repository)}`,
    `*Area*\n${notice.area ? escapeMrkdwn(notice.area) : '-'}`,
    `*Severity*\n${severity}`,
    `*Stage*\n${notice.stage ? escapeMrkdwn(notice.stage) : 'unknown'}`,
    `*Failures*\n${notice.failures}`,
  ].map((text) => ({ type: 'mrkdwn' as const, text }));
}

/**
 * The full message for a notice: the root of an issue's thread, the edited root once resolved,
 * or (incoming webhook only) the one message per state change.
 */
export function renderNoticeMessage(
  notice: ReleaseNotice,
  severity: AreaSeverity,
  mention: string | null,
): SlackMessage {
  if (notice.kind.startsWith('storm-')) return renderStormMessage(notice, severity, mention);
  const summary = `${mention ? `${mention} ` : ''}*${escapeMrkdwn(notice.summary)}*`;
  const blocks: SlackBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: HEADER[notice.kind], emoji: true } },
    { type: 'section', text: { type: 'mrkdwn', text: summary }, fields: fields(notice, severity) },
  ];
  const context = links(notice);
  if (notice.actor) context.unshift(`by ${escapeMrkdwn(notice.actor)}`);
  if (context.length)
    blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: context.join(' · ') }] });
  return { text: fallbackText(notice, severity, mention), blocks };
}

/** A reply in the issue's thread: one line of news and the links. */
export function renderThreadReply(
  notice: ReleaseNotice,
  severity: AreaSeverity,
  mention: string | null,
): SlackMessage {
  const detail = [
    notice.stage ? `stage \`${escapeMrkdwn(notice.stage)}\`` : null,
    notice.kind === 'resolved' ? null : `${notice.failures} failure${notice.failures === 1 ? '' : 's'}`,
    notice.snoozedUntil ? `until ${notice.snoozedUntil}` : null,
    ...links(notice),
  ].filter(Boolean);
  const emoji = HEADER[notice.kind].split(' ')[0];
  const text = `${emoji} ${mention ? `${mention} ` : ''}${escapeMrkdwn(notice.summary)}`;
  return {
    text: fallbackText(notice, severity, mention),
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text } },
      ...(detail.length
        ? [{ type: 'context' as const, elements: [{ type: 'mrkdwn' as const, text: detail.join(' · ') }] }]
        : []),
    ],
  };
}

const MAX_MEMBERS_SHOWN = 15;

/** One message for a whole storm: how many jobs, which, and the umbrella issue. */
function renderStormMessage(
  notice: ReleaseNotice,
  severity: AreaSeverity,
  mention: string | null,
): SlackMessage {
  const members = notice.members ?? [];
  const lines = members.slice(0, MAX_MEMBERS_SHOWN).map((member) => {
    const name = `\`${escapeMrkdwn(member.job)}\` (${escapeMrkdwn(member.repository)})`;
    return member.issue ? `• ${name} ${link(member.issue.url, `#${member.issue.number}`)}` : `• ${name}`;
  });
  if (members.length > MAX_MEMBERS_SHOWN) lines.push(`… and ${members.length - MAX_MEMBERS_SHOWN} more`);
  const blocks: SlackBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: HEADER[notice.kind], emoji: true } },
    {
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: `${mention ? `${mention} ` : ''}*${escapeMrkdwn(notice.summary)}* (${members.length} job${members.length === 1 ? '' : 's'})`,
      },
    },
  ];
  if (lines.length) blocks.push({ type: 'section', text: { type: 'mrkdwn', text: lines.join('\n') } });
  const context = links(notice);
  if (context.length)
    blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: context.join(' · ') }] });
  return {
    text: `${mention ? `${mention} ` : ''}[${severity}] ${notice.summary} (${members.length} jobs)${notice.issue ? ` ${notice.issue.url}` : ''}`,
    blocks,
  };
}

/** A reminder in the thread of an un-acknowledged critical issue. */
export function renderReminder(reminder: {
  job: string;
  mention: string | null;
  issueUrl: string | null;
  count: number;
}): SlackMessage {
  const issue = reminder.issueUrl ? link(reminder.issueUrl, 'the tracking issue') : 'the tracking issue';
  const text =
    `:alarm_clock: ${reminder.mention ? `${reminder.mention} ` : ''}Reminder ${reminder.count}: ` +
    `\`${escapeMrkdwn(reminder.job)}\` is still failing and nobody has acknowledged it. ` +
    `Comment \`/ack\` on ${issue} to take it, or \`/snooze 4h\`.`;
  return {
    text: `${reminder.mention ? `${reminder.mention} ` : ''}Reminder: ${reminder.job} is still failing and unacknowledged${reminder.issueUrl ? ` ${reminder.issueUrl}` : ''}`,
    blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }],
  };
}

/** A digest line for one info-severity notice. */
export function renderDigestLine(notice: ReleaseNotice): string {
  const issue = notice.issue ? ` ${link(notice.issue.url, `#${notice.issue.number}`)}` : '';
  return `${HEADER[notice.kind].split(' ')[0]} ${escapeMrkdwn(notice.summary)} (\`${escapeMrkdwn(notice.job)}\`)${issue}`;
}

const SECTION_LIMIT = 2900;

/** The day's digest: every held line, in order, split into sections under Slack's 3000-character limit. */
export function renderDigest(lines: readonly string[], day: string): SlackMessage {
  const sections: string[] = [];
  let current = '';
  for (const line of lines) {
    const next = current ? `${current}\n• ${line}` : `• ${line}`;
    if (next.length > SECTION_LIMIT && current) {
      sections.push(current);
      current = `• ${line}`;
    } else current = next;
  }
  if (current) sections.push(current);
  const title = `:newspaper: Release digest ${day}: ${lines.length} update${lines.length === 1 ? '' : 's'}`;
  return {
    text: title.replace(':newspaper: ', ''),
    blocks: [
      { type: 'header', text: { type: 'plain_text', text: title, emoji: true } },
      ...sections
        .slice(0, 48)
        .map((text) => ({ type: 'section' as const, text: { type: 'mrkdwn' as const, text } })),
    ],
  };
}
