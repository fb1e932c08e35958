import type { DoubleState, RepoRecord, WorkflowJobRecord, WorkflowRunRecord } from '../double-state.js';
import { legacyNodeId, stableId } from '../identity.js';
import type { Links } from '../routes/route-types.js';
import { renderHeadCommit } from './check.js';
import { pullRequestsForSha } from './pull-refs.js';
import { renderRepository } from './repository.js';
import { isoTime, isoTimeOrNull } from './timestamps.js';
import { renderUser } from './user.js';

/** Actions runs report to a check suite of the GitHub Actions app; the double derives its id. */
export function actionsCheckSuiteId(repo: RepoRecord, run: WorkflowRunRecord): number {
  return stableId('actions-check-suite', `${repo.fullName}#${run.id}#${run.runAttempt}`);
}

/**
 * GitHub's `workflow-run` object.
 *
 * @example
 * renderWorkflowRun(state, repo, run, links).run_attempt; // 2 after one re-run
 */
export function renderWorkflowRun(
  state: DoubleState,
  repo: RepoRecord,
  run: WorkflowRunRecord,
  links: Links,
) {
  const repoUrl = `${links.api}/repos/${repo.fullName}`;
  const url = `${repoUrl}/actions/runs/${run.id}`;
  const suiteId = actionsCheckSuiteId(repo, run);
  const actor = renderUser(state, run.actor, links);
  return {
    id: run.id,
    name: run.name,
    node_id: legacyNodeId('WorkflowRun', run.id),
    head_branch: run.headBranch,
    head_sha: run.headSha,
    path: run.path,
    display_title: run.displayTitle,
    run_number: run.runNumber,
    run_attempt: run.runAttempt,
    event: run.event,
    status: run.status,
    conclusion: run.conclusion,
    workflow_id: run.workflowId,
    check_suite_id: suiteId,
    check_suite_node_id: legacyNodeId('CheckSuite', suiteId),
    url,
    html_url: `${links.web}/${repo.fullName}/actions/runs/${run.id}`,
    pull_requests: pullRequestsForSha(repo, run.headSha, links),
    created_at: isoTime(run.createdAt),
    updated_at: isoTime(run.updatedAt),
    run_started_at: isoTime(run.runStartedAt),
    actor,
    triggering_actor: actor,
    jobs_url: `${url}/jobs`,
    logs_url: `${url}/logs`,
    check_suite_url: `${repoUrl}/check-suites/${suiteId}`,
    artifacts_url: `${url}/artifacts`,
    cancel_url: `${url}/cancel`,
    rerun_url: `${url}/rerun`,
    previous_attempt_url: run.runAttempt > 1 ? `${url}/attempts/${run.runAttempt - 1}` : null,
    workflow_url: `${repoUrl}/actions/workflows/${run.workflowId}`,
    head_commit: renderHeadCommit(run.headSha, run.createdAt),
    repository: renderRepository(state, repo, links),
    head_repository: renderRepository(state, repo, links),
  };
}

/** GitHub's `job` object. A job id is also its check run id, as on GitHub. */
export function renderJob(repo: RepoRecord, run: WorkflowRunRecord, job: WorkflowJobRecord, links: Links) {
  const repoUrl = `${links.api}/repos/${repo.fullName}`;
  return {
    id: job.id,
    run_id: run.id,
    run_url: `${repoUrl}/actions/runs/${run.id}`,
    run_attempt: job.runAttempt,
    node_id: legacyNodeId('CheckRun', job.id),
    head_sha: run.headSha,
    head_branch: run.headBranch,
    url: `${repoUrl}/actions/jobs/${job.id}`,
    html_url: `${links.web}/${repo.fullName}/actions/runs/${run.id}/job/${job.id}`,
    status: job.status,
    conclusion: job.conclusion,
    created_at: isoTime(job.startedAt),
    started_at: isoTime(job.startedAt),
    completed_at: isoTimeOrNull(job.completedAt),
    name: job.name,
    workflow_name: run.name,
    steps: job.steps.map((step) => ({
      name: step.name,
      number: step.number,
      status: step.status,
      conclusion: step.conclusion,
      started_at: isoTime(job.startedAt),
      completed_at: isoTimeOrNull(job.completedAt),
    })),
    check_run_url: `${repoUrl}/check-runs/${job.id}`,
    labels: ['ubuntu-latest'],
    runner_id: null,
    runner_name: null,
    runner_group_id: null,
    runner_group_name: null,
  };
}
