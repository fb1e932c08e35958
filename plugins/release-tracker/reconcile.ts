import { type JobRun, outcomeOf } from './job-run.js';
import type { ReleaseTrackerConfig } from './release-tracker-config.js';
import { renderTrackerComment, type TrackerCommentKind } from './render-tracker-comments.js';
import { renderStatusBlock, renderTrackingBody, renderTrackingTitle } from './render-tracking-issue.js';
import type { TrackerAction, TrackerEvent, TrackerPlan } from './tracker-action.js';
import {
  type Episode,
  type HumanMarks,
  runRefOf,
  type TrackerRouting,
  type TrackerSnapshot,
  type TrackerState,
} from './tracker-state.js';
import { trackingLabels } from './tracking-labels.js';

/** The parts of `plugins.release-tracker` the decision reads. */
export type TrackerPolicy = Pick<
  ReleaseTrackerConfig,
  | 'issueRepo'
  | 'openAfter'
  | 'closeAfter'
  | 'remindAt'
  | 'severity'
  | 'labels'
  | 'maxAssignees'
  | 'mentionOwners'
  | 'retryCommand'
>;

/** What the shell observed for one reconciliation. */
export interface TrackerObservation {
  /** The run, merged with what earlier signals said about it (its stage). */
  readonly run: JobRun;
  /** The run was already applied; only its failing stage is new (a late `workflow_job`). */
  readonly stageOnly: boolean;
  /** The tracked issue as GitHub shows it now (a deleted one reads as closed); null when none is tracked. */
  readonly issue: { readonly state: 'open' | 'closed' } | null;
  /** The job's area and owners: needed when an issue may open (see {@link mayOpenIssue}). */
  readonly routing: TrackerRouting | null;
  /** Sheriff's clock (ISO 8601): snoozes, comment and human-action times are on it. */
  readonly now: string;
}

/**
 * Whether this run may open an issue, so the shell must load the job's area and OWNERS first.
 *
 * @example
 * mayOpenIssue(snapshot, failingRun, { openAfter: 1 }); // true when no issue is tracked yet
 */
export function mayOpenIssue(
  previous: TrackerSnapshot,
  run: JobRun,
  policy: Pick<TrackerPolicy, 'openAfter'>,
): boolean {
  return (
    outcomeOf(run.state) === 'failed' &&
    !previous.marks.muted &&
    !previous.state.episode?.issue &&
    previous.state.consecutiveFailures + 1 >= policy.openAfter
  );
}

/**
 * The tracker's whole decision, pure: given the key's previous state (and what people said on
 * the issue), one observed run, and the config, the next state and the GitHub actions.
 *
 * - A failure opens the issue once `openAfter` consecutive failures are reached; later failures
 *   only rewrite the status block, and comment just for news: a new failing stage, the first
 *   failure after a person's action, or a `remindAt` count (unless acknowledged). A snooze holds
 *   comments back; a mute holds everything.
 * - A success while an issue is open closes it (with a recovery comment naming the fixing commit
 *   and the time broken) after `closeAfter` consecutive successes.
 * - Humans win: an issue a person closed while the job still fails stays closed and silent until
 *   the job recovers; what people wrote outside the status block, titles and labels are never
 *   touched.
 * - A run older than the last one counted (a late redelivery) and a cancelled or unfinished run
 *   change nothing.
 *
 * @example
 * const plan = reconcile(snapshot, { run, stageOnly: false, issue: null, routing, now }, policy);
 * plan.actions.map((action) => action.type); // ['ensure-labels', 'open-issue']
 */
export function reconcile(
  previous: TrackerSnapshot,
  observed: TrackerObservation,
  policy: TrackerPolicy,
): TrackerPlan {
  if (observed.stageOnly) return onStageLearned(previous, observed, policy);
  const { state } = previous;
  const { run } = observed;
  const outcome = outcomeOf(run.state);
  if (outcome === 'uncounted') return keep(state, `a ${run.state} run counts as neither pass nor fail`);
  if (isBefore(run.finishedAt, state.lastRunAt)) return keep(state, 'a run older than the last one counted');
  const counted: TrackerState = {
    ...state,
    consecutiveFailures: outcome === 'failed' ? state.consecutiveFailures + 1 : 0,
    consecutiveSuccesses: outcome === 'passed' ? state.consecutiveSuccesses + 1 : 0,
    lastRunAt: run.finishedAt ?? state.lastRunAt,
  };
  return outcome === 'failed'
    ? onFailure(previous, counted, observed, policy)
    : onSuccess(previous, counted, observed, policy);
}

