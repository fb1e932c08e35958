import { buildServiceAreas } from '../../src/areas/service-area.js';
import type { GitHubClient } from '../../src/github/github-app.js';
import { RetryLaterError } from '../../src/pipeline/job-errors.js';
import type { EventContext } from '../../src/plugins/plugin-definition.js';
import { classifyRelease } from './classify-release.js';
import { executeTrackerActions } from './execute-tracker-actions.js';
import { type JobRun, outcomeOf } from './job-run.js';
import { normalizeSignal } from './normalize-signal.js';
import { readTrackingIssue, splitRepository } from './read-tracking-issue.js';
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
  const { event, config, github, log, metrics } = context;
  const signalled = normalizeSignal(event.name, event.payload);
  // A run still going (and not bringing its failing stage) is not history yet.
  if (!signalled || (signalled.state === 'pending' && signalled.stage === null)) return;

  const key = trackingKeyOf(signalled, config.key);
  const decision = classifyRelease(signalled, config.release);
  const store = new TrackerStore(context.store);
  const recorded = await store.recordRun(signalled, {
    trackingKey: key,
    release: decision.release,
    deliveryId: event.deliveryId,
  });
  const { run } = recorded;
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

  const claim = await store.claim(key, run, CLAIM_LEASE_MS);
  if ('busyForMs' in claim)
    throw new RetryLaterError(`another run of ${key} is being handled`, claim.busyForMs + 1000);
  const { snapshot } = claim;
  const tracked = snapshot.state.episode?.issue ?? null;
  const issue = tracked && !snapshot.marks.muted ? await readTrackingIssue(github, tracked) : null;
  const routing =
    !stageOnly && mayOpenIssue(snapshot, run, config) ? await loadRouting(context, github, run) : null;
  const now = new Date();
  const plan = reconcile(snapshot, { run, stageOnly, issue, routing, now: now.toISOString() }, config);
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
  const { mttdSeconds } = await store.commit(key, run.runId, next, plan.events, now, (trx) =>
    context.notify(notices, trx),
  );
  recordMetrics(context, plan.events, mttdSeconds);
}

/** The job's area and owners, from the repository's config and OWNERS (cached by the loader). */
async function loadRouting(
  context: EventContext<ReleaseTrackerConfig>,
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
  context: EventContext<ReleaseTrackerConfig>,
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
