import { createGitHubDouble } from '../../src/github-double/index.js';
import { acmeWorld, inProcessOctokit, rejection, repo } from './support.js';

function setup() {
  const double = createGitHubDouble(acmeWorld());
  return { double, octokit: inProcessOctokit(double) };
}

describe('commit statuses', () => {
  it('combines the latest status of each context', async () => {
    const { octokit } = setup();
    const before = await octokit.rest.repos.getCombinedStatusForRef({ ...repo, ref: 'abc123' });
    expect(before.data).toMatchObject({ state: 'failure', total_count: 1, sha: 'abc123' });
    await octokit.rest.repos.createCommitStatus({
      ...repo,
      sha: 'abc123',
      state: 'success',
      context: 'post-lambda-release',
    });
    const after = await octokit.rest.repos.getCombinedStatusForRef({ ...repo, ref: 'abc123' });
    expect(after.data).toMatchObject({ state: 'success', total_count: 1 });
    const all = await octokit.rest.repos.listCommitStatusesForRef({ ...repo, ref: 'abc123' });
    expect(all.data.map((status) => status.state)).toEqual(['success', 'failure']);
  });

  it('is pending when nothing reported', async () => {
    const { octokit } = setup();
    const { data } = await octokit.rest.repos.getCombinedStatusForRef({ ...repo, ref: 'main' });
    expect(data).toMatchObject({ state: 'pending', total_count: 0 });
  });

  it('refuses descriptions over 140 characters, as GitHub does', async () => {
    const { double, octokit } = setup();
    const error = await rejection(
      octokit.rest.repos.createCommitStatus({
        ...repo,
        sha: 'abc123',
        state: 'failure',
        description: 'x'.repeat(141),
      }),
    );
    expect(error.status).toBe(422);
    expect(double.commitStatuses('acme/widgets')).toHaveLength(1);
  });
});

describe('check runs and suites', () => {
  it('creates a run in a suite and completes it', async () => {
    const { double, octokit } = setup();
    const created = await octokit.rest.checks.create({
      ...repo,
      name: 'sheriff',
      head_sha: 'abc123',
      status: 'in_progress',
    });
    const suite = await octokit.rest.checks.getSuite({
      ...repo,
      check_suite_id: created.data.check_suite!.id,
    });
    expect(suite.data.status).toBe('in_progress');
    expect(created.data.pull_requests.map((pull) => pull.number)).toEqual([7]);
    await octokit.rest.checks.update({
      ...repo,
      check_run_id: created.data.id,
      conclusion: 'failure',
      output: { title: 'Red', summary: 'bad' },
    });
    expect(double.checkRuns('acme/widgets')[0]).toMatchObject({ status: 'completed', conclusion: 'failure' });
    const completed = await octokit.rest.checks.getSuite({
      ...repo,
      check_suite_id: created.data.check_suite!.id,
    });
    expect(completed.data).toMatchObject({
      status: 'completed',
      conclusion: 'failure',
      latest_check_runs_count: 1,
    });
  });

  it('refuses a completed run without a conclusion', async () => {
    const { octokit } = setup();
    const error = await rejection(
      octokit.rest.checks.create({ ...repo, name: 'x', head_sha: 'abc123', status: 'completed' }),
    );
    expect(error.status).toBe(422);
  });

  it('lists the latest run per name for a ref', async () => {
    const { octokit } = setup();
    await octokit.rest.checks.create({ ...repo, name: 'a', head_sha: 'abc123', conclusion: 'failure' });
    await octokit.rest.checks.create({ ...repo, name: 'a', head_sha: 'abc123', conclusion: 'success' });
    await octokit.rest.checks.create({ ...repo, name: 'b', head_sha: 'abc123', conclusion: 'success' });
    const latest = await octokit.rest.checks.listForRef({ ...repo, ref: 'abc123' });
    const all = await octokit.rest.checks.listForRef({ ...repo, ref: 'abc123', filter: 'all' });
    expect(latest.data.check_runs.map((run) => [run.name, run.conclusion])).toEqual([
      ['b', 'success'],
      ['a', 'success'],
    ]);
    expect(all.data.total_count).toBe(3);
  });

  it('rerequests: the suite is queued again and the request is recorded', async () => {
    const { double, octokit } = setup();
    const run = await octokit.rest.checks.create({
      ...repo,
      name: 'a',
      head_sha: 'abc123',
      conclusion: 'failure',
    });
    await octokit.rest.checks.rerequestRun({ ...repo, check_run_id: run.data.id });
    const suite = await octokit.rest.checks.getSuite({ ...repo, check_suite_id: run.data.check_suite!.id });
    expect(suite.data).toMatchObject({ status: 'queued', conclusion: null });
    expect(double.reruns('acme/widgets')).toMatchObject([{ kind: 'check-run', id: run.data.id }]);
    await octokit.rest.checks.rerequestSuite({ ...repo, check_suite_id: run.data.check_suite!.id });
    expect(double.reruns('acme/widgets').map((rerun) => rerun.kind)).toEqual(['check-run', 'check-suite']);
  });

  it('creates a suite once per head SHA', async () => {
    const { octokit } = setup();
    const first = await octokit.rest.checks.createSuite({ ...repo, head_sha: 'fff000' });
    const second = await octokit.rest.checks.createSuite({ ...repo, head_sha: 'fff000' });
    expect([first.status, second.status]).toEqual([201, 200]);
    expect(second.data.id).toBe(first.data.id);
    const listed = await octokit.rest.checks.listSuitesForRef({ ...repo, ref: 'fff000' });
    expect(listed.data.total_count).toBe(1);
  });
});