function onFailure(
  previous: TrackerSnapshot,
  counted: TrackerState,
  observed: TrackerObservation,
  policy: TrackerPolicy,
): TrackerPlan {
  const { key, marks } = previous;
  const { run, now } = observed;
  const before = previous.state.episode;
  const stageChanged =
    before !== null && before.stage !== null && run.stage !== null && run.stage !== before.stage;
  let episode: Episode = before
    ? {
        ...before,
        lastFailure: runRefOf(run),
        failures: before.failures + 1,
        firstSuccess: null,
        stage: run.stage ?? before.stage,
      }
    : startEpisode(run);

  if (marks.muted)
    return plan({ ...counted, episode }, [], [], 'muted: the run is counted, nothing is posted');

  if (!episode.issue) {
    if (counted.consecutiveFailures < policy.openAfter)
      return plan({ ...counted, episode }, [], [], `failing, below openAfter (${policy.openAfter})`);
    const routing = observed.routing ?? { area: null, severity: policy.severity, owners: [] };
    episode = {
      ...episode,
      routing,
      openedAt: now,
      // Counts already passed at opening are not reminders: the new issue says it all.
      reminded: policy.remindAt.filter((count) => counted.consecutiveFailures >= count),
    };
    const next = { ...counted, episode };
    const repository = policy.issueRepo ?? counted.repository;
    const labels = trackingLabels(episode.system, routing, policy.labels);
    const assignees = routing.owners
      .filter((owner) => owner.kind === 'login')
      .slice(0, policy.maxAssignees)
      .map((owner) => owner.handle);
    const actions: TrackerAction[] = [
      ...(policy.labels.create ? [{ type: 'ensure-labels' as const, repository, labels }] : []),
      {
        type: 'open-issue',
        repository,
        title: renderTrackingTitle(next, episode),
        body: renderTrackingBody(key, next, marks, episode, policy),
        labels,
        assignees,
      },
    ];
    const opened: TrackerEvent = {
      type: 'opened',
      firstFailureRunId: episode.firstFailure.runId,
      firstFailureAt: episode.firstFailure.at,
    };
    return plan(next, actions, [opened], 'failing: opens the tracking issue');
  }

  if (isClosed(observed, marks)) {
    const events: TrackerEvent[] = episode.closedByHuman ? [] : [{ type: 'human-closed' }];
    return plan(
      { ...counted, episode: { ...episode, closedByHuman: true } },
      [],
      events,
      'a person closed the issue: it stays closed until the job recovers',
    );
  }
  const reopened = episode.closedByHuman;
  episode = { ...episode, closedByHuman: false };
  const due = policy.remindAt.filter(
    (count) => counted.consecutiveFailures >= count && !episode.reminded.includes(count),
  );
  let kind: TrackerCommentKind | null = null;
  if (!isSnoozed(marks, now)) {
    if (stageChanged) kind = 'stage';
    else if (reopened || actedSince(marks, episode.lastCommentAt ?? episode.openedAt)) kind = 'after-human';
    else if (due.length > 0 && !marks.ackedBy) kind = 'reminder';
  }
  // Any comment covers the reminders due; an /ack waives them for the episode; a snooze defers them.
  if (due.length > 0 && (kind !== null || marks.ackedBy))
    episode = { ...episode, reminded: [...episode.reminded, ...due] };
  if (kind !== null) episode = { ...episode, lastCommentAt: now };
  const next = { ...counted, episode };
  const issue = episode.issue!;
  const actions: TrackerAction[] = [
    { type: 'update-status', issue, block: renderStatusBlock(next, marks, episode, policy) },
  ];
  if (kind !== null) {
    actions.push({
      type: 'comment',
      issue,
      kind,
      body: renderTrackerComment(kind, {
        key,
        job: counted.job,
        run,
        episode,
        consecutiveFailures: counted.consecutiveFailures,
        mentionOwners: policy.mentionOwners,
        previousStage: before?.stage ?? null,
      }),
    });
  }
  return plan(next, actions, [], kind ? `still failing: ${kind} comment` : 'still failing: status edited');
}

