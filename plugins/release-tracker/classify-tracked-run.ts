import { compileJobPattern } from '../../src/areas/job-pattern.js';
import { classifyRelease, type ReleaseDecision } from './classify-release.js';
import type { JobRun } from './job-run.js';
import type { ReleaseTrackerConfig } from './release-tracker-config.js';

/**
 * Whether the tracker acts on a run: a release run ({@link classifyRelease}), or one of the
 * signals beyond CI jobs: a Flagger canary (a rollout is a release), a job a freshness rule
 * watches (its success must close the watchdog's issue, and its failures are news too), and
 * the watchdog's own runs. `release.ignore` still wins, and presubmits are never tracked.
 *
 * @example
 * classifyTrackedRun(canaryRun, config); // { release: true, reason: 'a Flagger canary rollout' }
 */
export function classifyTrackedRun(
  run: JobRun,
  config: Pick<ReleaseTrackerConfig, 'release' | 'freshness'>,
): ReleaseDecision {
  if (run.source === 'freshness') return { release: true, reason: 'the freshness watchdog' };
  const decision = classifyRelease(run, config.release);
  if (decision.release || matchesAny(config.release.ignore, run.job)) return decision;
  if (run.jobType === 'presubmit' || run.jobType === 'batch' || run.jobType === 'pull_request')
    return decision;
  if (run.system === 'flagger') return { release: true, reason: 'a Flagger canary rollout' };
  const watched = config.freshness.flatMap((rule) => (rule.job === undefined ? [] : [rule.job]));
  if (matchesAny(watched, run.job)) return { release: true, reason: 'named in a freshness rule' };
  return decision;
}

function matchesAny(patterns: readonly string[], job: string): boolean {
  return patterns.some((pattern) => {
    const compiled = compileJobPattern(pattern);
    return compiled.ok && compiled.test(job);
  });
}
