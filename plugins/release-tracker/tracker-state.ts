import type { AreaSeverity } from '../../src/areas/service-area-schema.js';
import type { CiSystem, JobRun, JobType } from './job-run.js';
import type { BlockingFailure } from './release-stage-graph.js';

/** The facts of one run the issue shows: where, which commit, when, the logs. */
export interface RunRef {
  readonly runId: string;
  readonly sha: string | null;
  readonly ref: string | null;
  readonly url: string | null;
  readonly buildId: string | null;
  /** When the run finished (the event's time, not Sheriff's). */
  readonly at: string | null;
}

export interface TrackingIssueRef {
  /** `owner/name` of the repository the issue is filed in. */
  readonly repository: string;
  readonly number: number;
}

/** One owner tagged on the issue, and why (shown next to the mention). */
export interface OwnerMention {
  /** A login, or `org/team-slug` for a team from config (mentioned, never assigned). */
  readonly handle: string;
  readonly kind: 'login' | 'team';
  readonly reason: string;
}

/** Whom an episode concerns: its service area and owners, fixed when the issue opens. */
export interface TrackerRouting {
  readonly area: string | null;
  readonly severity: AreaSeverity;
  readonly owners: readonly OwnerMention[];
}

/** A run of consecutive failures of one job, from its first failure until it recovers. */
export interface Episode {
  readonly firstFailure: RunRef;
  readonly lastFailure: RunRef;
  /** Failing runs in the episode (a success under `closeAfter` does not end it). */
  readonly failures: number;
  /** The first success of the current streak while recovering: the fixing commit. */
  readonly firstSuccess: RunRef | null;
  readonly stage: string | null;
  readonly system: CiSystem;
  readonly jobType: JobType;
  readonly routing: TrackerRouting | null;
  readonly issue: TrackingIssueRef | null;
  /** Sheriff's clock when the issue opened (MTTD). */
  readonly openedAt: string | null;
  /** A person closed the issue while the job still failed: Sheriff leaves it closed. */
  readonly closedByHuman: boolean;
  /** Sheriff's clock when it last commented (a human action after it is news). */
  readonly lastCommentAt: string | null;
  /** The `remindAt` counts already reminded about (or passed while acknowledged). */
  readonly reminded: readonly number[];
  /** The storm umbrella this failure is part of, when one was open as the issue opened (storm control). */
  readonly umbrella?: TrackingIssueRef | null;
  /** The release pipeline around the failing stage (`stages` config), as the issue shows it. */
  readonly stageChain?: string | null;
  /** The upstream failure this one is folded into (no issue of its own while it lasts). */
  readonly blockedBy?: BlockingFailure | null;
  /** The job's recent pass/fail pattern (oldest first, `✓✗✓`) and its flips, when it has any. */
  readonly recent?: { readonly pattern: string; readonly flips: number } | null;
  /** The job flips between pass and fail (flaky detection): its issue stays open until it is stable. */
  readonly flaky?: boolean;
  /** The flaky label has been put on the issue. */
  readonly flakyLabelled?: boolean;
}

/** Everything the tracker remembers about one tracking key between runs (stored as JSON). */
export interface TrackerState {
  readonly version: 1;
  readonly repository: string;
  readonly job: string;
  readonly consecutiveFailures: number;
  readonly consecutiveSuccesses: number;
  /** When the latest counted run finished: an older run arriving late changes nothing. */
  readonly lastRunAt: string | null;
  readonly episode: Episode | null;
}

/** What people said on the issue (commands, comments), kept apart from the job-driven state. */
export interface HumanMarks {
  readonly muted: boolean;
  readonly ackedBy: string | null;
  /** Sheriff's clock. */
  readonly snoozedUntil: string | null;
  /** Sheriff's clock: the last comment or reopen by a person (not a tracker command). */
  readonly humanActionAt: string | null;
  /** Sheriff's clock: a person closed the current issue (cleared when they reopen it). */
  readonly humanClosedAt: string | null;
}

/** The previous state `reconcile` starts from. */
export interface TrackerSnapshot {
  readonly key: string;
  readonly state: TrackerState;
  readonly marks: HumanMarks;
}

export const NO_MARKS: HumanMarks = {
  muted: false,
  ackedBy: null,
  snoozedUntil: null,
  humanActionAt: null,
  humanClosedAt: null,
};

/**
 * The state of a key never seen before.
 *
 * @example
 * initialTrackerState(run).episode; // null
 */
export function initialTrackerState(run: Pick<JobRun, 'repository' | 'job'>): TrackerState {
  return {
    version: 1,
    repository: run.repository,
    job: run.job,
    consecutiveFailures: 0,
    consecutiveSuccesses: 0,
    lastRunAt: null,
    episode: null,
  };
}

/** The facts of a run an episode keeps. */
export function runRefOf(run: JobRun): RunRef {
  return {
    runId: run.runId,
    sha: run.sha,
    ref: run.ref,
    url: run.url,
    buildId: run.buildId,
    at: run.finishedAt,
  };
}

/**
 * The state once the issue an `open-issue` action asked for exists (or was found by its marker).
 *
 * @example
 * withOpenedIssue(plan.next, { repository: 'example-ack/community', number: 2311 }).episode?.issue?.number; // 2311
 */
export function withOpenedIssue(state: TrackerState, issue: TrackingIssueRef): TrackerState {
  if (!state.episode) return state;
  return { ...state, episode: { ...state.episode, issue } };
}
