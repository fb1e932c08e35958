import type { JobType } from './job-run.js';

/**
 * Prow's job type guessed from a job (status context) name, for crier statuses, which do not say
 * it. Conventions: `pull-*` presubmits, `post-*` / `*-post-submit` postsubmits (ACK's
 * `lambda-post-submit`), `periodic-*` / `ci-*` periodics. Anything else is `unknown`: such a job
 * is tracked only when `release.jobs` names it, or when its ProwJob is posted.
 *
 * @example
 * prowJobTypeFromName('post-lambda-controller-release'); // 'postsubmit'
 * prowJobTypeFromName('lambda-kind-e2e'); // 'unknown'
 */
export function prowJobTypeFromName(name: string): JobType {
  const lower = name.toLowerCase();
  if (/^pull-|(^|-)presubmit(-|$)/.test(lower)) return 'presubmit';
  if (/^post-|(^|-)post-?submit(-|$)/.test(lower)) return 'postsubmit';
  if (/^(periodic|ci)-|(^|-)periodic(-|$)/.test(lower)) return 'periodic';
  return 'unknown';
}

/** A Prow job type as `spec.type` gives it; anything new is `unknown`. */
export function prowJobType(type: string): JobType {
  return type === 'presubmit' || type === 'postsubmit' || type === 'periodic' || type === 'batch'
    ? type
    : 'unknown';
}
