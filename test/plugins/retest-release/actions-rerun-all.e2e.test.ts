import type { WorldInput } from '../../../src/github-double/world-schema.js';
import { startWorld, type WorldHarness } from '../../support/github-world.js';
import { BACKENDS } from '../../support/stores.js';
import { deliver, replyTo, threadComment } from '../support/prow-deliveries.js';
import {
  ACTIONS_RUN_ID,
  deliverFailedReleaseWorkflow,
  MONOREPO,
  PLUGINS,
  published,
  retestWorldWith,
} from './retest-world.js';

const ISSUE = 90;
const AUDIT_TOKEN = 'audit-test-token';
const RUN_URL = `https://github.com/${MONOREPO}/actions/runs/${ACTIONS_RUN_ID}`;
const RERUN_ALL = `/repos/${MONOREPO}/actions/runs/${ACTIONS_RUN_ID}/rerun`;

/** The shared world, with the monorepo set to re-run whole Actions runs. */
function rerunAllWorld(): WorldInput {
  const world = retestWorldWith((config) => {
    config.plugins['retest-release'].actions = { rerun: 'all' };
  });
  // Two jobs, one passed: only a whole-run re-run starts the passed one again.
  world.repos![MONOREPO]!.workflowRuns![0]!.jobs = [
    { id: 41000000001, name: 'build (lambda)', status: 'completed', conclusion: 'success' },
    { id: 41000000002, name: 'publish (lambda, helm-chart)', status: 'completed', conclusion: 'failure' },
  ];
  return world;
}

describe.each(BACKENDS)('/retest-release with `actions.rerun: all`, end to end on %s', (backend) => {
  let harness: WorldHarness;

  beforeEach(async () => {
    harness = await startWorld(backend, rerunAllWorld(), {
      env: { AUDIT_TOKEN },
      extra: { plugins: PLUGINS },
    });
    await deliverFailedReleaseWorkflow(harness);
    published.length = 0;
    harness.double.clearRequests();
  });
  afterEach(async () => {
    await harness.close();
  });

  const run = () => harness.double.workflowRun(MONOREPO, ACTIONS_RUN_ID)!;
  const comment = async () => {
    const payload = threadComment({
      repo: MONOREPO,
      number: ISSUE,
      body: '/retest-release release',
      author: 'ana-lambda',
      association: 'MEMBER',
    });
    await deliver(harness, 'issue_comment', payload);
    return payload;
  };
  const replies = () =>
    harness.double.comments(MONOREPO, ISSUE).filter((posted) => posted.user === 'sheriff[bot]');
  const rerunCalls = () =>
    harness.double
      .actions()
      .filter((action) => /\/actions\/runs\/\d+\/rerun/.test(action.path))
      .map((action) => `${action.method} ${action.path}`);

  it('re-runs the whole workflow run, passed jobs included, and says so', async () => {
    const asked = await comment();

    expect(rerunCalls()).toEqual([`POST ${RERUN_ALL}`]);
    expect(harness.double.reruns(MONOREPO).map((rerun) => [rerun.kind, rerun.id])).toEqual([
      ['workflow-run', ACTIONS_RUN_ID],
    ]);
    expect(run().runAttempt).toBe(2);
    expect(run().jobs.map((job) => [job.name, job.status])).toEqual([
      ['build (lambda)', 'queued'],
      ['publish (lambda, helm-chart)', 'queued'],
    ]);
    expect(replies().map((reply) => reply.body)).toEqual([
      replyTo(
        asked,
        `- \`release\`: re-run started with GitHub Actions (the whole run): [follow it](${RUN_URL})`,
      ),
    ]);
    const audit = await fetch(`${harness.url}/api/v1/reruns`, {
      headers: { authorization: `Bearer ${AUDIT_TOKEN}` },
    });
    const { reruns } = (await audit.json()) as { reruns: Array<Record<string, unknown>> };
    expect(reruns.map((rerun) => [rerun.backend, rerun.state, rerun.detail, rerun.url])).toEqual([
      ['actions', 'started', '201 rerun', RUN_URL],
    ]);
    expect(published.map((notice) => [notice.kind, notice.actor])).toEqual([['retried', 'ana-lambda']]);
  });

  it('passes on Actions’ 403 for a run that is already running, at once', async () => {
    // Running again, though no webhook said so: GitHub itself refuses the re-run.
    Object.assign(harness.double.state.repos.get(MONOREPO.toLowerCase())!.workflowRuns.get(ACTIONS_RUN_ID)!, {
      status: 'in_progress',
      conclusion: null,
    });

    const asked = await comment();

    expect(rerunCalls()).toEqual([`POST ${RERUN_ALL}`]);
    expect(harness.double.reruns(MONOREPO)).toEqual([]);
    expect(replies().map((reply) => reply.body)).toEqual([
      replyTo(
        asked,
        `- \`release\`: not re-run: GitHub refused POST ${RERUN_ALL} (403): This workflow is already running.`,
      ),
    ]);
    expect(published).toEqual([]);
  });
});
