import type { JobRun } from './job-run.js';
import { describeRun, handle } from './render-tracking-issue.js';
import { code, humanDuration, logsLink, plural, utcMinute } from './render-text.js';
import { type Episode, runRefOf } from './tracker-state.js';
import { commentMarker } from './tracking-marker.js';

/** The only reasons Sheriff comments on a tracking issue (everything else edits the status block). */
export type TrackerCommentKind = 'stage' | 'after-human' | 'reminder' | 'recovery' | 'blocked';

export interface CommentInput {
  readonly key: string;
  readonly job: string;
  readonly run: JobRun;
  /** The episode as it is after the run. */
  readonly episode: Episode;
  readonly consecutiveFailures: number;
  readonly mentionOwners: boolean;
  /** For `stage`: the stage before. */
  readonly previousStage?: string | null;
}

/**
 * The text of one tracker comment, opened by its marker (so a retried delivery finds it).
 *
 * @example
 * renderTrackerComment('recovery', input);
 * // '<!-- sheriff:tracking-comment v1 ... kind=recovery -->\n`post-lambda-controller-release` passed again: ...'
 */
export function renderTrackerComment(kind: TrackerCommentKind, input: CommentInput): string {
  const { job, run, episode } = input;
  const marker = commentMarker(input.key, run.runId, kind);
  const latest = describeRun(runRefOf(run));
  switch (kind) {
    case 'stage':
      return `${marker}\nThe failing stage of ${code(job)} changed: ${input.previousStage ? code(input.previousStage) : 'unknown'} → ${code(episode.stage ?? 'unknown')}. Latest failure: ${latest}.`;
    case 'after-human':
      return `${marker}\n${code(job)} failed again after the last activity here: ${latest} (${plural(input.consecutiveFailures, 'consecutive failure')}).`;
    case 'reminder': {
      const owners = (episode.routing?.owners ?? []).map((owner) => handle(owner, input.mentionOwners));
      const to = owners.length > 0 ? `${owners.join(' ')}: ` : '';
      return `${marker}\n${to}${code(job)} has failed ${input.consecutiveFailures} times in a row, since ${utcMinute(episode.firstFailure.at)}. Latest failure: ${latest}. Comment \`/ack\` if you are on it, or \`/snooze 1d\`.`;
    }
    case 'blocked': {
      const blockedBy = episode.blockedBy;
      const where = run.ref
        ? code(run.ref)
        : run.sha
          ? `commit ${code(run.sha.slice(0, 12))}`
          : 'the same code';
      return `${marker}\n${code(job)} (${code(run.repository)}) failed too for ${where}: ${logsLink(run.url)}. It is blocked by this failure${blockedBy ? ` (stage ${code(blockedBy.stage)} comes before it)` : ''}, so Sheriff files no issue of its own for it while this one is open.`;
    }
    case 'recovery': {
      const fix = episode.firstSuccess ?? runRefOf(run);
      const first = episode.firstFailure.at;
      const broken =
        first !== null && fix.at !== null
          ? humanDuration(Date.parse(fix.at) - Date.parse(first))
          : 'an unknown time';
      const since = `(since ${utcMinute(first)}, ${plural(episode.failures, 'failing run')})`;
      // A canary recovers by a promotion, a marker by changing: neither has a fixing commit.
      if (run.system === 'flagger')
        return `${marker}\nCanary ${code(job)} promoted: revision ${code(fix.buildId ?? 'unknown')} rolled out at ${utcMinute(fix.at)}. It was failing for ${broken} ${since}. Closing this issue.`;
      if (run.source === 'freshness')
        return `${marker}\n${code(job)} changed again at ${utcMinute(fix.at)}. It was stale for ${broken} ${since}. Closing this issue.`;
      return `${marker}\n${code(job)} passed again, fixed by ${describeRun(fix)}. It was broken for ${broken} (since ${utcMinute(first)}, ${plural(episode.failures, 'failing run')}). Closing this issue.`;
    }
  }
}
