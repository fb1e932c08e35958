import type { PresubmitConfig } from './presubmit-config.js';

/** A commit status of the head, as the combined status lists it (the latest per context). */
export interface HeadStatus {
  readonly context: string;
  readonly state: string;
  readonly description: string | null;
}

/** Commit status states, which crier maps ProwJob states to (prow.md section 7). */
export type ProwJobState = 'pending' | 'success' | 'failure' | 'error';

/** One Prow presubmit of a PR, as far as Sheriff can tell: from config, from its status, or both. */
export interface ProwJob {
  readonly name: string;
  readonly context: string;
  /** Its status on the head; null when it has not reported there. */
  readonly state: ProwJobState | null;
  /** Not `optional` (listed jobs); in `requiredChecks` or every job required (jobs seen only by status). */
  readonly required: boolean;
  /**
   * Prow would run it without being asked on this PR: `alwaysRun`, or its file conditions match
   * the changed files. A job seen only by its status counts, since it ran without config here.
   */
  readonly autoRuns: boolean;
  /** Listed with no `alwaysRun` and no file conditions: it runs only when asked for by name. */
  readonly manual: boolean;
}

/** crier's description suffix (` BaseSHA:<sha>`; older deployments ` Basesha:`): Tide reads it, so do we. */
const CRIER_SUFFIX = / Base(SHA|sha):[0-9a-f]{40}$/;
/** Tide's own status is not a job. */
const TIDE_CONTEXT = 'tide';

/** Whether the changed files are needed to tell which listed jobs run without being asked. */
export function needsChangedFiles(presubmits: readonly PresubmitConfig[]): boolean {
  return presubmits.some((job) => job.runIfChanged !== undefined || job.skipIfOnlyChanged !== undefined);
}

/**
 * The PR's Prow jobs: every listed presubmit, with its status on the head if it reported, then
 * every other status crier posted (recognised by its ` BaseSHA:` suffix), named by its context.
 * `changedFiles` undefined: file conditions are not evaluated (such jobs do not auto-run).
 *
 * @example
 * readProwJobs({
 *   presubmits: [{ name: 'pull-widgets-unit', alwaysRun: true, optional: false }],
 *   statuses: [{ context: 'pull-widgets-unit', state: 'failure', description: `Job failed. BaseSHA:${sha}` }],
 *   changedFiles: undefined,
 *   requiredChecks: [],
 * });
 * // [{ name: 'pull-widgets-unit', context: 'pull-widgets-unit', state: 'failure', required: true, autoRuns: true, manual: false }]
 */
export function readProwJobs(input: {
  presubmits: readonly PresubmitConfig[];
  statuses: readonly HeadStatus[];
  changedFiles: readonly string[] | undefined;
  requiredChecks: readonly string[];
}): ProwJob[] {
  const byContext = new Map(input.statuses.map((status) => [status.context, status]));
  const jobs = new Map<string, ProwJob>();
  const claimed = new Set<string>();
  for (const presubmit of input.presubmits) {
    const context = presubmit.context ?? presubmit.name;
    claimed.add(context);
    jobs.set(presubmit.name, {
      name: presubmit.name,
      context,
      state: stateOf(byContext.get(context)),
      required: !presubmit.optional,
      autoRuns: autoRuns(presubmit, input.changedFiles),
      manual: !presubmit.alwaysRun && !presubmit.runIfChanged && !presubmit.skipIfOnlyChanged,
    });
  }
  for (const status of input.statuses) {
    if (claimed.has(status.context) || jobs.has(status.context) || !isCrierStatus(status)) continue;
    jobs.set(status.context, {
      name: status.context,
      context: status.context,
      state: stateOf(status),
      required: input.requiredChecks.length === 0 || input.requiredChecks.includes(status.context),
      autoRuns: true,
      manual: false,
    });
  }
  return [...jobs.values()].sort((a, b) => a.name.localeCompare(b.name));
}

/** A status crier posted for a job (not Tide's, not another CI's). */
export function isCrierStatus(status: HeadStatus): boolean {
  return status.context !== TIDE_CONTEXT && CRIER_SUFFIX.test(status.description ?? '');
}

/** Prow's `/retest` set: failed or errored jobs, and auto-run jobs that have not reported yet. */
export function needsRetest(job: ProwJob): boolean {
  return job.state === 'failure' || job.state === 'error' || (job.autoRuns && job.state === null);
}

function stateOf(status: HeadStatus | undefined): ProwJobState | null {
  const state = status?.state;
  return state === 'pending' || state === 'success' || state === 'failure' || state === 'error'
    ? state
    : null;
}

/** Prow's `ShouldRun` without a forced trigger: `always_run`, `run_if_changed`, `skip_if_only_changed`. */
function autoRuns(job: PresubmitConfig, changedFiles: readonly string[] | undefined): boolean {
  if (job.alwaysRun) return true;
  if (changedFiles === undefined) return false;
  if (job.runIfChanged !== undefined) {
    const pattern = new RegExp(job.runIfChanged);
    return changedFiles.some((file) => pattern.test(file));
  }
  if (job.skipIfOnlyChanged !== undefined) {
    const pattern = new RegExp(job.skipIfOnlyChanged);
    return changedFiles.some((file) => !pattern.test(file));
  }
  return false;
}
