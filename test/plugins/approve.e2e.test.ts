import type { GitHubAction } from '../../src/github-double/index.js';
import type { WorldInput } from '../../src/github-double/world-schema.js';
import { issueComment, startWorld, type WorldHarness } from '../support/github-world.js';
import { BACKENDS } from '../support/stores.js';
import { deliver, pluginCalls } from './support/prow-deliveries.js';
import { pullRequestEvent, reviewEvent } from './support/pull-request-events.js';

const REPO = 'acme/widgets';
const LABELS = `/repos/${REPO}/issues/7/labels`;
/** Only approve is under test: the other plugins that act on these events are off. */
const SHERIFF_YML = `plugins:\n${['trigger', 'owners-label', 'lgtm', 'release-tracker']
  .map((name) => `  ${name}:\n    enabled: false\n`)
  .join('')}`;
const PULL = { number: 7, author: 'erin', headSha: 'abc123' };

const world: WorldInput = {
  orgs: { acme: { members: ['carol', 'pam'] } },
  repos: {
    [REPO]: {
      defaultBranch: 'main',
      files: {
        OWNERS: 'approvers: [alice]\n',
        'docs/OWNERS': 'approvers: [carol]\n',
        'pkg/OWNERS': 'approvers: [pam]\n',
        '.github/sheriff.yml': SHERIFF_YML,
      },
      labels: ['approved'],
      issues: [
        {
          number: 7,
          title: 'Fix the guide and the loader',
          user: 'erin',
          pull: true,
          headSha: 'abc123',
          baseRef: 'main',
          files: ['docs/guide.md', 'pkg/main.go'],
          comments: [{ id: 901, user: 'carol', body: 'Docs look right.\n/approve' }],
        },
        { number: 8, title: 'An issue', user: 'erin' },
      ],
    },
  },
};

