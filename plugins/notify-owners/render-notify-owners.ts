import { CONFIG_PATH } from '../../src/config/sheriff-config-schema.js';
import type { Mention, MentionReason, NotifyOwnersDecision } from './decide-notify-owners.js';

export interface RenderOptions {
  cooldownMinutes: number;
}

/**
 * The reply for a decision (it follows `@commenter: ` in Prow's reply format). Only the people in
 * `mentions` are written with `@`; everyone else is named in code spans, which do not notify.
 *
 * @example
 * renderNotifyOwners(decision, { cooldownMinutes: 1440 });
 * // 'notifying the owners of `s3`:\n\n- @cy-s3: approver of area `s3` (`services/s3/OWNERS`)\n...'
 */
export function renderNotifyOwners(decision: NotifyOwnersDecision, options: RenderOptions): string {
  if (decision.kind === 'unknown-targets') {
    const what = decision.unknown.map(code).join(', ');
    const noun = decision.unknown.length === 1 ? 'is not a known area' : 'are not known areas';
    return `${what} ${noun} (a path needs a \`/\` or a \`.\`). ${knownAreasSentence(decision.knownAreas)}`;
  }
  if (decision.kind === 'no-areas') {
    const from =
      decision.from === 'labels'
        ? "none of this issue's labels belongs to an area"
        : "none of this pull request's changed files belongs to an area";
    return `${from}, so there is no one to notify. Name the areas: \`/notify-owners <area>\`. ${knownAreasSentence(decision.knownAreas)}`;
  }

  const subjects = decision.subjects.map(code).join(', ');
  const paragraphs: string[] = [];
  if (decision.mentions.length > 0) {
    paragraphs.push(
      `notifying the owners of ${subjects}:`,
      decision.mentions.map((mention) => `- @${mention.login}: ${reasonsText(mention)}`).join('\n'),
    );
    if (decision.message !== undefined) paragraphs.push(`> ${decision.message}`);
  } else if (decision.coolingDown.length > 0) {
    paragraphs.push(`the owners of ${subjects} have already been notified on this issue.`);
  } else {
    paragraphs.push(
      `no one to notify for ${subjects}: it has no owners other than you, the author and bots. ` +
        `Owners come from OWNERS files and from \`areas.<name>.owners\` in \`${CONFIG_PATH}\`.`,
    );
  }
  if (decision.coolingDown.length > 0) {
    const who = decision.coolingDown.map(({ login, pingedAt }) => `${code(login)} (${utcMinute(pingedAt)})`);
    paragraphs.push(
      `Not pinged again, as they were notified here within the last ${duration(options.cooldownMinutes)}: ${who.join(', ')}.`,
    );
  }
  if (decision.overLimit.length > 0) {
    paragraphs.push(
      `Not mentioned, to keep this short: ${decision.overLimit.map(code).join(', ')}. Name fewer areas to reach them.`,
    );
  }
  if (decision.unlistedTeams.length > 0) {
    paragraphs.push(
      `The members of ${decision.unlistedTeams.map(code).join(', ')} could not be listed (does the team exist, and can Sheriff see it?).`,
    );
  }
  return paragraphs.join('\n\n');
}

function reasonsText(mention: Mention): string {
  return mention.reasons.map(reasonText).join('; ');
}

function reasonText(reason: MentionReason): string {
  const of =
    reason.area === null
      ? code(reason.path ?? '')
      : `area ${code(reason.area)}${reason.path ? ` for ${code(reason.path)}` : ''}`;
  return `${reason.role} of ${of} (${originText(reason)})`;
}

function originText(reason: MentionReason): string {
  const { origin } = reason;
  if (origin.kind === 'owners-file') return code(origin.file);
  const via = origin.team
    ? `, team ${code(origin.team)}`
    : origin.alias
      ? `, alias ${code(origin.alias)} of OWNERS_ALIASES`
      : '';
  return `${code(CONFIG_PATH)} ${code(`areas.${origin.area}.owners`)}${via}`;
}

function knownAreasSentence(areas: readonly string[]): string {
  if (areas.length === 0)
    return `This repository has no areas yet: define them under \`areas\` in \`${CONFIG_PATH}\`, or add \`service/<name>\` labels to OWNERS files.`;
  return `Known areas: ${areas.map(code).join(', ')}.`;
}

/** A code span; backticks inside are dropped (names and paths do not contain them). */
function code(text: string): string {
  return `\`${text.replace(/`/g, '')}\``;
}

function utcMinute(date: Date): string {
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

function duration(minutes: number): string {
  const unit = (count: number, name: string) =>
    `${count === 1 ? '' : `${count} `}${name}${count === 1 ? '' : 's'}`;
  if (minutes % 1440 === 0) return unit(minutes / 1440, 'day');
  if (minutes % 60 === 0) return unit(minutes / 60, 'hour');
  return unit(minutes, 'minute');
}
