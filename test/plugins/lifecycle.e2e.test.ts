import type { WorldInput } from '../../src/github-double/world-schema.js';
import { startWorld, type WorldHarness } from '../support/github-world.js';
import { BACKENDS } from '../support/stores.js';
import { deliver, pluginCalls, soloConfig, threadComment, replyTo } from './support/prow-deliveries.js';

const world: WorldInput = {
  orgs: { acme: { members: ['alice'] } },
  repos: {
    'acme/widgets': {
      defaultBranch: 'main',
      labels: ['lifecycle/stale', 'lifecycle/rotten', 'lifecycle/frozen'],
      permissions: { carol: 'read' },
      files: { '.github/sheriff.yml': soloConfig('lifecycle') },
      issues: [
        { number: 9, title: 'Flaky test', user: 'erin', state: 'open' },
        { number: 10, title: 'Old idea', user: 'erin', state: 'open', labels: ['lifecycle/stale'] },
        { number: 11, title: 'Closed idea', user: 'erin', state: 'closed' },
        { number: 7, title: 'Fix bundle', user: 'erin', state: 'open', pull: true },
        { number: 8, title: 'Closed PR', user: 'erin', state: 'closed', pull: true },
      ],
    },
  },
};

const reply = (number: number, payload: Record<string, unknown>, message: string) => ({
  method: 'POST',
  path: `/repos/acme/widgets/issues/${number}/comments`,
  body: { body: replyTo(payload, message) },
});

