import { isoTime, type JobRun, type JobRunState, type JobType, STAGE_SEPARATOR } from './job-run.js';

interface RepositoryPayload {
  full_name?: string;
  default_branch?: string;
}

/** The `workflow_run` fields a run is made of. */
export interface WorkflowRunPayload {
  action?: string;
  workflow_run?: {
    id?: number;
    name?: string;
    event?: string;
    status?: string;
    conclusion?: string | null;
    head_sha?: string;
    head_branch?: string | null;
    html_url?: string;
    run_attempt?: number;
    run_started_at?: string;
    updated_at?: string;
  };
  repository?: RepositoryPayload;
}

/** The `workflow_job` fields the failing stage comes from. */
export interface WorkflowJobPayload {
  action?: string;
  workflow_job?: {
    run_id?: number;
    run_attempt?: number;
    workflow_name?: string | null;
    name?: string;
    conclusion?: string | null;
    head_sha?: string;
    head_branch?: string | null;
    steps?: Array<{ name?: string; conclusion?: string | null; number?: number }>;
  };
  repository?: RepositoryPayload;
}

/**
 * A completed workflow run as a run of the job named after the workflow. The triggering event is
 * the job type; for a tag push `head_branch` is the tag.
 *
 * @example
 * jobRunFromWorkflowRun(workflowRunFixture);
 * // { runId: 'actions:example-ack/cloud-controllers:15136722841:1', job: 'release', jobType: 'push',
 * //   ref: 'lambda/v2.4.0', state: 'failure', ... }
 */
export function jobRunFromWorkflowRun(payload: WorkflowRunPayload): JobRun | undefined {
  const run = payload.workflow_run;
  const repository = payload.repository?.full_name;
  if (payload.action !== 'completed' || !run?.name || run.id === undefined || !repository) return undefined;
  return {
    runId: actionsRunId(repository, run.id, run.run_attempt),
    source: 'workflow_run',
    system: 'actions',
    repository,
    job: run.name,
    jobType: actionsJobType(run.event),
    sha: run.head_sha ?? null,
    ref: run.head_branch ?? null,
    defaultBranch: payload.repository?.default_branch ?? null,
    state: conclusionState(run.conclusion),
    url: run.html_url ?? null,
    startedAt: isoTime(run.run_started_at),
    finishedAt: isoTime(run.updated_at),
    buildId: String(run.id),
    stage: null,
  };
}

/**
 * The failing stage a failed `workflow_job` names, as a `pending` run of its workflow run (the
 * run's own event completes it): `<job> › <first failed step>`, or the job alone when no step
 * failed (a timeout, a runner lost). Successful jobs say nothing.
 *
 * @example
 * jobRunFromWorkflowJob(workflowJobFixture)?.stage;
 * // 'publish (lambda, helm-chart) › Push Helm chart to oci://public.ecr.aws/example-ack'
 */
export function jobRunFromWorkflowJob(payload: WorkflowJobPayload): JobRun | undefined {
  const job = payload.workflow_job;
  const repository = payload.repository?.full_name;
  if (payload.action !== 'completed' || !job?.workflow_name || job.run_id === undefined || !repository)
    return undefined;
  if (conclusionState(job.conclusion) !== 'failure' || !job.name) return undefined;
  const step = job.steps?.find((candidate) => candidate.conclusion === 'failure')?.name;
  return {
    runId: actionsRunId(repository, job.run_id, job.run_attempt),
    source: 'workflow_job',
    system: 'actions',
    repository,
    job: job.workflow_name,
    jobType: 'unknown',
    sha: job.head_sha ?? null,
    ref: job.head_branch ?? null,
    defaultBranch: payload.repository?.default_branch ?? null,
    state: 'pending',
    url: null,
    startedAt: null,
    finishedAt: null,
    buildId: String(job.run_id),
    stage: step ? `${job.name}${STAGE_SEPARATOR}${step}` : job.name,
  };
}

/** A re-run is another attempt of the same run id: a run of its own. */
function actionsRunId(repository: string, runId: number, attempt: number | undefined): string {
  return `actions:${repository.toLowerCase()}:${runId}:${attempt ?? 1}`;
}

function actionsJobType(event: string | undefined): JobType {
  switch (event) {
    case 'push':
    case 'schedule':
      return event;
    case 'pull_request':
    case 'pull_request_target':
    case 'merge_group':
      return 'pull_request';
    case 'workflow_dispatch':
    case 'repository_dispatch':
      return 'manual';
    case undefined:
      return 'unknown';
    default:
      return 'other';
  }
}

/** Check-suite conclusions (Actions and checks alike): timeouts fail, cancellations do not count. */
export function conclusionState(conclusion: string | null | undefined): JobRunState {
  switch (conclusion) {
    case 'success':
      return 'success';
    case 'failure':
    case 'timed_out':
    case 'startup_failure':
      return 'failure';
    case 'cancelled':
      return 'aborted';
    case null:
    case undefined:
      return 'pending';
    default:
      return 'neutral';
  }
}
