import { startWorld, type WorldHarness } from '../support/github-world.js';
import { BACKENDS } from '../support/stores.js';
import { webhookExample, worldGitHubDelivery } from '../support/webhook-examples.js';
import { deliver, type Payload, replyTo, threadComment } from './support/prow-deliveries.js';
import { crierStatus } from './release-tracker/tracker-world.js';
import {
  ACTIONS_RUN_ID,
  ACTIONS_SHA,
  CHECK_APP,
  MONOREPO,
  OTHER_SHA,
  PLUGINS,
  published,
  retestWorld,
  STATUS_JOB,
} from './retest-release/retest-world.js';

const ISSUE = 90;
const MERGED_PULL = 91;
const RUN_URL = `https://github.com/${MONOREPO}/actions/runs/${ACTIONS_RUN_ID}`;
const RERUN_PATH = `/repos/${MONOREPO}/actions/runs/${ACTIONS_RUN_ID}/rerun-failed-jobs`;

describe.each(BACKENDS)('/retest-release on GitHub, end to end on %s', (backend) => {
  let harness: WorldHarness;

  beforeEach(async () => {
    harness = await startWorld(backend, retestWorld(), { extra: { plugins: PLUGINS } });
  });
  afterEach(async () => {
    await harness.close();
  });

  const repoState = () => harness.double.state.repos.get(MONOREPO.toLowerCase())!;
  /** The failed `release` workflow (the shared fixtures: its failing job, then the run), on `sha`. */
  const failActionsRun = async (sha = ACTIONS_SHA) => {
    for (const name of [
      'workflow-job-completed-failure-publish-chart',
      'workflow-run-completed-failure-release',
    ]) {
      const payload = JSON.parse(worldGitHubDelivery(name).body) as Payload;
      if (payload.workflow_run) payload.workflow_run.head_sha = sha;
      if (payload.workflow_job) payload.workflow_job.head_sha = sha;
      await deliver(harness, name.startsWith('workflow-job') ? 'workflow_job' : 'workflow_run', payload);
    }
  };
  const trackingIssue = () =>
    [...repoState().issues.values()].find((issue) => issue.labels.includes('sheriff/tracking'))!;
  const comment = async (body: string, number = ISSUE, author = 'ana-lambda') => {
    const payload = threadComment({
      repo: MONOREPO,
      number,
      body,
      author,
      association: 'MEMBER',
      pullRequest: number === MERGED_PULL,
    });
    await deliver(harness, 'issue_comment', payload);
    return payload;
  };
  const replies = (number = ISSUE) =>
    harness.double.comments(MONOREPO, number).filter((posted) => posted.user === 'sheriff[bot]');
  const posts = (path: string) =>
    harness.double.actions().filter((action) => action.method === 'POST' && action.path === path);

  describe('GitHub Actions', () => {
    it('re-runs the failed jobs of the run of a named commit, replies with the run, and records it on the tracking issue', async () => {
      await failActionsRun();
      published.length = 0;
      harness.double.clearRequests();

      const payload = await comment(`/retest-release ${ACTIONS_SHA.slice(0, 12)}`);

      expect(posts(RERUN_PATH)).toHaveLength(1);
      expect(harness.double.reruns(MONOREPO).map((rerun) => [rerun.kind, rerun.id])).toEqual([
        ['failed-jobs', ACTIONS_RUN_ID],
      ]);
      expect(replies().map((reply) => reply.body)).toEqual([
        replyTo(
          payload,
          `- \`release\`: re-run started with GitHub Actions (its failed jobs): [follow it](${RUN_URL})`,
        ),
      ]);
      const tracking = trackingIssue();
      expect(harness.double.comments(MONOREPO, tracking.number).map((posted) => posted.body)).toEqual([
        `<!-- sheriff:retest-release run=${encodeURIComponent(`actions:${MONOREPO}:${ACTIONS_RUN_ID}:1`)} -->\n` +
          `\`release\` was retried by @ana-lambda from ${MONOREPO}#${ISSUE}: [new run](${RUN_URL}).`,
      ]);
      expect(published.map((notice) => [notice.kind, notice.actor, notice.issue?.number])).toEqual([
        ['retried', 'ana-lambda', tracking.number],
      ]);
    });

    it('keeps a re-run in flight while Actions says the run is not completed, even if no webhook says so', async () => {
      await failActionsRun();
      await comment('/retest-release release');
      await comment('/retest-release release', ISSUE, 'kai-release');
      expect(posts(RERUN_PATH)).toHaveLength(1);
      expect(replies().at(-1)?.body.split('\n')[0]).toMatch(
        /^@kai-release: - `release`: not re-run: a re-run asked for by ana-lambda at \S+ is still in flight/,
      );

      // The new attempt completed, but its workflow_run webhook never came: Actions' answer counts.
      Object.assign(repoState().workflowRuns.get(ACTIONS_RUN_ID)!, {
        status: 'completed',
        conclusion: 'failure',
      });
      repoState()
        .workflowRuns.get(ACTIONS_RUN_ID)!
        .jobs.forEach((job) => Object.assign(job, { status: 'completed', conclusion: 'failure' }));
      await comment('/retest-release release', ISSUE, 'kai-release');
      expect(posts(RERUN_PATH)).toHaveLength(2);
    });

    it('re-runs the failed release runs of a merged pull request’s merge commit', async () => {
      const mergeSha = repoState().issues.get(MERGED_PULL)!.pull!.mergeCommitSha!;
      await failActionsRun(mergeSha);
      harness.double.clearRequests();
      await comment('/retest-release', MERGED_PULL);
      expect(posts(RERUN_PATH)).toHaveLength(1);
      expect(replies(MERGED_PULL).at(-1)?.body).toContain('- `release`: re-run started with GitHub Actions');
    });

    it('retries when GitHub answers 5xx to the re-run, then replies with the run', async () => {
      await failActionsRun();
      harness.double.faults.add({ method: 'POST', route: RERUN_PATH, times: 2, respond: { status: 502 } });
      await comment('/retest-release release');
      expect(posts(RERUN_PATH)).toHaveLength(3);
      expect(replies().map((reply) => reply.body.split('\n')[0])).toEqual([
        `@ana-lambda: - \`release\`: re-run started with GitHub Actions (its failed jobs): [follow it](${RUN_URL})`,
      ]);
    });

    it('gives a clear reply when GitHub keeps answering 5xx', async () => {
      await failActionsRun();
      harness.double.faults.add({ method: 'POST', route: RERUN_PATH, times: 5, respond: { status: 503 } });
      await comment('/retest-release release');
      expect(posts(RERUN_PATH)).toHaveLength(5);
      expect(replies().map((reply) => reply.body.split('\n')[0])).toEqual([
        `@ana-lambda: - \`release\`: not re-run: GitHub Actions (its failed jobs) kept failing (GitHub POST ${RERUN_PATH} failed (503): Service Unavailable); Sheriff gave up after 5 attempts. Try again later.`,
      ]);
    });

    it('passes on GitHub’s refusal (4xx) at once', async () => {
      await failActionsRun();
      harness.double.faults.add({
        method: 'POST',
        route: RERUN_PATH,
        respond: { status: 403, body: { message: 'This workflow is already running' } },
      });
      await comment('/retest-release release');
      expect(posts(RERUN_PATH)).toHaveLength(1);
      expect(replies().map((reply) => reply.body.split('\n')[0])).toEqual([
        `@ana-lambda: - \`release\`: not re-run: GitHub refused POST ${RERUN_PATH} (403): This workflow is already running.`,
      ]);
    });
  });

  it('rerequests the check suite of another App’s failed release check', async () => {
    const suite = [...repoState().checkSuites.values()][0]!;
    const payload = webhookExample<Payload>('check_suite', 'completed');
    payload.check_suite = {
      ...payload.check_suite,
      id: suite.id,
      head_sha: OTHER_SHA,
      head_branch: 'main',
      conclusion: 'failure',
      pull_requests: [],
      app: { ...payload.check_suite.app, slug: 'release-bot', name: CHECK_APP },
    };
    payload.repository.full_name = MONOREPO;
    payload.repository.name = 'cloud-controllers';
    payload.repository.owner.login = 'example-ack';
    delete payload.installation;
    await deliver(harness, 'check_suite', payload);
    harness.double.clearRequests();

    const asked = await comment(`/retest-release "${CHECK_APP}"`);

    expect(posts(`/repos/${MONOREPO}/check-suites/${suite.id}/rerequest`)).toHaveLength(1);
    expect(replies().map((reply) => reply.body)).toEqual([
      replyTo(asked, `- \`${CHECK_APP}\`: re-run started with a check suite rerequest.`),
    ]);
  });

  it('sends the documented repository_dispatch for a job only a commit status reported', async () => {
    const status = crierStatus(0, 'failure', { sha: OTHER_SHA }) as Payload;
    status.name = MONOREPO;
    status.repository.full_name = MONOREPO;
    status.repository.name = 'cloud-controllers';
    status.context = STATUS_JOB;
    status.description = 'Release failed';
    status.target_url = 'https://ci.example.dev/release/77';
    status.branches = [];
    await deliver(harness, 'status', status);

    await comment(`/retest-release ${STATUS_JOB}`);

    const [dispatch, ...more] = harness.double.repositoryDispatches(MONOREPO);
    expect(more).toEqual([]);
    expect(dispatch!.eventType).toBe('sheriff-retest-release');
    expect(dispatch!.clientPayload).toEqual({
      version: 1,
      job: STATUS_JOB,
      run: {
        id: expect.stringMatching(/^status:/),
        system: 'statuses',
        source: 'status',
        job_type: 'unknown',
        sha: OTHER_SHA,
        ref: null,
        build_id: null,
        url: 'https://ci.example.dev/release/77',
      },
      requested_by: 'ana-lambda',
      context: `${MONOREPO}#${ISSUE}`,
      request_id: expect.any(String),
    });
    expect(replies().at(-1)?.body.split('\n')[0]).toBe(
      `@ana-lambda: - \`${STATUS_JOB}\`: re-run started with a \`repository_dispatch\`.`,
    );
  });
});