describe.each(BACKENDS)('lifecycle commands end to end on %s', (backend) => {
  let harness: WorldHarness;
  beforeEach(async () => {
    harness = await startWorld(backend, world);
  });
  afterEach(async () => {
    await harness.close();
  });

  it('/close by the author closes the issue and says so: two requests, no read', async () => {
    const payload = threadComment({ number: 9, body: '/close', author: 'erin', association: 'CONTRIBUTOR' });
    await deliver(harness, 'issue_comment', payload);
    expect(harness.double.actions()).toEqual([
      {
        method: 'PATCH',
        path: '/repos/acme/widgets/issues/9',
        body: { state: 'closed', state_reason: 'completed' },
      },
      reply(9, payload, 'Closing this issue.'),
    ]);
    expect(pluginCalls(harness)).toEqual(['issues/update 200', 'issues/create-comment 201']);
    expect(harness.double.issue('acme/widgets', 9)).toMatchObject({
      state: 'closed',
      stateReason: 'completed',
    });
  });

  it('/close not-planned by a collaborator (read role, confirmed with one read)', async () => {
    const payload = threadComment({
      number: 9,
      body: '/close not-planned',
      author: 'carol',
      association: 'CONTRIBUTOR',
    });
    await deliver(harness, 'issue_comment', payload);
    expect(pluginCalls(harness)).toEqual([
      'repos/check-collaborator 204',
      'issues/update 200',
      'issues/create-comment 201',
    ]);
    expect(harness.double.issue('acme/widgets', 9)).toMatchObject({
      state: 'closed',
      stateReason: 'not_planned',
    });
  });

  it('/close by someone else on an active issue is refused', async () => {
    const payload = threadComment({ number: 9, body: '/close', author: 'mallory', association: 'NONE' });
    await deliver(harness, 'issue_comment', payload);
    expect(harness.double.actions()).toEqual([
      reply(
        9,
        payload,
        "You can't close an active issue/PR unless you authored it or you are a collaborator.",
      ),
    ]);
    expect(pluginCalls(harness)).toEqual(['repos/check-collaborator 404', 'issues/create-comment 201']);
  });

  it('anyone may /close a stale issue, without a check', async () => {
    const payload = threadComment({
      number: 10,
      body: '/close',
      author: 'mallory',
      association: 'NONE',
      labels: ['lifecycle/stale'],
    });
    await deliver(harness, 'issue_comment', payload);
    expect(pluginCalls(harness)).toEqual(['issues/update 200', 'issues/create-comment 201']);
  });

  it('/close on a PR closes it; /close not-planned on a PR is refused', async () => {
    const notPlanned = threadComment({
      number: 7,
      body: '/close not-planned',
      author: 'alice',
      association: 'MEMBER',
      pullRequest: true,
    });
    await deliver(harness, 'issue_comment', notPlanned);
    expect(harness.double.actions()).toEqual([reply(7, notPlanned, 'PRs cannot be closed as Not Planned.')]);
    harness.double.clearRequests();
    const close = threadComment({
      number: 7,
      body: '/close',
      author: 'alice',
      association: 'MEMBER',
      pullRequest: true,
    });
    await deliver(harness, 'issue_comment', close);
    expect(harness.double.actions()).toEqual([
      { method: 'PATCH', path: '/repos/acme/widgets/pulls/7', body: { state: 'closed' } },
      reply(7, close, 'Closed this PR.'),
    ]);
  });

  it('/reopen: a collaborator reopens a PR; someone else is refused', async () => {
    const refused = threadComment({
      number: 8,
      body: '/reopen',
      author: 'mallory',
      association: 'NONE',
      pullRequest: true,
      state: 'closed',
    });
    await deliver(harness, 'issue_comment', refused);
    expect(harness.double.actions()).toEqual([
      reply(8, refused, "You can't reopen an issue/PR unless you authored it or you are a collaborator."),
    ]);
    harness.double.clearRequests();
    const reopen = threadComment({
      number: 8,
      body: '/reopen',
      author: 'alice',
      association: 'MEMBER',
      pullRequest: true,
      state: 'closed',
    });
    await deliver(harness, 'issue_comment', reopen);
    expect(harness.double.actions()).toEqual([
      { method: 'PATCH', path: '/repos/acme/widgets/pulls/8', body: { state: 'open' } },
      reply(8, reopen, 'Reopened this PR.'),
    ]);
    expect(pluginCalls(harness)).toEqual(['pulls/update 200', 'issues/create-comment 201']);
  });

  it('/reopen by the author of a closed issue', async () => {
    const payload = threadComment({
      number: 11,
      body: '/reopen',
      author: 'erin',
      association: 'NONE',
      state: 'closed',
    });
    await deliver(harness, 'issue_comment', payload);
    expect(harness.double.actions()).toEqual([
      { method: 'PATCH', path: '/repos/acme/widgets/issues/11', body: { state: 'open' } },
      reply(11, payload, 'Reopened this issue.'),
    ]);
  });

  it('/lifecycle rotten replaces stale (anyone may); frozen is refused on a PR', async () => {
    await deliver(
      harness,
      'issue_comment',
      threadComment({
        number: 10,
        body: '/lifecycle rotten',
        author: 'mallory',
        association: 'NONE',
        labels: ['lifecycle/stale'],
      }),
    );
    expect(harness.double.actions()).toEqual([
      { method: 'DELETE', path: '/repos/acme/widgets/issues/10/labels/lifecycle%2Fstale' },
      {
        method: 'POST',
        path: '/repos/acme/widgets/issues/10/labels',
        body: { labels: ['lifecycle/rotten'] },
      },
    ]);
    harness.double.clearRequests();
    const frozen = threadComment({
      number: 7,
      body: '/lifecycle frozen',
      author: 'alice',
      association: 'MEMBER',
      pullRequest: true,
    });
    await deliver(harness, 'issue_comment', frozen);
    expect(harness.double.actions()).toEqual([
      reply(7, frozen, 'The `lifecycle/frozen` label cannot be applied to Pull Requests.'),
    ]);
  });

  it('does nothing for trailing text, a quote, or an edited comment', async () => {
    for (const payload of [
      threadComment({ number: 9, body: '/close as dup', author: 'erin', association: 'NONE' }),
      threadComment({ number: 9, body: '> /close', author: 'erin', association: 'NONE' }),
      threadComment({ number: 9, body: '/close', author: 'erin', association: 'NONE', action: 'edited' }),
    ])
      await deliver(harness, 'issue_comment', payload);
    expect(pluginCalls(harness)).toEqual([]);
  });
});