describe.each(BACKENDS)('/approve end to end on %s', (backend) => {
  let harness: WorldHarness;
  let nextCommentId = 1000;

  beforeEach(async () => {
    harness = await startWorld(backend, world);
  });
  afterEach(async () => {
    await harness.close();
  });

  /** A new comment on PR 7 with its own id, as GitHub would number it. */
  const comment = (body: string, author: string, extra: { action?: 'edited'; number?: number } = {}) => {
    const payload = issueComment({
      repo: REPO,
      number: extra.number ?? 7,
      body,
      author,
      pullRequest: (extra.number ?? 7) === 7,
      ...(extra.action ? { action: extra.action } : {}),
    }) as { comment: { id: number; html_url: string } };
    const id = nextCommentId++;
    payload.comment.id = id;
    payload.comment.html_url = `https://github.com/${REPO}/pull/7#issuecomment-${id}`;
    return payload;
  };
  const calls = () => pluginCalls(harness);
  const notifier = () =>
    harness.double.comments(REPO, 7).find((c) => c.body.startsWith('[APPROVALNOTIFIER]'));
  const writes = (): GitHubAction[] => harness.double.actions();
  const send = (event: string, payload: unknown) => deliver(harness, event, payload as object);

  it('rebuilds from the history on first use, then approves with 2 requests per /approve when warm', async () => {
    // Cold: carol's /approve is already on GitHub (comment 901); a new one from her arrives.
    await send('issue_comment', comment('/approve', 'carol'));
    expect(calls().sort()).toEqual(
      [
        'pulls/get 200',
        'issues/list-comments 200',
        'pulls/list-reviews 200',
        'pulls/list-files 200',
        'git/get-tree 200',
        'git/get-blob 200',
        'git/get-blob 200',
        'git/get-blob 200',
        'issues/create-comment 201',
      ].sort(),
    );
    expect(writes()).toHaveLength(1);
    expect(notifier()?.body).toContain('This PR is **NOT APPROVED**');
    expect(notifier()?.body).toContain(
      `- ~~[docs/OWNERS](https://github.com/${REPO}/blob/main/docs/OWNERS)~~ [carol]`,
    );
    expect(notifier()?.body).toContain(`- **[pkg/OWNERS](https://github.com/${REPO}/blob/main/pkg/OWNERS)**`);
    expect(notifier()?.body).toContain('<!-- META={"approvers":["pam"]} -->');
    const notifierId = notifier()!.id;

    // Warm, a permitted user: pam covers pkg/OWNERS, so the PR is approved.
    harness.double.clearRequests();
    await send('issue_comment', comment('/APPROVE', 'pam'));
    expect(calls()).toEqual(['issues/update-comment 200', 'issues/add-labels 200']);
    expect(writes()).toEqual([
      {
        method: 'PATCH',
        path: `/repos/${REPO}/issues/comments/${notifierId}`,
        body: { body: expect.stringContaining('[APPROVALNOTIFIER] This PR is **APPROVED**') },
      },
      { method: 'POST', path: LABELS, body: { labels: ['approved'] } },
    ]);
    expect(harness.double.issue(REPO, 7)?.labels).toEqual(['approved']);
    expect(
      harness.double.comments(REPO, 7).filter((c) => c.body.startsWith('[APPROVALNOTIFIER]')),
    ).toHaveLength(1);

    // Warm, a user who approves nothing here: listed, covers nothing, 1 request.
    harness.double.clearRequests();
    await send('issue_comment', comment('/approve', 'mallory'));
    expect(calls()).toEqual(['issues/update-comment 200']);
    expect(notifier()?.body).toContain('title="Approved">mallory</a>*');
    expect(harness.double.issue(REPO, 7)?.labels).toEqual(['approved']);

    // /approve cancel: the label goes, in 2 requests.
    harness.double.clearRequests();
    await send('issue_comment', comment('/approve cancel', 'pam'));
    expect(calls()).toEqual(['issues/update-comment 200', 'issues/remove-label 200']);
    expect(writes()[1]).toEqual({ method: 'DELETE', path: `${LABELS}/approved` });
    expect(notifier()?.body).toContain('This PR is **NOT APPROVED**');

    // /remove-approve of an approval that no longer stands changes nothing: no request.
    harness.double.clearRequests();
    await send('issue_comment', comment('/remove-approve', 'pam'));
    expect(calls()).toEqual([]);
  });

  it('ignores an edited comment, a comment on an issue and a quoted command', async () => {
    await send('issue_comment', comment('/approve', 'pam', { action: 'edited' }));
    await send('issue_comment', comment('/approve', 'pam', { number: 8 }));
    await send('issue_comment', comment('> /approve\nplease /approve', 'pam'));
    expect(calls()).toEqual([]);
  });

  it('posts the notifier when the PR opens, counting the /approve of its description as the author’s', async () => {
    await send(
      'pull_request',
      pullRequestEvent(REPO, 'opened', { ...PULL, author: 'pam', body: 'Loader fix.\n/approve' }),
    );
    expect(calls().sort()).toEqual(
      [
        'pulls/list-files 200',
        'git/get-tree 200',
        'git/get-blob 200',
        'git/get-blob 200',
        'git/get-blob 200',
        'issues/create-comment 201',
      ].sort(),
    );
    expect(notifier()?.body).toContain(
      `- ~~[pkg/OWNERS](https://github.com/${REPO}/blob/main/pkg/OWNERS)~~ [pam]`,
    );
    expect(notifier()?.body).toContain('<!-- META={"approvers":["carol"]} -->');
  });

  it('approves on an Approve review, and re-reads the files only when the head moves', async () => {
    await send('pull_request', pullRequestEvent(REPO, 'opened', PULL));
    harness.double.clearRequests();
    await send(
      'pull_request_review',
      reviewEvent(REPO, PULL, { id: 55, reviewer: 'alice', state: 'approved' }),
    );
    expect(calls()).toEqual(['issues/update-comment 200', 'issues/add-labels 200']);
    expect(notifier()?.body).toContain('#pullrequestreview-55" title="Approved">alice</a>*');

    // A push that changes nothing for OWNERS: one files request (the double's files did not
    // change, so the ETag cache gets a 304, free of rate limit), nothing written.
    harness.double.clearRequests();
    await send(
      'pull_request',
      pullRequestEvent(REPO, 'synchronize', { ...PULL, headSha: 'def456', labels: ['approved'] }),
    );
    expect(calls()).toEqual(['pulls/list-files 304']);

    // Dismissing the review withdraws its approval.
    harness.double.clearRequests();
    await send(
      'pull_request_review',
      reviewEvent(
        REPO,
        { ...PULL, labels: ['approved'] },
        { id: 55, reviewer: 'alice', state: 'dismissed', action: 'dismissed' },
      ),
    );
    expect(calls()).toEqual(['issues/update-comment 200', 'issues/remove-label 200']);
  });

  it('keeps a hand-added approved label and says the requirements were bypassed', async () => {
    await send('pull_request', pullRequestEvent(REPO, 'opened', PULL));
    harness.double.clearRequests();
    await send(
      'pull_request',
      pullRequestEvent(
        REPO,
        'labeled',
        { ...PULL, labels: ['approved'] },
        { sender: 'alice', label: 'approved' },
      ),
    );
    expect(calls()).toEqual(['issues/update-comment 200']);
    expect(notifier()?.body).toContain('Approval requirements bypassed by manually added approval.');
    expect(notifier()?.body).toContain('This PR is **APPROVED**');
  });

  it('does nothing when the repository turns the plugin off', async () => {
    await harness.close();
    const repo = world.repos![REPO]!;
    harness = await startWorld(backend, {
      ...world,
      repos: {
        [REPO]: {
          ...repo,
          files: { ...repo.files, '.github/sheriff.yml': `${SHERIFF_YML}  approve:\n    enabled: false\n` },
        },
      },
    });
    await send('issue_comment', comment('/approve', 'pam'));
    expect(calls()).toEqual([]);
  });
});
