import { buildServiceAreas } from '../../src/areas/service-area.js';
import type { GitHubClient } from '../../src/github/github-app.js';
import { RetryLaterError } from '../../src/pipeline/job-errors.js';
import type { EventContext } from '../../src/plugins/plugin-definition.js';
import { classifyTrackedRun } from './classify-tracked-run.js';
import { executeTrackerActions } from './execute-tracker-actions.js';
import { type JobRun, outcomeOf } from './job-run.js';
import { normalizeSignal } from './normalize-signal.js';
import { readTrackingIssue, splitRepository } from './read-tracking-issue.js';
import { openUmbrellaFor, publishTrackerNotices } from './publish-tracker-notices.js';
import { findBlockingFailureFor } from './find-blocking-failure.js';
import { learnStageFromLog } from './learn-stage-from-log.js';
import { mayOpenIssue, reconcile } from './reconcile.js';
import type { ReleaseTrackerConfig } from './release-tracker-config.js';
import { routeJobRun } from './route-job-run.js';
import type { TrackerEvent } from './tracker-action.js';
import { type TrackerRouting, withOpenedIssue } from './tracker-state.js';
import { trackerNotices } from './tracker-notices.js';
import { TrackerStore } from './tracker-store.js';
import { trackingKeyOf } from './tracking-key.js';

/** How long one run may hold its key while its GitHub actions are in flight. */
const CLAIM_LEASE_MS = 60_000;

/**
 * The shell around `reconcile` for one job signal: normalise it into a `JobRun`, store it (every
 * run, release or not), and for a release run not yet applied: claim the key, read the tracked
 * issue, load the job's area and OWNERS only when an issue may open, decide, carry out the
 * actions, then commit the state and mark the run applied. A redelivery, or the second signal of
 * one run, finds the run applied and does nothing.
 */
export async function runJobSignal(context: EventContext<ReleaseTrackerConfig>): Promise<void> {
  const signalled = normalizeSignal(context.event.name, context.event.payload);
  if (signalled) await applyJobRun(context, signalled, context.event.deliveryId);
}

/** What applying a run needs: an event's context, or a schedule's for one repository. */
export type JobRunContext = Omit<EventContext<ReleaseTrackerConfig>, 'event'>;

/**
 * The same path for a run from any source: a CI signal, a Flagger canary, or a run the freshness
 * watchdog makes up (a silent job, a stale marker). `deliveryId` is what brought it.
 */
export async function applyJobRun(
  context: JobRunContext,
  signalled: JobRun,
  deliveryId: string,
): Promise<void> {
  const { config, github, log, metrics } = context;
  // A run still going (and not bringing its failing stage) is not history yet.
  if (signalled.state === 'pending' && signalled.stage === null) return;

  const key = trackingKeyOf(signalled, config.key);
  const decision = classifyTrackedRun(signalled, config);
  const store = new TrackerStore(context.store);
  const recorded = await store.recordRun(signalled, {
    trackingKey: key,
    release: decision.release,
    deliveryId,
  });
  let { run } = recorded;
  if (recorded.newlyFinished) {
    metrics?.trackerJobRuns.inc({
      source: run.source,
      outcome: outcomeOf(run.state),
      release: String(recorded.release),
    });
  }
  if (!recorded.release || run.state === 'pending') {
    log.debug({ key, run: run.runId, reason: decision.reason }, 'run stored, not tracked');
    return;
  }
  const stageOnly = recorded.appliedAt !== null;
  if (stageOnly && !recorded.stageLearned) {
    log.debug({ key, run: run.runId }, 'run already applied (a redelivery or a second signal)');
    return;
  }
  if (!github) return;
  // Read before the claim: a slow log server must not hold the key.
  const fromLog = stageOnly ? undefined : await learnStageFromLog(context, run);
  if (fromLog && 'stage' in fromLog) run = { ...run, stage: fromLog.stage };

  const claim = await store.claim(key, run, CLAIM_LEASE_MS);
  if ('busyForMs' in claim)
    throw new RetryLaterError(`another run of ${key} is being handled`, claim.busyForMs + 1000);
  const { snapshot } = claim;
  const tracked = snapshot.state.episode?.issue ?? null;
  const issue = tracked && !snapshot.marks.muted ? await readTrackingIssue(github, tracked) : null;
  const history =
    config.flaky.enabled && !stageOnly ? await store.recentOutcomes(key, run, config.flaky.runs) : undefined;
  const routing =
    !stageOnly && mayOpenIssue(snapshot, run, config, history)
      ? await loadRouting(context, github, run)
      : null;
  const umbrella = routing && config.storm ? await openUmbrellaFor(context.store, run) : null;
  const blockedBy = routing ? await findBlockingFailureFor(store, run, key, config) : null;
  const now = context.clock();
  const plan = reconcile(
    snapshot,
    {
      run,
      stageOnly,
      issue,
      routing,
      now: now.toISOString(),
      umbrella,
      blockedBy,
      history,
      stageGuessedBecause: fromLog && 'guessedBecause' in fromLog ? fromLog.guessedBecause : null,
    },
    config,
  );
  log.info(
    { key, run: run.runId, reason: plan.reason, actions: plan.actions.map((action) => action.type) },
    'release tracker decided',
  );

  const { opened } = await executeTrackerActions(plan.actions, {
    github,
    log,
    key,
    sheriffLabel: config.labels.sheriff,
    issue,
    interrupted: claim.interrupted,
  });
  const next = opened ? withOpenedIssue(plan.next, opened) : plan.next;
  const notices = trackerNotices(key, snapshot.state, { ...plan, next }, now.toISOString(), opened ?? null);
  const counted = !stageOnly && outcomeOf(run.state) !== 'uncounted';
  const { mttdSeconds } = await store.commit(key, run.runId, next, plan.events, now, (trx) =>
    publishTrackerNotices(context, trx, { key, run, notices, counted }),
  );
  recordMetrics(context, plan.events, mttdSeconds);
}

/** The job's area and owners, from the repository's config and OWNERS (cached by the loader). */
async function loadRouting(
  context: JobRunContext,
  github: GitHubClient,
  run: JobRun,
): Promise<TrackerRouting> {
  const [owner, repo] = splitRepository(run.repository);
  const snapshot = await context.owners.load(github, { owner, repo });
  if (snapshot.incomplete) context.log.warn({ repository: snapshot.repository }, snapshot.incomplete);
  const areas = buildServiceAreas(context.repoConfig.areas, snapshot.index);
  return routeJobRun(run, areas, snapshot.index, context.config.severity);
}

function recordMetrics(
  context: JobRunContext,
  events: readonly TrackerEvent[],
  mttdSeconds: number | null,
): void {
  const { metrics } = context;
  if (!metrics) return;
  for (const event of events) {
    if (event.type === 'opened') {
      metrics.trackerIssues.inc({ event: 'opened' });
      if (mttdSeconds !== null) metrics.trackerMttd.observe(Math.max(0, mttdSeconds));
    } else if (event.type === 'ended') {
      if (event.by === 'recovery') metrics.trackerIssues.inc({ event: 'recovered' });
      if (event.brokenSeconds !== null)
        metrics.trackerTimeToRecovery.observe(Math.max(0, event.brokenSeconds));
    } else {
      metrics.trackerIssues.inc({ event: 'human_closed' });
    }
  }
}
