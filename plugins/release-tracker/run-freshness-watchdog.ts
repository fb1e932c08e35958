import { compileJobPattern } from '../../src/areas/job-pattern.js';
import { RetryLaterError } from '../../src/pipeline/job-errors.js';
import type { BackgroundContext, RepositoryContext } from '../../src/plugins/plugin-definition.js';
import { decideJobFreshness, decideMarkerFreshness, markerChangedRun } from './decide-freshness.js';
import { fetchMarker } from './fetch-marker.js';
import type { FreshnessRule } from './freshness-config.js';
import { FreshnessStore } from './freshness-store.js';
import type { JobRun } from './job-run.js';
import type { ReleaseTrackerConfig } from './release-tracker-config.js';
import { applyJobRun, type JobRunContext } from './run-job-signal.js';
import { durationMs } from './tracker-duration.js';
import { trackingKeyOf } from './tracking-key.js';

/** How often the watchdog looks: markers are fetched and silences noticed within this. */
export const FRESHNESS_INTERVAL_MS = 5 * 60_000;

/** A plain job name (no glob, no /regex/) is watched even before it ever reports. */
const PLAIN_JOB = /^[^*?/][^*?]*$/;

/**
 * One tick of the freshness watchdog (a schedule in the store: one replica runs it, restarts keep
 * it). For every repository whose config on record has `freshness` rules (its current config
 * then decides): a watched job with no success
 * within its span, that is not already tracked by an issue of its own failures, and a marker
 * whose content has not changed within its span, become synthetic failed runs on the tracker's
 * one path; a marker that changes becomes a synthetic success (a job's own success closes its
 * issue as any run does). Each repository is handled on its own: one failing never stops the rest.
 */
export async function runFreshnessWatchdog(
  context: BackgroundContext,
  fetcher: typeof fetch = context.fetch,
): Promise<void> {
  const store = new FreshnessStore(context.store);
  for (const repository of await store.repositoriesWithRules()) {
    try {
      const repo = await context.repositoryContext(repository);
      if (!repo?.enabled) continue;
      const config = repo.config as ReleaseTrackerConfig;
      if (config.freshness.length === 0) continue;
      await checkRepository(context, repo, config, store, repository, fetcher);
    } catch (error) {
      context.log.error({ err: error, repository }, 'freshness check failed for this repository');
    }
  }
}

async function checkRepository(
  context: BackgroundContext,
  repo: RepositoryContext,
  config: ReleaseTrackerConfig,
  store: FreshnessStore,
  repository: string,
  fetcher: typeof fetch,
): Promise<void> {
  const { now, log } = context;
  const tracker: JobRunContext = {
    repoConfig: repo.repoConfig,
    store: context.store,
    owners: repo.owners,
    ...(context.metrics ? { metrics: context.metrics } : {}),
    enqueue: context.enqueue,
    notify: context.notify,
    gangway: context.gangway,
    clock: context.clock,
    fetch: context.fetch,
    config,
    github: repo.github,
    log,
  };
  const deliveryId = `freshness:${now.toISOString()}`;
  const apply = async (run: JobRun) => {
    try {
      await applyJobRun(tracker, run, deliveryId);
    } catch (error) {
      // The run is stored but not applied: the next tick applies it (same id).
      if (error instanceof RetryLaterError)
        log.info({ run: run.runId }, 'key busy; the next tick applies it');
      else throw error;
    }
  };

  const known = await store.jobNames(repository);
  for (const rule of config.freshness) {
    const withinMs = durationMs(rule.within);
    if (rule.job !== undefined) {
      for (const job of watchedJobs(rule, known)) {
        const history = await store.jobHistory(repository, job, now);
        const stale = decideJobFreshness(history, rule.within, withinMs, now);
        if (!stale) continue;
        // A job failing loudly already has its issue; the watchdog is for silence.
        if (await store.isTrackedByFailures(trackingKeyOf(stale, config.key))) continue;
        log.info({ repository, job, stage: stale.stage }, 'freshness: no success within the span');
        await apply(stale);
      }
    } else if (rule.marker !== undefined) {
      const fetched = await fetchMarker(rule.marker, fetcher);
      const { marker, changedTo } = await store.recordMarkerFetch(repository, rule.marker, fetched, now);
      if (changedTo !== null) await apply(markerChangedRun(marker, changedTo));
      const producer = rule.producerJob ? await store.jobHistory(repository, rule.producerJob, now) : null;
      const stale = decideMarkerFreshness(marker, rule.within, withinMs, producer, now);
      if (stale) {
        log.info({ repository, marker: rule.marker, stage: stale.stage }, 'freshness: marker unchanged');
        await apply(stale);
      }
    }
  }
}

/** The jobs a rule watches: a plain name always; a pattern, the matching jobs on record. */
function watchedJobs(rule: FreshnessRule, known: readonly string[]): string[] {
  const pattern = rule.job!;
  if (PLAIN_JOB.test(pattern)) return [pattern];
  const compiled = compileJobPattern(pattern);
  return compiled.ok ? known.filter((job) => compiled.test(job)) : [];
}
