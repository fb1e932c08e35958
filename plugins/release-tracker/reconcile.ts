import { type JobRun, outcomeOf } from './job-run.js';
import type { ReleaseTrackerConfig } from './release-tracker-config.js';
import { type BlockingFailure, locateStage, renderStageChain } from './release-stage-graph.js';
import { flipsOf, type HistoryOutcome, isFlaky, renderPattern } from './flaky-history.js';
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
  type TrackingIssueRef,
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
  | 'stages'
  | 'flaky'
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
  /** The umbrella of the org's open storm (storm control), shown as "part of" in a new issue. */
  readonly umbrella?: TrackingIssueRef | null;
  /** Another job's open issue whose failing stage this one's needs (same commit or ref), if any. */
  readonly blockedBy?: BlockingFailure | null;
  /** The key's latest counted runs, oldest first, this one included (flaky detection). */
  readonly history?: readonly HistoryOutcome[];
  /** Why the build log did not name the run's stage (read, but unreachable or without markers). */
  readonly stageGuessedBecause?: string | null;
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
  policy: Pick<TrackerPolicy, 'openAfter' | 'flaky'>,
  history?: readonly HistoryOutcome[],
): boolean {
  return (
    outcomeOf(run.state) === 'failed' &&
    !previous.marks.muted &&
    !previous.state.episode?.issue &&
    (previous.state.consecutiveFailures + 1 >= policy.openAfter || isFlaky(history, policy.flaky))
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
 * - Release stages: a failure whose upstream stage already fails with an open issue (same commit
 *   or ref, `observed.blockedBy`) opens nothing; it comments "blocked" on that issue once.
 * - Flaky: when the recent runs (`observed.history`) flip more than `flaky.flips` times, the issue
 *   opens (even below `openAfter`) labelled flaky and stays open through passes, without reminders.
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
  const chain = stageChainOf(policy, run.job, episode.stage, observed.stageGuessedBecause ?? null);
  if (chain !== undefined) episode = { ...episode, stageChain: chain };
  episode = withHistory(episode, observed, policy);

  if (marks.muted)
    return plan({ ...counted, episode }, [], [], 'muted: the run is counted, nothing is posted');

  if (!episode.issue && observed.blockedBy) {
    const blockedBy = observed.blockedBy;
    const news =
      before?.blockedBy?.key !== blockedBy.key || before.blockedBy.issue.number !== blockedBy.issue.number;
    episode = { ...episode, blockedBy };
    const actions: TrackerAction[] = news
      ? [
          {
            type: 'comment',
            issue: blockedBy.issue,
            kind: 'blocked',
            body: renderTrackerComment('blocked', {
              key,
              job: counted.job,
              run,
              episode,
              consecutiveFailures: counted.consecutiveFailures,
              mentionOwners: policy.mentionOwners,
            }),
          },
        ]
      : [];
    return plan({ ...counted, episode }, actions, [], `blocked by ${blockedBy.job}: folded into its issue`);
  }
  if (!episode.issue) {
    if (counted.consecutiveFailures < policy.openAfter && !episode.flaky)
      return plan({ ...counted, episode }, [], [], `failing, below openAfter (${policy.openAfter})`);
    const routing = observed.routing ?? { area: null, severity: policy.severity, owners: [] };
    episode = {
      ...episode,
      routing,
      openedAt: now,
      ...(observed.umbrella ? { umbrella: observed.umbrella } : {}),
      ...(episode.blockedBy ? { blockedBy: null } : {}),
      ...(episode.flaky ? { flakyLabelled: true } : {}),
      // Counts already passed at opening are not reminders: the new issue says it all.
      reminded: policy.remindAt.filter((count) => counted.consecutiveFailures >= count),
    };
    const next = { ...counted, episode };
    const repository = policy.issueRepo ?? counted.repository;
    // A flaky job is not broken: its issue says so instead of `labels.always` (kind/tests/failing).
    const labels = trackingLabels(
      episode.system,
      routing,
      episode.flaky ? { ...policy.labels, always: [policy.flaky.label] } : policy.labels,
    );
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
    else if (due.length > 0 && !marks.ackedBy && !episode.flaky) kind = 'reminder';
  }
  // Any comment covers the reminders due; an /ack waives them for the episode; a snooze defers them.
  if (due.length > 0 && (kind !== null || marks.ackedBy))
    episode = { ...episode, reminded: [...episode.reminded, ...due] };
  if (kind !== null) episode = { ...episode, lastCommentAt: now };
  if (episode.flaky) episode = { ...episode, flakyLabelled: true };
  const next = { ...counted, episode };
  const issue = episode.issue!;
  const actions: TrackerAction[] = [
    ...flakyLabelActions(before, episode, issue, policy),
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
  const episode: Episode = withHistory(
    { ...before, firstSuccess: before.firstSuccess ?? runRefOf(run) },
    observed,
    policy,
  );
  if (marks.muted)
    return plan({ ...counted, episode }, [], [], 'muted: the run is counted, nothing is posted');
  if (episode.flaky) {
    // Flaky, not fixed: one pass proves nothing, so the issue stays open (or closed, if a person
    // closed it) instead of closing now and re-opening at the next failure.
    const labelled = { ...episode, flakyLabelled: true };
    const next = { ...counted, episode: labelled };
    if (observed.issue ? isClosed(observed, marks) : episode.closedByHuman || marks.humanClosedAt !== null)
      return plan({ ...counted, episode }, [], [], 'flaky; a person closed the issue: left alone');
    const issue = episode.issue!;
    return plan(
      next,
      [
        ...flakyLabelActions(before, labelled, issue, policy),
        { type: 'update-status', issue, block: renderStatusBlock(next, marks, labelled, policy) },
      ],
      [],
      'flaky: passing now, the issue stays open until the job is stable',
    );
  }

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

/** The episode with the job's recent pattern, and whether it is flaky, from the observed history. */
function withHistory(episode: Episode, observed: TrackerObservation, policy: TrackerPolicy): Episode {
  const history = observed.history?.slice(-policy.flaky.runs);
  if (!history || !policy.flaky.enabled) return episode;
  const flips = flipsOf(history);
  const flaky = isFlaky(history, policy.flaky);
  if (flips === 0 && !episode.recent && !episode.flaky) return episode;
  return { ...episode, recent: { pattern: renderPattern(history), flips }, flaky };
}

/** Labels an open issue flaky the first time its job is found flaky. */
function flakyLabelActions(
  before: Episode | null,
  episode: Episode,
  issue: TrackingIssueRef,
  policy: TrackerPolicy,
): TrackerAction[] {
  if (!episode.flaky || before?.flakyLabelled) return [];
  const labels = [policy.flaky.label];
  return [
    ...(policy.labels.create
      ? [{ type: 'ensure-labels' as const, repository: issue.repository, labels }]
      : []),
    { type: 'add-labels', issue, labels },
  ];
}

/** The stage chain to show, recomputed per failure; undefined when no stages are configured. */
function stageChainOf(
  policy: TrackerPolicy,
  job: string,
  stageText: string | null,
  guessedBecause: string | null,
): string | null | undefined {
  if (policy.stages.length === 0) return undefined;
  const stage = locateStage(policy.stages, job, stageText);
  return stage === null ? null : renderStageChain(policy.stages, stage.name, stage.exact, guessedBecause);
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
