import { createGitHubDouble, type WorldInput } from '../../src/github-double/index.js';
import { acmeWorld, inProcessOctokit, rejection, repo } from './support.js';

function worldWithJobs(): WorldInput {
  const world = acmeWorld();
  world.repos!['acme/widgets']!.workflowRuns = [
    {
      id: 42,
      name: 'release',
      headSha: 'abc123',
      headBranch: 'lambda/v2.4.0',
      status: 'completed',
      conclusion: 'failure',
      createdAt: '2025-05-14T09:00:00Z',
      jobs: [
        { id: 101, name: 'build', conclusion: 'success' },
        {
          id: 102,
          name: 'publish (lambda, helm-chart)',
          conclusion: 'failure',
          steps: [
            { name: 'Checkout', conclusion: 'success' },
            { name: 'Push Helm chart to oci://public.ecr.aws/example-ack', conclusion: 'failure' },
          ],
        },
      ],
    },
    { id: 43, name: 'docs', headSha: 'abc123', status: 'in_progress', createdAt: '2025-05-14T09:30:00Z' },
  ];
  return world;
}

function setup() {
  const double = createGitHubDouble(worldWithJobs());
  return { double, octokit: inProcessOctokit(double) };
}

describe('workflow runs', () => {
  it('lists runs newest first and filters by status or conclusion', async () => {
    const { octokit } = setup();
    const all = await octokit.rest.actions.listWorkflowRunsForRepo({ ...repo });
    expect(all.data.workflow_runs.map((run) => run.id)).toEqual([43, 42]);
    const failed = await octokit.rest.actions.listWorkflowRunsForRepo({ ...repo, status: 'failure' });
    expect(failed.data.workflow_runs.map((run) => run.id)).toEqual([42]);
  });

  it('shows the failed step of a job', async () => {
    const { octokit } = setup();
    const { data } = await octokit.rest.actions.listJobsForWorkflowRun({ ...repo, run_id: 42 });
    const failed = data.jobs.find((job) => job.conclusion === 'failure');
    expect(failed?.steps?.find((step) => step.conclusion === 'failure')?.name).toBe(
      'Push Helm chart to oci://public.ecr.aws/example-ack',
    );
  });

  it('re-runs only the failed jobs in a new attempt', async () => {
    const { double, octokit } = setup();
    const response = await octokit.rest.actions.reRunWorkflowFailedJobs({ ...repo, run_id: 42 });
    expect(response.status).toBe(201);
    const run = await octokit.rest.actions.getWorkflowRun({ ...repo, run_id: 42 });
    expect(run.data).toMatchObject({ run_attempt: 2, status: 'queued', conclusion: null });
    expect(run.data.previous_attempt_url).toMatch(/\/actions\/runs\/42\/attempts\/1$/);
    const jobs = double.workflowRun('acme/widgets', 42)!.jobs;
    expect(jobs.map((job) => [job.name, job.status])).toEqual([
      ['build', 'completed'],
      ['publish (lambda, helm-chart)', 'queued'],
    ]);
    expect(jobs[1]!.id).not.toBe(102);
    expect(double.reruns('acme/widgets')).toMatchObject([
      { kind: 'failed-jobs', id: 42, enableDebugLogging: false },
    ]);
  });

  it('refuses to re-run a run that is still going', async () => {
    const { octokit } = setup();
    const error = await rejection(octokit.rest.actions.reRunWorkflow({ ...repo, run_id: 43 }));
    expect(error.status).toBe(403);
    expect(error.response?.data).toMatchObject({ message: 'This workflow is already running' });
  });

  it('refuses re-runs more than 30 days after the run, by the world clock', async () => {
    const { double, octokit } = setup();
    double.setClock('2025-06-14T09:00:01Z');
    const error = await rejection(octokit.rest.actions.reRunWorkflow({ ...repo, run_id: 42 }));
    expect(error.status).toBe(403);
    expect(double.reruns('acme/widgets')).toEqual([]);
  });

  it('re-runs one job with debug logging', async () => {
    const { double, octokit } = setup();
    await octokit.rest.actions.reRunJobForWorkflowRun({ ...repo, job_id: 102, enable_debug_logging: true });
    expect(double.reruns('acme/widgets')).toMatchObject([{ kind: 'job', id: 102, enableDebugLogging: true }]);
  });

  it('derives one job per run when the world lists none', async () => {
    const double = createGitHubDouble(acmeWorld());
    const { data } = await inProcessOctokit(double).rest.actions.listJobsForWorkflowRun({
      ...repo,
      run_id: 42,
    });
    expect(data.jobs.map((job) => [job.name, job.conclusion])).toEqual([['release', 'failure']]);
  });
});

describe('dispatch', () => {
  it('records repository_dispatch events', async () => {
    const { double, octokit } = setup();
    await octokit.rest.repos.createDispatchEvent({
      ...repo,
      event_type: 'retest-release',
      client_payload: { job: 'x' },
    });
    expect(double.repositoryDispatches('acme/widgets')).toMatchObject([
      { eventType: 'retest-release', clientPayload: { job: 'x' } },
    ]);
  });

  it('records workflow dispatches for a known workflow and ref', async () => {
    const { double, octokit } = setup();
    await octokit.rest.actions.createWorkflowDispatch({ ...repo, workflow_id: 'release.yml', ref: 'main' });
    expect(double.workflowDispatches('acme/widgets')).toMatchObject([
      { workflowId: 'release.yml', ref: 'main' },
    ]);
    const unknown = await rejection(
      octokit.rest.actions.createWorkflowDispatch({ ...repo, workflow_id: 'nope.yml', ref: 'main' }),
    );
    expect(unknown.status).toBe(404);
  });
});

describe('approving a fork PR run', () => {
  it('queues a run waiting for approval and refuses one that is not waiting', async () => {
    const world = worldWithJobs();
    world.repos!['acme/widgets']!.workflowRuns!.push({
      id: 44,
      name: 'ci',
      headSha: 'abc123',
      event: 'pull_request',
      conclusion: 'action_required',
    });
    const double = createGitHubDouble(world);
    const octokit = inProcessOctokit(double);
    const response = await octokit.rest.actions.approveWorkflowRun({ ...repo, run_id: 44 });
    expect(response.status).toBe(201);
    expect(double.workflowRun('acme/widgets', 44)).toMatchObject({ status: 'queued', conclusion: null });
    expect(double.reruns('acme/widgets')).toMatchObject([{ kind: 'approval', id: 44 }]);
    const notWaiting = await rejection(octokit.rest.actions.approveWorkflowRun({ ...repo, run_id: 42 }));
    expect(notWaiting.status).toBe(403);
  });
});
