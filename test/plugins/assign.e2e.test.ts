import { assignRefusal, reviewRefusal } from '../../plugins/assign/render-assign.js';
import type { WorldInput } from '../../src/github-double/world-schema.js';
import { startWorld, type WorldHarness } from '../support/github-world.js';
import { BACKENDS } from '../support/stores.js';
import { deliver, pluginCalls, soloConfig, threadComment, replyTo } from './support/prow-deliveries.js';

const world = (settings: Record<string, unknown> = {}): WorldInput => ({
  orgs: { acme: { members: ['alice'] } },
  repos: {
    'acme/widgets': {
      defaultBranch: 'main',
      permissions: { bob: 'write', carol: 'read' },
      files: { '.github/sheriff.yml': soloConfig('assign', settings) },
      issues: [
        { number: 7, title: 'Fix bundle', user: 'erin', state: 'open', pull: true },
        { number: 9, title: 'Flaky test', user: 'erin', state: 'open', assignees: ['carol'] },
      ],
    },
  },
});

describe.each(BACKENDS)('/assign and /cc end to end on %s', (backend) => {
  let harness: WorldHarness;
  afterEach(async () => {
    await harness.close();
  });
  const start = async (settings?: Record<string, unknown>) => {
    harness = await startWorld(backend, world(settings));
  };

  it('/assign @x: one request, anyone may ask', async () => {
    await start();
    await deliver(
      harness,
      'issue_comment',
      threadComment({ number: 9, body: '/assign @alice', author: 'mallory', association: 'NONE' }),
    );
    expect(harness.double.actions()).toEqual([
      { method: 'POST', path: '/repos/acme/widgets/issues/9/assignees', body: { assignees: ['alice'] } },
    ]);
    expect(pluginCalls(harness)).toEqual(['issues/add-assignees 201']);
    expect(harness.double.issue('acme/widgets', 9)?.assignees).toEqual(['carol', 'alice']);
  });

  it("someone GitHub cannot assign gets Prow's reply (two requests)", async () => {
    await start({ contributorGuideUrl: 'https://example.com/guide' });
    const payload = threadComment({
      number: 9,
      body: '/assign @mallory bob',
      author: 'bob',
      association: 'COLLABORATOR',
      assignees: ['carol'],
    });
    await deliver(harness, 'issue_comment', payload);
    expect(harness.double.actions()).toEqual([
      {
        method: 'POST',
        path: '/repos/acme/widgets/issues/9/assignees',
        body: { assignees: ['mallory', 'bob'] },
      },
      {
        method: 'POST',
        path: '/repos/acme/widgets/issues/9/comments',
        body: { body: replyTo(payload, assignRefusal(['mallory'], 'acme', 'https://example.com/guide')) },
      },
    ]);
  });

  it('/unassign alone removes the commenter; someone not assigned costs nothing', async () => {
    await start();
    await deliver(
      harness,
      'issue_comment',
      threadComment({
        number: 9,
        body: '/unassign\n/unassign @alice',
        author: 'carol',
        association: 'CONTRIBUTOR',
        assignees: ['carol'],
      }),
    );
    expect(harness.double.actions()).toEqual([
      { method: 'DELETE', path: '/repos/acme/widgets/issues/9/assignees', body: { assignees: ['carol'] } },
    ]);
  });

  it('/cc requests reviews on a PR; GitHub refusing one is answered after asking one at a time', async () => {
    await start();
    await deliver(
      harness,
      'issue_comment',
      threadComment({
        number: 7,
        body: '/cc @bob',
        author: 'alice',
        association: 'MEMBER',
        pullRequest: true,
      }),
    );
    expect(pluginCalls(harness)).toEqual(['pulls/request-reviewers 201']);

    harness.double.clearRequests();
    const payload = threadComment({
      number: 7,
      body: '/cc @mallory carol',
      author: 'alice',
      association: 'MEMBER',
      pullRequest: true,
    });
    await deliver(harness, 'issue_comment', payload);
    expect(harness.double.actions()).toEqual([
      {
        method: 'POST',
        path: '/repos/acme/widgets/pulls/7/requested_reviewers',
        body: { reviewers: ['mallory', 'carol'] },
      },
      {
        method: 'POST',
        path: '/repos/acme/widgets/pulls/7/requested_reviewers',
        body: { reviewers: ['mallory'] },
      },
      {
        method: 'POST',
        path: '/repos/acme/widgets/pulls/7/requested_reviewers',
        body: { reviewers: ['carol'] },
      },
      {
        method: 'POST',
        path: '/repos/acme/widgets/issues/7/comments',
        body: { body: replyTo(payload, reviewRefusal(['mallory'], 'acme')) },
      },
    ]);
    expect(harness.double.issue('acme/widgets', 7)?.pull?.requestedReviewers).toEqual(['bob', 'carol']);
  });

  it('/uncc removes a review request; /cc of the PR author is refused by GitHub', async () => {
    await start();
    await deliver(
      harness,
      'issue_comment',
      threadComment({
        number: 7,
        body: '/uncc @bob',
        author: 'alice',
        association: 'MEMBER',
        pullRequest: true,
      }),
    );
    expect(harness.double.actions()).toEqual([
      {
        method: 'DELETE',
        path: '/repos/acme/widgets/pulls/7/requested_reviewers',
        body: { reviewers: ['bob'] },
      },
    ]);
    harness.double.clearRequests();
    const payload = threadComment({
      number: 7,
      body: '/cc',
      author: 'erin',
      association: 'NONE',
      pullRequest: true,
    });
    await deliver(harness, 'issue_comment', payload);
    expect(pluginCalls(harness)).toEqual(['pulls/request-reviewers 422', 'issues/create-comment 201']);
  });

  it('does nothing for /cc on an issue, commas, mid-line, or an edited comment', async () => {
    await start();
    for (const payload of [
      threadComment({ number: 9, body: '/cc @bob', author: 'alice', association: 'MEMBER' }),
      threadComment({ number: 9, body: '/assign @alice, @bob', author: 'alice', association: 'MEMBER' }),
      threadComment({ number: 9, body: 'please /assign @alice', author: 'alice', association: 'MEMBER' }),
      threadComment({
        number: 9,
        body: '/assign @alice',
        author: 'alice',
        association: 'MEMBER',
        action: 'edited',
      }),
    ])
      await deliver(harness, 'issue_comment', payload);
    expect(pluginCalls(harness)).toEqual([]);
  });
});
