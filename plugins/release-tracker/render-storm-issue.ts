import type { StormJob } from './decide-storm.js';
import { code, utcMinute } from './render-text.js';
import type { TrackingIssueRef } from './tracker-state.js';
import { statusBlock, trackingMarker } from './tracking-marker.js';

/** What the umbrella text needs beside its members. */
export interface StormText {
  readonly org: string;
  /** The storm's marker key (see {@link stormKey}). */
  readonly key: string;
  readonly threshold: number;
  readonly window: string;
  /** Where the umbrella is filed: member issues there are written `#N`. */
  readonly issueRepository: string;
}

/**
 * The key a storm's umbrella carries in its marker (and its notices in `trackingKey`); it cannot
 * be a job's key, which always has the form `owner/repo/job`.
 *
 * @example
 * stormKey('example-ack', 3); // 'storm:example-ack#3'
 */
export function stormKey(org: string, id: number): string {
  return `storm:${org}#${id}`;
}

/**
 * @example
 * renderStormTitle('example-ack', 31, '2025-05-14T17:19:00.000Z');
 * // '[release-storm] 31 release jobs of example-ack failing since 2025-05-14 17:19 UTC'
 */
export function renderStormTitle(org: string, count: number, since: string | null): string {
  return `[release-storm] ${count} release jobs of ${org} failing since ${utcMinute(since)}`;
}

/** The umbrella's body: its marker, the member list (the status block Sheriff rewrites), what to do. */
export function renderStormBody(text: StormText, members: readonly StormJob[]): string {
  return [
    trackingMarker(text.key),
    `### Many release jobs of ${code(text.org)} are failing at once`,
    '',
    renderStormBlock(text, members),
    '',
    '#### What this is',
    '',
    `More than ${text.threshold} release jobs of ${code(text.org)} failed within ${text.window}: most likely one shared cause (a registry outage, expired credentials, a broken base image). Sheriff lists them here instead of alerting for each one.`,
    '',
    '- Each job keeps its own tracking issue (its owners, its logs, its recovery); their notifications are held back while this storm lasts.',
    '- Sheriff closes this issue when every job listed passes again. Everything outside the status block is yours to edit.',
  ].join('\n');
}

/** The member list: failing ones first (by name), then the ones that pass again. */
export function renderStormBlock(text: StormText, members: readonly StormJob[]): string {
  const failing = members.filter((member) => member.failing);
  const sorted = [...members].sort(
    (a, b) => Number(b.failing) - Number(a.failing) || a.key.localeCompare(b.key),
  );
  const lines = [
    failing.length > 0
      ? `**Status: ${failing.length} of ${members.length} release jobs failing**`
      : `**Status: all ${members.length} release jobs pass again**`,
    '',
    ...sorted.map((member) => {
      const mark = member.failing ? '✗' : '✓';
      const issue = member.issue ? `: ${issueRef(member.issue, text.issueRepository)}` : '';
      const since = member.failing && member.failedAt ? ` (failed ${utcMinute(member.failedAt)})` : '';
      const state = member.failing ? '' : ' (passes again)';
      return `- ${mark} ${code(member.job)} in ${code(member.repository)}${issue}${since}${state}`;
    }),
  ];
  return statusBlock(lines.join('\n'));
}

/**
 * The comment that links a job's own issue to the umbrella ("part of").
 *
 * @example
 * renderStormLink(text, { repository: 'example-ack/community', number: 40 }, jobIssue);
 * // '<!-- sheriff:storm-link v1 key=storm:example-ack#1 -->\nPart of #40: ...'
 */
export function renderStormLink(
  text: StormText,
  umbrella: TrackingIssueRef,
  member: TrackingIssueRef,
): string {
  return [
    stormLinkMarker(text.key),
    `Part of ${issueRef(umbrella, member.repository)}: more than ${text.threshold} release jobs of ${code(text.org)} failed within ${text.window}, most likely for one shared cause. Notifications go out for the umbrella only; this issue stays the record for this job and closes when it passes again.`,
  ].join('\n');
}

/** The comment closing the umbrella. */
export function renderStormResolved(text: StormText, members: readonly StormJob[]): string {
  return `<!-- sheriff:storm-resolved v1 key=${text.key} -->\nAll ${members.length} release jobs listed pass again. Closing this issue.`;
}

/** The first line of a link comment: a retry looks for it before posting again. */
export function stormLinkMarker(key: string): string {
  return `<!-- sheriff:storm-link v1 key=${key} -->`;
}

/** `#12` within the same repository, `owner/name#12` across. */
export function issueRef(issue: TrackingIssueRef, from: string): string {
  return issue.repository.toLowerCase() === from.toLowerCase()
    ? `#${issue.number}`
    : `${issue.repository}#${issue.number}`;
}
