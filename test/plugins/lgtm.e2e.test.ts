import type { WorldInput } from '../../src/github-double/world-schema.js';
import { startWorld, type WorldHarness } from '../support/github-world.js';
import { BACKENDS } from '../support/stores.js';
import {
  deliver,
  pluginCalls,
  pullRequestReview,
  pullRequestSynchronize,
  soloConfig,
  threadComment,
  replyTo,
} from './support/prow-deliveries.js';

const world = (settings: Record<string, unknown> = {}): WorldInput => ({
  orgs: { acme: { members: ['alice'] } },
  repos: {
    'acme/widgets': {
      defaultBranch: 'main',
      labels: ['lgtm'],
      permissions: { carol: 'read' },
      files: { '.github/sheriff.yml': soloConfig('lgtm', settings) },
      issues: [
        { number: 7, title: 'Fix bundle', user: 'erin', state: 'open', pull: true },
        {
          number: 8,
          title: 'Reviewed',
          user: 'erin',
          state: 'open',
          pull: true,
          labels: ['lgtm'],
          assignees: ['alice'],
        },
      ],
    },
  },
});

describe.each(BACKENDS)('/lgtm end to end on %s', (backend) => {
  let harness: WorldHarness;
  afterEach(async () => {
    await harness.close();
  });
  const start = async (settings?: Record<string, unknown>) => {
    harness = await startWorld(backend, world(settings));
  };

  it('a collaborator (org member) is assigned and adds lgtm: 2 requests, no read', async () => {
    await start();
    await deliver(
      harness,
      'issue_comment',
      threadComment({ number: 7, body: '/lgtm', author: 'alice', association: 'MEMBER', pullRequest: true }),
    );
    expect(harness.double.actions()).toEqual([
      { method: 'POST', path: '/repos/acme/widgets/issues/7/assignees', body: { assignees: ['alice'] } },
      { method: 'POST', path: '/repos/acme/widgets/issues/7/labels', body: { labels: ['lgtm'] } },
    ]);
    expect(pluginCalls(harness)).toEqual(['issues/add-assignees 201', 'issues/add-labels 200']);
    expect(harness.double.issue('acme/widgets', 7)).toMatchObject({ labels: ['lgtm'], assignees: ['alice'] });
  });

  it('a read collaborator GitHub calls CONTRIBUTOR is confirmed with one read', async () => {
    await start();
    await deliver(
      harness,
      'issue_comment',
      threadComment({
        number: 7,
        body: '/LGTM',
        author: 'carol',
        association: 'CONTRIBUTOR',
        pullRequest: true,
      }),
    );
    expect(pluginCalls(harness)).toEqual([
      'repos/check-collaborator 204',
      'issues/add-assignees 201',
      'issues/add-labels 200',
    ]);
  });

  it('refuses someone who is not a collaborator: one read, one reply', async () => {
    await start();
    const payload = threadComment({
      number: 7,
      body: '/lgtm',
      author: 'mallory',
      association: 'NONE',
      pullRequest: true,
    });
    await deliver(harness, 'issue_comment', payload);
    expect(harness.double.actions()).toEqual([
      {
        method: 'POST',
        path: '/repos/acme/widgets/issues/7/comments',
        body: { body: replyTo(payload, 'changing LGTM is restricted to collaborators') },
      },
    ]);
    expect(pluginCalls(harness)).toEqual(['repos/check-collaborator 404', 'issues/create-comment 201']);
  });

  it("refuses the author's own /lgtm with one reply and no read", async () => {
    await start();
    const payload = threadComment({
      number: 7,
      body: 'Ready!\n/lgtm',
      author: 'erin',
      association: 'CONTRIBUTOR',
      pullRequest: true,
    });
    await deliver(harness, 'issue_comment', payload);
    expect(harness.double.actions()).toEqual([
      {
        method: 'POST',
        path: '/repos/acme/widgets/issues/7/comments',
        body: { body: replyTo(payload, 'you cannot LGTM your own PR.') },
      },
    ]);
    expect(pluginCalls(harness)).toEqual(['issues/create-comment 201']);
  });

  it('lets the author cancel lgtm, and an assigned collaborator cancel it with one request', async () => {
    await start();
    await deliver(
      harness,
      'issue_comment',
      threadComment({
        number: 8,
        body: '/lgtm cancel',
        author: 'erin',
        association: 'NONE',
        pullRequest: true,
        labels: ['lgtm'],
        assignees: ['alice'],
      }),
    );
    expect(harness.double.actions()).toEqual([
      { method: 'DELETE', path: '/repos/acme/widgets/issues/8/labels/lgtm' },
    ]);
    expect(pluginCalls(harness)).toEqual(['issues/remove-label 200']);
  });

  it('does nothing for trailing text, an edited comment, or an issue', async () => {
    await start();
    await deliver(
      harness,
      'issue_comment',
      threadComment({
        number: 7,
        body: '/lgtm thanks!',
        author: 'alice',
        association: 'MEMBER',
        pullRequest: true,
      }),
    );
    await deliver(
      harness,
      'issue_comment',
      threadComment({
        number: 7,
        body: '/lgtm',
        author: 'alice',
        association: 'MEMBER',
        pullRequest: true,
        action: 'edited',
      }),
    );
    await deliver(
      harness,
      'issue_comment',
      threadComment({ number: 7, body: '/lgtm', author: 'alice', association: 'MEMBER', pullRequest: false }),
    );
    expect(pluginCalls(harness)).toEqual([]);
  });

  it('removes lgtm on new commits with Prow’s notice; a PR without lgtm costs nothing', async () => {
    await start();
    await deliver(
      harness,
      'pull_request',
      pullRequestSynchronize({
        number: 7,
        author: 'erin',
        labels: [],
        before: 'a'.repeat(40),
        after: 'b'.repeat(40),
      }),
    );
    expect(pluginCalls(harness)).toEqual([]);
    await deliver(
      harness,
      'pull_request',
      pullRequestSynchronize({
        number: 8,
        author: 'erin',
        labels: ['lgtm'],
        before: 'a'.repeat(40),
        after: 'b'.repeat(40),
      }),
    );
    expect(harness.double.actions()).toEqual([
      { method: 'DELETE', path: '/repos/acme/widgets/issues/8/labels/lgtm' },
      {
        method: 'POST',
        path: '/repos/acme/widgets/issues/8/comments',
        body: { body: 'New changes are detected. LGTM label has been removed.' },
      },
    ]);
  });

  it('keeps lgtm when the new head has the same tree (keepOnUnchangedTree), and removes it when a commit is unknown', async () => {
    await start({ keepOnUnchangedTree: true });
    const head = harness.double.state.repos.get('acme/widgets')!.headCommit;
    await deliver(
      harness,
      'pull_request',
      pullRequestSynchronize({ number: 8, author: 'erin', labels: ['lgtm'], before: head, after: head }),
    );
    expect(pluginCalls(harness)).toEqual(['git/get-commit 200', 'git/get-commit 200']);
    expect(harness.double.actions()).toEqual([]);

    harness.double.clearRequests();
    await deliver(
      harness,
      'pull_request',
      pullRequestSynchronize({
        number: 8,
        author: 'erin',
        labels: ['lgtm'],
        before: 'c'.repeat(40),
        after: head,
      }),
    );
    expect(harness.double.actions().map((action) => `${action.method} ${action.path}`)).toEqual([
      'DELETE /repos/acme/widgets/issues/8/labels/lgtm',
      'POST /repos/acme/widgets/issues/8/comments',
    ]);
  });

  it('treats an approving review as /lgtm when reviewActsAsLgtm is on', async () => {
    await start({ reviewActsAsLgtm: true });
    await deliver(
      harness,
      'pull_request_review',
      pullRequestReview({
        number: 7,
        reviewer: 'alice',
        association: 'MEMBER',
        state: 'approved',
        author: 'erin',
      }),
    );
    expect(harness.double.actions()).toEqual([
      { method: 'POST', path: '/repos/acme/widgets/issues/7/assignees', body: { assignees: ['alice'] } },
      { method: 'POST', path: '/repos/acme/widgets/issues/7/labels', body: { labels: ['lgtm'] } },
    ]);
  });

  it('does nothing when the repository turns the plugin off', async () => {
    await start({ enabled: false });
    await deliver(
      harness,
      'issue_comment',
      threadComment({ number: 7, body: '/lgtm', author: 'alice', association: 'MEMBER', pullRequest: true }),
    );
    expect(pluginCalls(harness)).toEqual([]);
  });
});
