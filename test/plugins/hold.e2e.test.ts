import { issueComment, startWorld, type WorldHarness } from '../support/github-world.js';
import { BACKENDS } from '../support/stores.js';
import type { WorldInput } from '../../src/github-double/world-schema.js';

const world: WorldInput = {
  orgs: { acme: { members: ['alice'] } },
  repos: {
    'acme/widgets': {
      defaultBranch: 'main',
      labels: ['do-not-merge/hold'],
      permissions: { alice: 'write' },
      issues: [
        { number: 7, title: 'Fix bundle', user: 'erin', state: 'open', pull: true, labels: [] },
        {
          number: 8,
          title: 'Held PR',
          user: 'erin',
          state: 'open',
          pull: true,
          labels: ['do-not-merge/hold'],
        },
        { number: 9, title: 'An issue', user: 'erin', state: 'open', labels: [] },
      ],
    },
  },
};

describe.each(BACKENDS)('/hold end to end on %s', (backend) => {
  let harness: WorldHarness;

  beforeEach(async () => {
    harness = await startWorld(backend, world);
  });
  afterEach(async () => {
    await harness.close();
  });

  const writes = () => harness.double.actions().filter((action) => action.path.startsWith('/repos/'));
  const processed = (count: number) =>
    harness.waitFor(
      async () =>
        (await harness.sheriff.queue.stats()).pending + (await harness.sheriff.queue.stats()).running === 0 &&
        harness.handled.length >= count,
    );

  it('adds do-not-merge/hold with one write, from a comment forwarded by Prow with no installation', async () => {
    const response = await harness.send(
      'issue_comment',
      issueComment({
        repo: 'acme/widgets',
        number: 7,
        body: '/hold until the release',
        author: 'bob',
        pullRequest: true,
        forwarded: true,
      }),
    );
    expect(response.status).toBe(202);
    await harness.waitFor(() => writes().length > 0);
    expect(writes()).toEqual([
      {
        method: 'POST',
        path: '/repos/acme/widgets/issues/7/labels',
        body: { labels: ['do-not-merge/hold'] },
      },
    ]);
    expect(harness.double.issue('acme/widgets', 7)?.labels).toEqual(['do-not-merge/hold']);
  });

  it('removes the label when a /hold cancel follows /hold in the same comment (cancel wins)', async () => {
    await harness.send(
      'issue_comment',
      issueComment({
        repo: 'acme/widgets',
        number: 8,
        body: '/hold\n/hold cancel',
        author: 'bob',
        pullRequest: true,
        labels: ['do-not-merge/hold'],
      }),
    );
    await harness.waitFor(() => writes().length > 0);
    expect(writes()).toEqual([
      { method: 'DELETE', path: '/repos/acme/widgets/issues/8/labels/do-not-merge%2Fhold' },
    ]);
  });

  it('does nothing on an issue, on an edited comment, on quoted or mid-line commands, and for its own comments', async () => {
    const ignored = [
      issueComment({ repo: 'acme/widgets', number: 9, body: '/hold', author: 'bob' }),
      issueComment({
        repo: 'acme/widgets',
        number: 7,
        body: '/hold',
        author: 'bob',
        pullRequest: true,
        action: 'edited',
      }),
      issueComment({
        repo: 'acme/widgets',
        number: 7,
        body: '> /hold\nplease /hold',
        author: 'bob',
        pullRequest: true,
      }),
      issueComment({
        repo: 'acme/widgets',
        number: 7,
        body: '/hold',
        author: 'sheriff[bot]',
        pullRequest: true,
      }),
    ];
    for (const payload of ignored) await harness.send('issue_comment', payload);
    await processed(ignored.length);
    expect(writes()).toEqual([]);
  });

  it('does nothing when the repository turns the plugin off', async () => {
    await harness.close();
    harness = await startWorld(backend, {
      ...world,
      repos: {
        'acme/widgets': {
          ...world.repos!['acme/widgets'],
          files: { '.github/sheriff.yml': 'plugins:\n  hold:\n    enabled: false\n' },
        },
      },
    });
    await harness.send(
      'issue_comment',
      issueComment({ repo: 'acme/widgets', number: 7, body: '/hold', author: 'bob', pullRequest: true }),
    );
    await processed(1);
    expect(writes()).toEqual([]);
  });
});
