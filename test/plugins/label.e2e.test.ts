import type { WorldInput } from '../../src/github-double/world-schema.js';
import { startWorld, type WorldHarness } from '../support/github-world.js';
import { BACKENDS } from '../support/stores.js';
import { deliver, pluginCalls, soloConfig, threadComment, replyTo } from './support/prow-deliveries.js';

const world = (settings: Record<string, unknown> = {}): WorldInput => ({
  orgs: { acme: { members: ['alice'], teams: { 'release-managers': ['rita'] } } },
  repos: {
    'acme/widgets': {
      defaultBranch: 'main',
      labels: [
        'area/ui',
        'kind/bug',
        'Kind/Feature',
        'needs-kind',
        'triage/accepted',
        'cherry-pick-approved',
      ],
      files: { '.github/sheriff.yml': soloConfig('label', settings) },
      issues: [
        { number: 9, title: 'Flaky test', user: 'erin', state: 'open', labels: ['kind/bug'] },
        { number: 7, title: 'Fix bundle', user: 'erin', state: 'open', pull: true },
      ],
    },
  },
});

const RESTRICTED = {
  restrictedLabels: [{ label: 'cherry-pick-approved', allowedTeams: ['acme/release-managers'] }],
};

describe.each(BACKENDS)('label commands end to end on %s', (backend) => {
  let harness: WorldHarness;
  afterEach(async () => {
    await harness.close();
  });
  const start = async (settings?: Record<string, unknown>) => {
    harness = await startWorld(backend, world(settings));
  };
  const comment = (body: string, author = 'mallory', labels = ['kind/bug'], number = 9) =>
    threadComment({ number, body, author, association: 'NONE', labels, pullRequest: number === 7 });

  it('/area x: one read that the label exists, one write (anyone may)', async () => {
    await start();
    await deliver(harness, 'issue_comment', comment('/area ui'));
    expect(pluginCalls(harness)).toEqual(['issues/get-label 200', 'issues/add-labels 200']);
    expect(harness.double.actions()).toEqual([
      { method: 'POST', path: '/repos/acme/widgets/issues/9/labels', body: { labels: ['area/ui'] } },
    ]);
  });

  it('uses the repository spelling, and skips a label already present without a request', async () => {
    await start();
    await deliver(harness, 'issue_comment', comment('/kind Feature bug'));
    expect(pluginCalls(harness)).toEqual(['issues/get-label 200', 'issues/add-labels 200']);
    expect(harness.double.actions()).toEqual([
      { method: 'POST', path: '/repos/acme/widgets/issues/9/labels', body: { labels: ['Kind/Feature'] } },
    ]);
  });

  it('does not create a label the repository lacks, and says so', async () => {
    await start();
    const payload = comment('/kind flake');
    await deliver(harness, 'issue_comment', payload);
    expect(harness.double.actions()).toEqual([
      {
        method: 'POST',
        path: '/repos/acme/widgets/issues/9/comments',
        body: {
          body: replyTo(
            payload,
            "The label(s) `kind/flake` cannot be applied, because the repository doesn't have them.",
          ),
        },
      },
    ]);
    expect(harness.double.labels('acme/widgets').map((label) => label.name)).not.toContain('kind/flake');
  });

  it('removing the last kind brings back needs-kind', async () => {
    await start();
    await deliver(harness, 'issue_comment', comment('/remove-kind bug'));
    expect(harness.double.actions()).toEqual([
      { method: 'POST', path: '/repos/acme/widgets/issues/9/labels', body: { labels: ['needs-kind'] } },
      { method: 'DELETE', path: '/repos/acme/widgets/issues/9/labels/kind%2Fbug' },
    ]);
  });

  it('triage/accepted: refused for someone outside the org, applied for a member', async () => {
    await start();
    const refused = comment('/triage accepted');
    await deliver(harness, 'issue_comment', refused);
    expect(pluginCalls(harness)).toEqual([
      'issues/get-label 200',
      'orgs/check-membership-for-user 404',
      'issues/create-comment 201',
    ]);
    expect(harness.double.actions()).toEqual([
      {
        method: 'POST',
        path: '/repos/acme/widgets/issues/9/comments',
        body: {
          body: replyTo(
            refused,
            'The label `triage/accepted` cannot be applied. Only GitHub organization members can add the label.',
          ),
        },
      },
    ]);
    harness.double.clearRequests();
    await deliver(harness, 'issue_comment', comment('/triage accepted', 'alice'));
    expect(harness.double.actions()).toEqual([
      { method: 'POST', path: '/repos/acme/widgets/issues/9/labels', body: { labels: ['triage/accepted'] } },
    ]);
  });

  it('a restricted label: refused for others, applied for a member of an allowed team', async () => {
    await start(RESTRICTED);
    await deliver(harness, 'issue_comment', comment('/label cherry-pick-approved', 'alice', [], 7));
    expect(pluginCalls(harness)).toEqual([
      'issues/get-label 200',
      'teams/get-membership-for-user-in-org 404',
      'issues/create-comment 201',
    ]);
    harness.double.clearRequests();
    await deliver(harness, 'issue_comment', comment('/label cherry-pick-approved', 'rita', [], 7));
    expect(harness.double.actions()).toEqual([
      {
        method: 'POST',
        path: '/repos/acme/widgets/issues/7/labels',
        body: { labels: ['cherry-pick-approved'] },
      },
    ]);
  });

  it('ignores upper-case command words, HTML comments and edited comments', async () => {
    await start();
    await deliver(harness, 'issue_comment', comment('/KIND bug\n/Area ui'));
    await deliver(harness, 'issue_comment', comment('<!-- /area ui -->\nThanks'));
    await deliver(harness, 'issue_comment', { ...comment('/area ui'), action: 'edited' });
    expect(pluginCalls(harness)).toEqual([]);
  });
});
