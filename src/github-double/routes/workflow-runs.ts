import type { RepoRecord, RerunRecord, WorkflowJobRecord, WorkflowRunRecord } from '../double-state.js';
import { apiError, notFound } from '../github-error.js';
import { renderJob, renderWorkflowRun } from '../render/workflow-run.js';
import { resolveRef } from './git-refs.js';
import { bodyOf, requireRepo } from './lookups.js';
import { paginate } from './pagination.js';
import type { RouteContext, RouteTable } from './route-types.js';

/** Actions allows re-runs for 30 days after the run was created, and at most 50 attempts. */
const RERUN_WINDOW_MS = 30 * 24 * 60 * 60 * 1000;
const MAX_ATTEMPTS = 50;
const FAILED = new Set(['failure', 'cancelled', 'timed_out', 'startup_failure']);

function requireRun(context: RouteContext, repo: RepoRecord): WorkflowRunRecord {
  const run = repo.workflowRuns.get(Number(context.params.run_id));
  if (!run) throw notFound(context.docs);
  return run;
}

function findJob(
  repo: RepoRecord,
  jobId: number,
): { run: WorkflowRunRecord; job: WorkflowJobRecord } | undefined {
  for (const run of repo.workflowRuns.values()) {
    const job = run.jobs.find((candidate) => candidate.id === jobId);
    if (job) return { run, job };
  }
  return undefined;
}

/** The 403s api.github.com answers when a run cannot be re-run. */
function checkRerunnable(context: RouteContext, run: WorkflowRunRecord): void {
  if (run.status !== 'completed') throw apiError(403, 'This workflow is already running', context.docs);
  if (context.state.now.getTime() - run.createdAt.getTime() > RERUN_WINDOW_MS) {
    throw apiError(
      403,
      'Unable to retry this workflow run because it was created over a month ago',
      context.docs,
    );
  }
  if (run.runAttempt >= MAX_ATTEMPTS)
    throw apiError(403, 'This workflow run cannot be retried', context.docs);
}

/**
 * Starts a new attempt: the run is queued again and the chosen jobs get new ids (as on GitHub, where a
 * re-run job is a new check run); the other jobs are carried over as they were.
 */
function startAttempt(
  context: RouteContext,
  run: WorkflowRunRecord,
  rerun: (job: WorkflowJobRecord) => boolean,
) {
  const now = context.state.now;
  run.runAttempt += 1;
  run.status = 'queued';
  run.conclusion = null;
  run.updatedAt = now;
  run.runStartedAt = now;
  run.jobs = run.jobs.map((job) =>
    rerun(job)
      ? {
          ...job,
          id: context.state.ids.take('job'),
          runAttempt: run.runAttempt,
          status: 'queued',
          conclusion: null,
          startedAt: now,
          completedAt: null,
          steps: job.steps.map((step) => ({ ...step, status: 'queued', conclusion: null })),
        }
      : { ...job, runAttempt: run.runAttempt },
  );
}

function record(context: RouteContext, repo: RepoRecord, kind: RerunRecord['kind'], id: number): void {
  const debug = bodyOf<{ enable_debug_logging: boolean }>(context).enable_debug_logging === true;
  repo.reruns.push({ kind, id, enableDebugLogging: debug, at: context.state.now });
}

function matchesRunFilters(context: RouteContext, run: WorkflowRunRecord): boolean {
  const { actor, branch, event, status, head_sha: headSha } = context.query;
  if (typeof actor === 'string' && run.actor.toLowerCase() !== actor.toLowerCase()) return false;
  if (typeof branch === 'string' && run.headBranch !== branch) return false;
  if (typeof event === 'string' && run.event !== event) return false;
  if (typeof status === 'string' && run.status !== status && run.conclusion !== status) return false;
  if (typeof headSha === 'string' && run.headSha !== headSha) return false;
  return true;
}