function onSuccess(
  previous: TrackerSnapshot,
  counted: TrackerState,
  observed: TrackerObservation,
  policy: TrackerPolicy,
): TrackerPlan {
  const { key, marks } = previous;
  const { run } = observed;
  const before = previous.state.episode;
  if (!before) return plan(counted, [], [], 'passing');
  if (!before.issue)
    return plan({ ...counted, episode: null }, [], [], 'recovered before an issue was opened');
  const episode: Episode = { ...before, firstSuccess: before.firstSuccess ?? runRefOf(run) };
  if (marks.muted)
    return plan({ ...counted, episode }, [], [], 'muted: the run is counted, nothing is posted');

  const fix = episode.firstSuccess!;
  const ended = (by: 'recovery' | 'human'): TrackerEvent => ({
    type: 'ended',
    firstFailureRunId: episode.firstFailure.runId,
    by,
    fixingSha: fix.sha,
    brokenSeconds:
      fix.at !== null && episode.firstFailure.at !== null
        ? (Date.parse(fix.at) - Date.parse(episode.firstFailure.at)) / 1000
        : null,
  });
  const closed = observed.issue
    ? isClosed(observed, marks)
    : episode.closedByHuman || marks.humanClosedAt !== null;
  if (closed)
    return plan(
      { ...counted, episode: null },
      [],
      [ended('human')],
      'recovered; a person had closed the issue',
    );

  const issue = episode.issue!;
  if (counted.consecutiveSuccesses < policy.closeAfter) {
    const next = { ...counted, episode };
    return plan(
      next,
      [{ type: 'update-status', issue, block: renderStatusBlock(next, marks, episode, policy) }],
      [],
      `passing, below closeAfter (${policy.closeAfter})`,
    );
  }
  const body = renderTrackerComment('recovery', {
    key,
    job: counted.job,
    run,
    episode,
    consecutiveFailures: 0,
    mentionOwners: policy.mentionOwners,
  });
  return plan(
    { ...counted, episode: null },
    [
      { type: 'comment', issue, kind: 'recovery', body },
      { type: 'close-issue', issue },
    ],
    [ended('recovery')],
    'recovered: recovery comment, then close',
  );
}

/** A `workflow_job` named the stage of a run already applied. */
function onStageLearned(
  previous: TrackerSnapshot,
  observed: TrackerObservation,
  policy: TrackerPolicy,
): TrackerPlan {
  const { key, state, marks } = previous;
  const { run, now } = observed;
  const before = state.episode;
  if (!before || before.lastFailure.runId !== run.runId || run.stage === null || run.stage === before.stage)
    return keep(state, 'the stage is not news');
  let episode: Episode = { ...before, stage: run.stage };
  const silent = marks.muted || !episode.issue || episode.closedByHuman || isClosed(observed, marks);
  if (silent) return plan({ ...state, episode }, [], [], 'stage recorded');
  const comment = before.stage !== null && !isSnoozed(marks, now);
  if (comment) episode = { ...episode, lastCommentAt: now };
  const next = { ...state, episode };
  const issue = episode.issue!;
  const actions: TrackerAction[] = [
    { type: 'update-status', issue, block: renderStatusBlock(next, marks, episode, policy) },
  ];
  if (comment) {
    actions.push({
      type: 'comment',
      issue,
      kind: 'stage',
      body: renderTrackerComment('stage', {
        key,
        job: state.job,
        run,
        episode,
        consecutiveFailures: state.consecutiveFailures,
        mentionOwners: policy.mentionOwners,
        previousStage: before.stage,
      }),
    });
  }
  return plan(next, actions, [], comment ? 'the failing stage changed' : 'the failing stage is now known');
}

function startEpisode(run: JobRun): Episode {
  const ref = runRefOf(run);
  return {
    firstFailure: ref,
    lastFailure: ref,
    failures: 1,
    firstSuccess: null,
    stage: run.stage,
    system: run.system,
    jobType: run.jobType,
    routing: null,
    issue: null,
    openedAt: null,
    closedByHuman: false,
    lastCommentAt: null,
    reminded: [],
  };
}

/**
 * Whether a person closed the tracked issue: GitHub says so, or their `issues.closed` arrived
 * (cleared by a reopen) before GitHub's read caught up.
 */
function isClosed(observed: TrackerObservation, marks: HumanMarks): boolean {
  return observed.issue?.state === 'closed' || marks.humanClosedAt !== null;
}

function isSnoozed(marks: HumanMarks, now: string): boolean {
  return marks.snoozedUntil !== null && Date.parse(now) < Date.parse(marks.snoozedUntil);
}

/** Whether a person acted on the issue after `since` (Sheriff's last comment, or the opening). */
function actedSince(marks: HumanMarks, since: string | null): boolean {
  if (marks.humanActionAt === null) return false;
  return since === null || Date.parse(marks.humanActionAt) > Date.parse(since);
}

function isBefore(time: string | null, reference: string | null): boolean {
  return time !== null && reference !== null && Date.parse(time) < Date.parse(reference);
}

function plan(
  next: TrackerState,
  actions: readonly TrackerAction[],
  events: readonly TrackerEvent[],
  reason: string,
): TrackerPlan {
  return { next, actions, events, reason };
}

function keep(state: TrackerState, reason: string): TrackerPlan {
  return plan(state, [], [], reason);
}
