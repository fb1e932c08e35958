import { compileJobPattern } from '../../src/areas/job-pattern.js';
import type { JobRun } from './job-run.js';
import type { ReleasePolicy } from './release-tracker-config.js';

/** Whether a run is a release run, and why (for logs and tests). */
export interface ReleaseDecision {
  readonly release: boolean;
  readonly reason: string;
}

/**
 * Decides whether a run is a release run, in this order:
 *
 * 1. `release.ignore` names the job: no.
 * 2. a presubmit (Prow presubmit or batch, an Actions or check run on a pull request): never.
 * 3. `release.jobs` names the job: yes.
 * 4. with `release.defaults`: Prow postsubmits and periodics; Actions runs started by `schedule`,
 *    or by a `push` to the default branch or of a tag (`release.tagPattern`).
 * 5. anything else (a status or check of unknown type, a feature-branch push): no.
 *
 * @example
 * classifyRelease(postsubmitRun, policy); // { release: true, reason: 'a Prow postsubmit' }
 * classifyRelease(pullRequestRun, policy); // { release: false, reason: 'presubmits are never tracked' }
 */
export function classifyRelease(run: JobRun, policy: ReleasePolicy): ReleaseDecision {
  if (matchesAny(policy.ignore, run.job)) return { release: false, reason: 'named in release.ignore' };
  if (run.jobType === 'presubmit' || run.jobType === 'batch' || run.jobType === 'pull_request')
    return { release: false, reason: 'presubmits are never tracked' };
  if (matchesAny(policy.jobs, run.job)) return { release: true, reason: 'named in release.jobs' };
  if (!policy.defaults) return { release: false, reason: 'not named in release.jobs' };
  if (run.system === 'prow' && (run.jobType === 'postsubmit' || run.jobType === 'periodic'))
    return { release: true, reason: `a Prow ${run.jobType}` };
  if (run.system === 'actions' && run.jobType === 'schedule')
    return { release: true, reason: 'a scheduled workflow' };
  if (run.system === 'actions' && run.jobType === 'push' && run.ref !== null) {
    if (run.ref === run.defaultBranch) return { release: true, reason: 'a push to the default branch' };
    if (isTag(run.ref, policy.tagPattern)) return { release: true, reason: 'a tag push' };
  }
  return { release: false, reason: `a ${run.jobType} run of ${run.system} is not a release by default` };
}

function matchesAny(patterns: readonly string[], job: string): boolean {
  return patterns.some((pattern) => {
    const compiled = compileJobPattern(pattern);
    return compiled.ok && compiled.test(job);
  });
}

function isTag(ref: string, pattern: string): boolean {
  try {
    return new RegExp(pattern).test(ref);
  } catch {
    // The config schema refuses a bad pattern; one that slips through recognises nothing.
    return false;
  }
}