/** GitHub Actions: workflow runs, their jobs, re-runs and workflow dispatch. */
export const workflowRunRoutes: RouteTable = {
  'actions/list-workflow-runs-for-repo': (context) => {
    const repo = requireRepo(context);
    const runs = [...repo.workflowRuns.values()]
      .filter((run) => matchesRunFilters(context, run))
      .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || b.id - a.id);
    const page = paginate(context, runs);
    return {
      status: 200,
      body: {
        total_count: runs.length,
        workflow_runs: page.items.map((run) => renderWorkflowRun(context.state, repo, run, context.links)),
      },
      headers: page.headers,
    };
  },

  'actions/get-workflow-run': (context) => {
    const repo = requireRepo(context);
    return {
      status: 200,
      body: renderWorkflowRun(context.state, repo, requireRun(context, repo), context.links),
    };
  },

  'actions/re-run-workflow': (context) => {
    const repo = requireRepo(context);
    const run = requireRun(context, repo);
    checkRerunnable(context, run);
    startAttempt(context, run, () => true);
    record(context, repo, 'workflow-run', run.id);
    return { status: 201, body: {} };
  },

  'actions/re-run-workflow-failed-jobs': (context) => {
    const repo = requireRepo(context);
    const run = requireRun(context, repo);
    checkRerunnable(context, run);
    const failed = (job: WorkflowJobRecord) => FAILED.has(job.conclusion ?? '');
    if (!run.jobs.some(failed)) throw apiError(403, 'This workflow run cannot be retried', context.docs);
    startAttempt(context, run, failed);
    record(context, repo, 'failed-jobs', run.id);
    return { status: 201, body: {} };
  },

  'actions/re-run-job-for-workflow-run': (context) => {
    const repo = requireRepo(context);
    const jobId = Number(context.params.job_id);
    const found = findJob(repo, jobId);
    if (!found) throw notFound(context.docs);
    checkRerunnable(context, found.run);
    startAttempt(context, found.run, (job) => job.id === jobId);
    record(context, repo, 'job', jobId);
    return { status: 201, body: {} };
  },

  // A fork PR's run that waits for a maintainer's approval is `action_required`; approving queues it.
  'actions/approve-workflow-run': (context) => {
    const repo = requireRepo(context);
    const run = requireRun(context, repo);
    if (run.conclusion !== 'action_required') {
      throw apiError(403, 'This run is not waiting for approval', context.docs);
    }
    Object.assign(run, { status: 'queued', conclusion: null, updatedAt: context.state.now });
    repo.reruns.push({ kind: 'approval', id: run.id, enableDebugLogging: false, at: context.state.now });
    return { status: 201, body: {} };
  },

  'actions/list-jobs-for-workflow-run': (context) => {
    const repo = requireRepo(context);
    const run = requireRun(context, repo);
    const page = paginate(context, run.jobs);
    return {
      status: 200,
      body: {
        total_count: run.jobs.length,
        jobs: page.items.map((job) => renderJob(repo, run, job, context.links)),
      },
      headers: page.headers,
    };
  },

  'actions/get-job-for-workflow-run': (context) => {
    const repo = requireRepo(context);
    const found = findJob(repo, Number(context.params.job_id));
    if (!found) throw notFound(context.docs);
    return { status: 200, body: renderJob(repo, found.run, found.job, context.links) };
  },

  'actions/create-workflow-dispatch': (context) => {
    const repo = requireRepo(context);
    const workflowId = String(context.params.workflow_id);
    const known = [...repo.workflowRuns.values()].some(
      (run) => String(run.workflowId) === workflowId || run.path.split('/').pop() === workflowId,
    );
    if (!known && !repo.files.has(`.github/workflows/${workflowId}`)) throw notFound(context.docs);
    const body = bodyOf<{ ref: string; inputs: Record<string, unknown> }>(context);
    if (!resolveRef(repo, body.ref)) throw apiError(422, `No ref found for: ${body.ref}`, context.docs);
    repo.workflowDispatches.push({
      workflowId,
      ref: String(body.ref),
      inputs: body.inputs ?? {},
      at: context.state.now,
    });
    return { status: 204 };
  },

  'repos/create-dispatch-event': (context) => {
    const repo = requireRepo(context);
    const body = bodyOf<{ event_type: string; client_payload: unknown }>(context);
    repo.repositoryDispatches.push({
      eventType: String(body.event_type),
      clientPayload: body.client_payload ?? {},
      at: context.state.now,
    });
    return { status: 204 };
  },
};
