import { isoTime, type JobRun } from './job-run.js';
import { conclusionState } from './normalize-workflow.js';

/** GitHub Actions reports every job as a check run too; its workflow events are tracked instead. */
const ACTIONS_APP = 'github-actions';

interface CheckApp {
  slug?: string;
  name?: string;
}

/** The `check_run` fields a run is made of. */
export interface CheckRunPayload {
  action?: string;
  check_run?: {
    id?: number;
    name?: string;
    head_sha?: string;
    conclusion?: string | null;
    html_url?: string | null;
    details_url?: string | null;
    started_at?: string | null;
    completed_at?: string | null;
    app?: CheckApp | null;
    pull_requests?: unknown[];
    check_suite?: { head_branch?: string | null };
  };
  repository?: { full_name?: string; default_branch?: string };
}

/** The `check_suite` fields a run is made of. */
export interface CheckSuitePayload {
  action?: string;
  check_suite?: {
    id?: number;
    head_sha?: string;
    head_branch?: string | null;
    conclusion?: string | null;
    updated_at?: string | null;
    app?: CheckApp | null;
    pull_requests?: unknown[];
  };
  repository?: { full_name?: string; default_branch?: string };
}

/**
 * A completed check run (of an App other than GitHub Actions) as a run of the job named after
 * the check. Checks do not say how they were triggered: one on a pull request is a presubmit,
 * any other is tracked only when `release.jobs` names it.
 *
 * @example
 * jobRunFromCheckRun(payload); // { runId: 'check_run:128', job: 'release-image', jobType: 'unknown', ... }
 */
export function jobRunFromCheckRun(payload: CheckRunPayload): JobRun | undefined {
  const check = payload.check_run;
  const repository = payload.repository?.full_name;
  if (payload.action !== 'completed' || !check?.name || check.id === undefined || !repository)
    return undefined;
  if (check.app?.slug === ACTIONS_APP) return undefined;
  return {
    runId: `check_run:${check.id}`,
    source: 'check_run',
    system: 'checks',
    repository,
    job: check.name,
    jobType: (check.pull_requests?.length ?? 0) > 0 ? 'pull_request' : 'unknown',
    sha: check.head_sha ?? null,
    ref: check.check_suite?.head_branch ?? null,
    defaultBranch: payload.repository?.default_branch ?? null,
    state: conclusionState(check.conclusion),
    url: check.html_url ?? check.details_url ?? null,
    startedAt: isoTime(check.started_at),
    finishedAt: isoTime(check.completed_at),
    buildId: String(check.id),
    stage: null,
  };
}

/**
 * A completed check suite (of an App other than GitHub Actions) as a run of the job named after
 * its App.
 *
 * @example
 * jobRunFromCheckSuite(payload); // { runId: 'check_suite:94', job: 'Release Bot', ... }
 */
export function jobRunFromCheckSuite(payload: CheckSuitePayload): JobRun | undefined {
  const suite = payload.check_suite;
  const repository = payload.repository?.full_name;
  const job = suite?.app?.name ?? suite?.app?.slug;
  if (payload.action !== 'completed' || !suite || suite.id === undefined || !job || !repository)
    return undefined;
  if (suite.app?.slug === ACTIONS_APP) return undefined;
  return {
    runId: `check_suite:${suite.id}`,
    source: 'check_suite',
    system: 'checks',
    repository,
    job,
    jobType: (suite.pull_requests?.length ?? 0) > 0 ? 'pull_request' : 'unknown',
    sha: suite.head_sha ?? null,
    ref: suite.head_branch ?? null,
    defaultBranch: payload.repository?.default_branch ?? null,
    state: conclusionState(suite.conclusion),
    url: null,
    startedAt: null,
    finishedAt: isoTime(suite.updated_at),
    buildId: String(suite.id),
    stage: null,
  };
}
