import type { StormPolicy } from './release-tracker-config.js';
import type { TrackingIssueRef } from './tracker-state.js';

/** One release job as a storm sees it: failing or passing again, and its own tracking issue. */
export interface StormJob {
  readonly key: string;
  readonly repository: string;
  readonly job: string;
  /** Its latest counted run failed. */
  readonly failing: boolean;
  /** When its latest failing run finished (the run's own time). */
  readonly failedAt: string | null;
  /** The job's own tracking issue, when it has one. */
  readonly issue: TrackingIssueRef | null;
  /** The umbrella its issue already names as "part of" (it opened while the storm was open). */
  readonly umbrella?: TrackingIssueRef | null;
}

/** An org's unresolved storm. */
export interface ActiveStorm {
  readonly id: number;
  readonly org: string;
  /** The umbrella; null while it is being opened (or after a crash before it was recorded). */
  readonly issue: TrackingIssueRef | null;
  readonly members: readonly StormJob[];
}

/** What one job's new run means for its org's storm. */
export type StormDecision =
  | { readonly type: 'none'; readonly reason: string }
  /** Open the umbrella listing these jobs (or adopt the one an interrupted attempt opened). */
  | { readonly type: 'open'; readonly members: readonly StormJob[]; readonly reason: string }
  /** Add the job to the open storm. */
  | { readonly type: 'join'; readonly member: StormJob; readonly reason: string }
  /** A member's state changed: bring the umbrella's list up to date. */
  | { readonly type: 'update'; readonly reason: string }
  /** Every member passes again: close the umbrella. */
  | { readonly type: 'resolve'; readonly reason: string };

export interface StormInput {
  /** The job whose run was just applied, as it is now. */
  readonly job: StormJob;
  readonly active: ActiveStorm | null;
  /** The org's release jobs failing within the window (read only when no storm is open). */
  readonly failing: readonly StormJob[];
}

/**
 * The storm decision, pure: a failure that makes more than `threshold` distinct release jobs of
 * the org fail within the window opens one umbrella; while it is open, every other failing job of
 * the org joins it; it resolves once every member passes again.
 *
 * @example
 * decideStorm({ job, active: null, failing: elevenJobs }, { threshold: 10 }).type; // 'open'
 */
export function decideStorm(input: StormInput, policy: Pick<StormPolicy, 'threshold'>): StormDecision {
  const { job, active } = input;
  if (!active) {
    if (!job.failing) return { type: 'none', reason: 'passing, and no storm is open' };
    if (input.failing.length <= policy.threshold)
      return {
        type: 'none',
        reason: `${input.failing.length} release jobs failing within the window (a storm is more than ${policy.threshold})`,
      };
    return {
      type: 'open',
      members: input.failing,
      reason: `${input.failing.length} release jobs failing within the window`,
    };
  }
  const member = active.members.find((candidate) => candidate.key === job.key);
  if (active.issue === null) {
    // An attempt claimed the storm and stopped before recording its umbrella: finish opening it.
    const members = member ? active.members : [...active.members, ...(job.failing ? [job] : [])];
    return { type: 'open', members, reason: 'the umbrella of the open storm is not recorded yet' };
  }
  if (!member) {
    if (!job.failing) return { type: 'none', reason: 'passing, and not part of the storm' };
    return { type: 'join', member: job, reason: 'failing while a storm is open' };
  }
  const members = active.members.map((candidate) => (candidate.key === job.key ? job : candidate));
  if (members.every((candidate) => !candidate.failing))
    return { type: 'resolve', reason: 'every job of the storm passes again' };
  return { type: 'update', reason: job.failing ? 'a member failed again' : 'a member passes again' };
}
