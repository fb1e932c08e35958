import type { CiSystem, JobType } from './job-run.js';
import { issueRef } from './render-storm-issue.js';
import { code, logsLink, plural, shortSha, utcMinute } from './render-text.js';
import type { Episode, HumanMarks, OwnerMention, RunRef, TrackerState } from './tracker-state.js';
import { statusBlock, trackingMarker } from './tracking-marker.js';

/** What the issue text needs beside the state: the parts of the config it mentions. */
export interface IssueTextOptions {
  readonly retryCommand: string;
  readonly closeAfter: number;
  readonly mentionOwners: boolean;
}

/**
 * The title a new tracking issue gets (people may re-title it; Sheriff never touches it again).
 *
 * @example
 * renderTrackingTitle(state, episode);
 * // '[release-failure] lambda-controller v1.7.3: post-lambda-controller-release failed'
 */
export function renderTrackingTitle(state: TrackerState, episode: Episode): string {
  const repo = state.repository.split('/').pop() ?? state.repository;
  const where = episode.firstFailure.ref ?? shortSha(episode.firstFailure.sha);
  const stage = episode.stage ? ` at stage ${episode.stage}` : '';
  if (episode.flaky) return `[release-flaky] ${repo}${where ? ` ${where}` : ''}: ${state.job} is flaky`;
  return `[release-failure] ${repo}${where ? ` ${where}` : ''}: ${state.job} failed${stage}`;
}

/**
 * The whole body of a new tracking issue: the identity marker, the status block, the owners
 * tagged and why, and what to do.
 *
 * @example
 * renderTrackingBody(key, state, marks, episode, options);
 * // '<!-- sheriff:tracking v1 key=... -->\n### Release job `post-lambda-controller-release` is failing\n\n<!-- sheriff:status:start -->...'
 */
export function renderTrackingBody(
  key: string,
  state: TrackerState,
  marks: HumanMarks,
  episode: Episode,
  options: IssueTextOptions,
): string {
  const owners = episode.routing?.owners ?? [];
  const ownerLines =
    owners.length > 0
      ? owners.map((owner) => `- ${handle(owner, options.mentionOwners)}: ${owner.reason}`)
      : [
          '- No owners found for this job: give it a service area (`areas.<name>.jobs` in `.github/sheriff.yml`) whose OWNERS or `owners` name people.',
        ];
  return [
    trackingMarker(key),
    `### Release job ${code(state.job)} is failing`,
    '',
    renderStatusBlock(state, marks, episode, options),
    '',
    '#### Owners',
    '',
    ...ownerLines,
    '',
    '#### What to do',
    '',
    `- To retry the job, comment ${code(options.retryCommand)}.`,
    '- `/ack`: you are on it (assigns you and stops reminders). `/snooze <duration>` (e.g. `/snooze 1d`): no reminders for a while. `/mute`: Sheriff stops tracking this job until `/unmute`.',
    `- Sheriff closes this issue when the job passes again (after ${plural(options.closeAfter, 'successful run')}). Everything outside the status block is yours to edit.`,
  ].join('\n');
}

/**
 * The block Sheriff rewrites on every update (with its markers): status, job, area, stage, first
 * and last failure, and the counts.
 *
 * @example
 * renderStatusBlock(state, marks, episode, options);
 * // '<!-- sheriff:status:start -->\n**Status: failing** (1 consecutive failure)\n\n- **Job**: ...'
 */
export function renderStatusBlock(
  state: TrackerState,
  marks: HumanMarks,
  episode: Episode,
  options: IssueTextOptions,
): string {
  const routing = episode.routing;
  const status = episode.flaky
    ? `**Status: flaky** (${plural(episode.recent?.flips ?? 0, 'flip')} between pass and fail in the last ${plural(episode.recent?.pattern.length ?? 0, 'run')}; this issue stays open until the job is stable)`
    : state.consecutiveSuccesses > 0
      ? `**Status: passing again** (${state.consecutiveSuccesses} of ${plural(options.closeAfter, 'successful run')} needed to close)`
      : `**Status: failing** (${plural(state.consecutiveFailures, 'consecutive failure')})`;
  const lines = [
    status,
    '',
    `- **Job**: ${code(state.job)} (${describeJob(episode.system, episode.jobType)}) in ${code(state.repository)}`,
    `- **Service area**: ${routing?.area ? `${code(routing.area)} (${routing.severity})` : `none (${routing?.severity ?? 'warning'})`}`,
    `- **Failing stage**: ${episode.stage ? code(episode.stage) : 'unknown (see the logs)'}`,
    ...(episode.stageChain ? [`- **Release stages**: ${episode.stageChain}`] : []),
    ...(episode.recent ? [`- **Recent runs** (oldest first): ${episode.recent.pattern}`] : []),
    `- **First failure**: ${describeRun(episode.firstFailure)}`,
    `- **Last failure**: ${describeRun(episode.lastFailure)}`,
    `- **Failing runs in this episode**: ${episode.failures}`,
  ];
  if (episode.umbrella)
    lines.push(
      `- **Part of**: ${issueRef(episode.umbrella, episode.issue?.repository ?? episode.umbrella.repository)}, where many release jobs of the org fail at once (notifications go out for it only)`,
    );
  if (marks.ackedBy) lines.push(`- **Acknowledged by**: ${marks.ackedBy} (no reminders)`);
  if (marks.snoozedUntil) lines.push(`- **Reminders snoozed until**: ${utcMinute(marks.snoozedUntil)}`);
  return statusBlock(lines.join('\n'));
}

/** `commit `c342365ab463` (`v1.7.3`), 2025-05-14 17:19 UTC, [logs](...)`. */
export function describeRun(run: RunRef): string {
  const commit = run.sha ? `commit ${code(shortSha(run.sha)!)}` : 'unknown commit';
  const ref = run.ref ? ` (${code(run.ref)})` : '';
  return `${commit}${ref}, ${utcMinute(run.at)}, ${logsLink(run.url)}`;
}

/** `@login` (a mention) or a code span (no notification). */
export function handle(owner: OwnerMention, mention: boolean): string {
  return mention ? `@${owner.handle}` : code(owner.handle);
}

function describeJob(system: CiSystem, jobType: JobType): string {
  const by: Record<CiSystem, string> = {
    prow: 'Prow',
    actions: 'GitHub Actions',
    checks: 'check run',
    statuses: 'commit status',
    flagger: 'Flagger',
    watchdog: 'freshness watchdog',
  };
  return jobType === 'unknown' ? by[system] : `${by[system]} ${jobType}`;
}
