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
  rerunCallsOf,
  retestWorldWith,
} from './retest-world.js';

const ISSUE = 90;
const RERUN_PATH = `/repos/${MONOREPO}/actions/runs/${ACTIONS_RUN_ID}/rerun-failed-jobs`;
const RULE = `only members of example-ack may use /retest-release (rule \`plugins.retest-release.access\` of ${MONOREPO}).`;

/** The shared world, where only members of example-ack may re-run the monorepo's jobs. */
function orgsWorld(): WorldInput {
  return retestWorldWith((config) => {
    config.plugins['retest-release'].access = { orgs: ['example-ack'] };
  });
}

describe.each(BACKENDS)('/retest-release with `access.orgs`, end to end on %s', (backend) => {
  let harness: WorldHarness;

  beforeEach(async () => {
    harness = await startWorld(backend, orgsWorld(), { extra: { plugins: PLUGINS } });
    await deliverFailedReleaseWorkflow(harness);
    published.length = 0;
    harness.double.clearRequests();
  });
  afterEach(async () => {
    await harness.close();
  });

  const comment = async (author: string) => {
    const payload = threadComment({
      repo: MONOREPO,
      number: ISSUE,
      body: '/retest-release release',
      author,
      association: author === 'rex-random' ? 'NONE' : 'MEMBER',
    });
    await deliver(harness, 'issue_comment', payload);
    return payload;
  };
  const replies = () =>
    harness.double.comments(MONOREPO, ISSUE).filter((posted) => posted.user === 'sheriff[bot]');
  const rerunCalls = () => rerunCallsOf(harness);
  /** GitHub's answers to the membership checks, as `login status`. */
  const membershipChecks = () =>
    harness.double.requests
      .filter((request) => request.path.startsWith('/orgs/example-ack/members/'))
      .map((request) => `${request.path.split('/').pop()} ${request.status}`);

  it('lets a member of the listed org re-run, though the member may only write', async () => {
    const asked = await comment('wes-writer');

    expect(membershipChecks()).toEqual(['wes-writer 204']);
    expect(rerunCalls()).toEqual([`POST ${RERUN_PATH}`]);
    expect(replies().map((reply) => reply.body)).toEqual([
      replyTo(
        asked,
        `- \`release\`: re-run started with GitHub Actions (its failed jobs): [follow it](https://github.com/${MONOREPO}/actions/runs/${ACTIONS_RUN_ID})`,
      ),
    ]);
  });

  it('refuses someone outside the org with a reply naming the rule, and re-runs nothing', async () => {
    const asked = await comment('rex-random');

    expect(membershipChecks()).toEqual(['rex-random 404']);
    expect(rerunCalls()).toEqual([]);
    expect(harness.double.reruns(MONOREPO)).toEqual([]);
    expect(replies().map((reply) => reply.body)).toEqual([
      replyTo(asked, `- \`release\`: not re-run: ${RULE}`),
    ]);
    // The only write is the reply: no record on the tracking issue, no notice.
    expect(harness.double.actions().map((action) => `${action.method} ${action.path}`)).toEqual([
      `POST /repos/${MONOREPO}/issues/${ISSUE}/comments`,
    ]);
    expect(published).toEqual([]);
  });

  it('asks again when GitHub answers the membership check with a 5xx, then re-runs', async () => {
    harness.double.faults.add({
      method: 'GET',
      route: '/orgs/example-ack/members/wes-writer',
      respond: { status: 502 },
    });

    await comment('wes-writer');

    expect(membershipChecks()).toEqual(['wes-writer 502', 'wes-writer 204']);
    expect(rerunCalls()).toEqual([`POST ${RERUN_PATH}`]);
    expect(replies()).toHaveLength(1);
    expect(replies()[0]!.body.split('\n')[0]).toBe(
      `@wes-writer: - \`release\`: re-run started with GitHub Actions (its failed jobs): [follow it](https://github.com/${MONOREPO}/actions/runs/${ACTIONS_RUN_ID})`,
    );
  });
});
