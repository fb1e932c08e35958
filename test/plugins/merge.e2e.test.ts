import type { WorldInput } from '../../src/github-double/world-schema.js';
import { startWorld, type WorldHarness } from '../support/github-world.js';
import { BACKENDS } from '../support/stores.js';
import { deliver, pluginCalls } from './support/prow-deliveries.js';
import { webhookExample } from '../support/webhook-examples.js';
import { pullRequestEvent } from './support/pull-request-events.js';

const REPO = 'acme/widgets';
const HEAD = 'abc1234567890abcdef1234567890abcdef12345';
const PULL = { number: 7, author: 'erin', headSha: HEAD, labels: ['lgtm', 'approved'] };
/** Only merge is under test: it is turned on, and the other plugins that act on these events are off. */
const OTHERS_OFF = ['approve', 'trigger', 'owners-label', 'lgtm', 'release-tracker']
  .map((name) => `  ${name}:\n    enabled: false\n`)
  .join('');
const SHERIFF_YML = `plugins:\n  merge:\n    enabled: true\n    method: squash\n${OTHERS_OFF}`;

function worldWith(sheriffYml: string, labels = ['lgtm', 'approved'], checkConclusion = 'success' as const) {
  return {
    repos: {
      [REPO]: {
        defaultBranch: 'main',
        files: { '.github/sheriff.yml': sheriffYml },
        labels: ['lgtm', 'approved', 'do-not-merge/hold'],
        issues: [
          { number: 7, title: 'Loader', user: 'erin', pull: true, headSha: HEAD, baseRef: 'main', labels },
        ],
        checkRuns: [{ name: 'ci', headSha: HEAD, conclusion: checkConclusion }],
        statuses: [{ sha: HEAD, context: 'pull-widgets-unit', state: 'success' as const }],
      },
    },
  } satisfies WorldInput;
}

describe.each(BACKENDS)('merge end to end on %s', (backend) => {
  let harness: WorldHarness;

  const start = async (world: WorldInput) => {
    harness = await startWorld(backend, world);
  };
  afterEach(async () => {
    await harness.close();
  });

  const send = (event: string, payload: unknown) => deliver(harness, event, payload as object);
  const calls = () => pluginCalls(harness);
  const labeled = (label: string, labels = PULL.labels) =>
    pullRequestEvent(REPO, 'labeled', { ...PULL, labels }, { sender: 'alice', label });
  const MERGE = {
    method: 'PUT',
    path: `/repos/${REPO}/pulls/7/merge`,
    body: { sha: HEAD, merge_method: 'squash' },
  };

  it('merges once lgtm is added, reading the PR and its checks fresh and merging at that head', async () => {
    await start(worldWith(SHERIFF_YML));
    await send('pull_request', labeled('lgtm'));
    expect(calls().slice(0, 1)).toEqual(['pulls/get 200']);
    expect(calls().slice(1, 3).sort()).toEqual([
      'checks/list-for-ref 200',
      'repos/get-combined-status-for-ref 200',
    ]);
    expect(calls().slice(3)).toEqual(['pulls/merge 200']);
    expect(harness.double.actions()).toEqual([MERGE]);
    expect(harness.double.issue(REPO, 7)?.pull?.merged).toBe(true);
  });

  it('asks GitHub nothing while the webhook’s labels already say no', async () => {
    await start(worldWith(SHERIFF_YML));
    await send('pull_request', labeled('lgtm', ['lgtm']));
    await send('pull_request', labeled('do-not-merge/hold', [...PULL.labels, 'do-not-merge/hold']));
    expect(calls()).toEqual([]);
  });

  it('re-checks just before merging: a label removed since the event stops it', async () => {
    await start(worldWith(SHERIFF_YML, ['lgtm']));
    await send('pull_request', labeled('approved'));
    expect(calls()).toEqual(['pulls/get 200']);
    expect(harness.double.actions()).toEqual([]);
  });

  it('waits for a failing check, then merges on the status that completes the set', async () => {
    await start(worldWith(SHERIFF_YML, PULL.labels, 'failure' as never));
    await send('pull_request', labeled('approved'));
    expect(harness.double.actions()).toEqual([]);

    // The check is re-run and passes; a status event then finds the PR by its head.
    const run = [...harness.double.state.repos.get('acme/widgets')!.checkRuns.values()][0]!;
    run.conclusion = 'success';
    harness.double.clearRequests();
    const status = webhookExample<Record<string, any>>('status'); // eslint-disable-line @typescript-eslint/no-explicit-any
    Object.assign(status, { sha: HEAD, state: 'success', context: 'pull-widgets-unit' });
    Object.assign(status.repository, { name: 'widgets', full_name: REPO });
    status.repository.owner.login = 'acme';
    delete status.installation;
    await send('status', status);
    expect(calls()[0]).toBe('pulls/list 200');
    expect(harness.double.actions()).toEqual([MERGE]);
  });

  it('reports a refused merge on the PR once per head and reason', async () => {
    await start(worldWith(SHERIFF_YML));
    const refusal = { status: 405, body: { message: 'Required status check "deploy" is expected.' } };
    harness.double.faults.add({
      method: 'PUT',
      route: `/repos/${REPO}/pulls/7/merge`,
      times: 2,
      respond: refusal,
    });
    await send('pull_request', labeled('lgtm'));
    // An injected fault answers before routing, so it is logged by path; the PR is re-read
    // (unchanged: 304 from the ETag cache) to tell a refusal from a merge another event made.
    expect(calls().slice(3)).toEqual([
      `PUT /repos/${REPO}/pulls/7/merge 405`,
      'pulls/get 304',
      'issues/list-comments 200',
      'issues/create-comment 201',
    ]);
    const comments = harness.double.comments(REPO, 7);
    expect(comments).toHaveLength(1);
    expect(comments[0]!.body).toMatch(
      /^Sheriff could not merge this pull request: Required status check "deploy" is expected\. \(HTTP 405\)\./,
    );

    harness.double.clearRequests();
    await send('pull_request', labeled('approved'));
    expect(calls().slice(3)).toEqual([
      `PUT /repos/${REPO}/pulls/7/merge 405`,
      'pulls/get 304',
      'issues/list-comments 200',
    ]);
    expect(harness.double.comments(REPO, 7)).toHaveLength(1);
  });

  it('is off by default', async () => {
    await start(worldWith(`plugins:\n${OTHERS_OFF}`));
    await send('pull_request', labeled('lgtm'));
    expect(calls()).toEqual([]);
  });
});
