import { formatReply } from '../../src/commands/format-reply.js';
import type { WorldInput } from '../../src/github-double/world-schema.js';
import { CANNOT_TRIGGER } from '../../plugins/trigger/decide-trigger.js';
import { issueComment, startWorld, type WorldHarness } from '../support/github-world.js';
import { BACKENDS } from '../support/stores.js';
import { deliver, pluginCalls } from './support/prow-deliveries.js';
import { pullRequestEvent } from './support/pull-request-events.js';

const REPO = 'acme/widgets';
const COMMENTS = `/repos/${REPO}/issues/7/comments`;
/** Only trigger is under test: the other plugins that act on these events are off. */
const SHERIFF_YML = `plugins:\n${['approve', 'owners-label', 'lgtm', 'release-tracker']
  .map((name) => `  ${name}:\n    enabled: false\n`)
  .join('')}`;
const HEAD = 'abc1234567890abcdef1234567890abcdef12345';
const PULL = { number: 7, author: 'mallory', headSha: HEAD };

const world: WorldInput = {
  orgs: { acme: { members: ['alice'] } },
  repos: {
    [REPO]: {
      defaultBranch: 'main',
      files: { '.github/sheriff.yml': SHERIFF_YML },
      permissions: { bob: 'write', carol: 'read' },
      labels: ['ok-to-test', 'needs-ok-to-test'],
      issues: [
        {
          number: 7,
          title: 'Speed up the loader',
          user: 'mallory',
          pull: true,
          headSha: HEAD,
          baseRef: 'main',
        },
      ],
      workflowRuns: [
        {
          id: 42,
          name: 'ci',
          headSha: HEAD,
          event: 'pull_request',
          conclusion: 'failure',
          jobs: [
            { id: 4201, name: 'build', conclusion: 'success' },
            { id: 4202, name: 'test', conclusion: 'failure' },
          ],
        },
        { id: 43, name: 'lint', headSha: HEAD, event: 'pull_request', conclusion: 'success' },
        { id: 44, name: 'e2e', headSha: HEAD, event: 'pull_request', conclusion: 'action_required' },
      ],
      checkRuns: [{ name: 'prow/unit', headSha: HEAD, conclusion: 'failure' }],
    },
  },
};

describe.each(BACKENDS)('trigger end to end on %s', (backend) => {
  let harness: WorldHarness;
  let nextCommentId = 2000;

  beforeEach(async () => {
    harness = await startWorld(backend, world);
  });
  afterEach(async () => {
    await harness.close();
  });

  const comment = (body: string, author: string) => {
    const payload = issueComment({ repo: REPO, number: 7, body, author, pullRequest: true }) as {
      comment: { id: number; html_url: string };
    };
    const id = nextCommentId++;
    payload.comment.id = id;
    payload.comment.html_url = `https://github.com/${REPO}/pull/7#issuecomment-${id}`;
    return payload;
  };
  const send = (event: string, payload: unknown) => deliver(harness, event, payload as object);
  const calls = () => pluginCalls(harness);
  /** Reads in any order (some are made together), then the writes in order. */
  const readsThenWrites = () => {
    const all = calls();
    const isWrite = (call: string) =>
      !/^(pulls\/get|orgs\/check|repos\/get-collaborator|repos\/get-combined-status|actions\/list|checks\/list)/.test(
        call,
      );
    return [...all.filter((call) => !isWrite(call)).sort(), ...all.filter(isWrite)];
  };
  const replyTo = (
    payload: { comment: { html_url: string } },
    body: string,
    login: string,
    message: string,
  ) => formatReply({ login, message, commentBody: body, commentUrl: payload.comment.html_url });

  it('/retest from a trusted user re-runs the failed jobs and the failed suite of the head', async () => {
    await send('issue_comment', comment('Flaky again.\n/retest', 'alice'));
    expect(readsThenWrites()).toEqual([
      'actions/list-workflow-runs-for-repo 200',
      'checks/list-for-ref 200',
      'orgs/check-membership-for-user 204',
      'pulls/get 200',
      // Prow jobs report commit statuses (none here).
      'repos/get-combined-status-for-ref 200',
      'actions/re-run-workflow-failed-jobs 201',
      'checks/rerequest-suite 201',
    ]);
    expect(harness.double.reruns(REPO).map((rerun) => rerun.kind)).toEqual(['failed-jobs', 'check-suite']);
    expect(harness.double.reruns(REPO)[0]!.id).toBe(42);
  });

  it('/retest from an untrusted user on an untrusted PR is refused with Prow’s reply', async () => {
    const payload = comment('/retest', 'carol');
    await send('issue_comment', payload);
    expect(calls()).toEqual([
      'orgs/check-membership-for-user 404',
      'repos/get-collaborator-permission-level 200',
      'pulls/get 200',
      'orgs/check-membership-for-user 404',
      'repos/get-collaborator-permission-level 200',
      'issues/create-comment 201',
    ]);
    expect(harness.double.actions()).toEqual([
      {
        method: 'POST',
        path: COMMENTS,
        body: { body: replyTo(payload, '/retest', 'carol', CANNOT_TRIGGER) },
      },
    ]);
    expect(harness.double.reruns(REPO)).toEqual([]);
  });

  it('ignores /Retest, a fenced /retest and an edited comment', async () => {
    await send('issue_comment', comment('/Retest', 'alice'));
    await send('issue_comment', comment('```\n/retest\n```', 'alice'));
    await send('issue_comment', { ...comment('/retest', 'alice'), action: 'edited' });
    expect(calls()).toEqual([]);
  });

  it('/ok-to-test from a collaborator clears the head; then the author may /test, until a push', async () => {
    await send('pull_request', pullRequestEvent(REPO, 'opened', PULL));
    expect(harness.double.issue(REPO, 7)?.labels).toEqual(['needs-ok-to-test']);
    expect(harness.double.comments(REPO, 7)[0]?.body).toMatch(/^Hi @mallory\. Thanks for your PR\./);

    harness.double.clearRequests();
    await send('issue_comment', comment('/ok-to-test', 'bob'));
    expect(readsThenWrites()).toEqual([
      'actions/list-workflow-runs-for-repo 200',
      'checks/list-for-ref 200',
      'orgs/check-membership-for-user 404',
      'pulls/get 200',
      'repos/get-collaborator-permission-level 200',
      'repos/get-combined-status-for-ref 200',
      'issues/add-labels 200',
      'issues/remove-label 200',
      'actions/approve-workflow-run 201',
    ]);
    expect(harness.double.issue(REPO, 7)?.labels).toEqual(['ok-to-test']);
    expect(harness.double.workflowRun(REPO, 44)?.status).toBe('queued');

    // The author is untrusted but the PR is now trusted at this head: anyone may /test.
    harness.double.clearRequests();
    await send('issue_comment', comment('/test lint', 'mallory'));
    expect(harness.double.actions()).toEqual([
      { method: 'POST', path: `/repos/${REPO}/actions/runs/43/rerun` },
    ]);
    // Unchanged reads are answered 304 from the ETag cache (free of rate limit).
    expect(readsThenWrites()).toEqual([
      'actions/list-workflow-runs-for-repo 200',
      'checks/list-for-ref 304',
      'orgs/check-membership-for-user 404',
      'pulls/get 200',
      'repos/get-collaborator-permission-level 304',
      'repos/get-combined-status-for-ref 304',
      'actions/re-run-workflow 201',
    ]);

    // A push the commenter has not seen yet (its event not delivered): nothing runs.
    harness.double.state.repos.get('acme/widgets')!.issues.get(7)!.pull!.headSha = 'def4567';
    harness.double.clearRequests();
    const moved = comment('/test lint', 'mallory');
    await send('issue_comment', moved);
    expect(harness.double.actions()).toEqual([
      {
        method: 'POST',
        path: COMMENTS,
        body: {
          body: replyTo(
            moved,
            '/test lint',
            'mallory',
            'this PR moved from abc1234 to def4567 after your comment, so nothing was run or cleared. Look at the new commits and ask again.',
          ),
        },
      },
    ]);

    // Asked again: ok-to-test was for the earlier commit, so the author is refused.
    harness.double.clearRequests();
    await send('issue_comment', comment('/test lint', 'mallory'));
    expect(harness.double.actions()[0]!.body).toEqual({
      body: expect.stringContaining('`ok-to-test` was given for an earlier commit of this PR'),
    });
  });

  it('a push to an untrusted author’s cleared PR swaps ok-to-test back to needs-ok-to-test', async () => {
    await send('issue_comment', comment('/ok-to-test', 'alice'));
    harness.double.clearRequests();
    await send(
      'pull_request',
      pullRequestEvent(REPO, 'synchronize', { ...PULL, headSha: 'def4567', labels: ['ok-to-test'] }),
    );
    expect(calls()).toEqual([
      'orgs/check-membership-for-user 404',
      'repos/get-collaborator-permission-level 200',
      'issues/remove-label 200',
      'issues/add-labels 200',
    ]);
    expect(harness.double.issue(REPO, 7)?.labels).toEqual(['needs-ok-to-test']);
  });

  it('/test ? lists the checks of the head, and a trusted author’s new PR gets no label', async () => {
    const payload = comment('/test ?', 'alice');
    await send('issue_comment', payload);
    const body = (harness.double.actions()[0]!.body as { body: string }).body;
    expect(body).toContain('The following commands are available to trigger required jobs:');
    expect(body).toContain('- `/test ci`\n- `/test e2e`\n- `/test lint`\n- `/test prow/unit`');

    harness.double.clearRequests();
    await send('pull_request', pullRequestEvent(REPO, 'opened', { ...PULL, author: 'alice' }));
    expect(calls()).toEqual(['orgs/check-membership-for-user 204']);
  });

  it('does nothing when the repository turns the plugin off', async () => {
    await harness.close();
    const repo = world.repos![REPO]!;
    harness = await startWorld(backend, {
      ...world,
      repos: {
        [REPO]: {
          ...repo,
          files: { '.github/sheriff.yml': `${SHERIFF_YML}  trigger:\n    enabled: false\n` },
        },
      },
    });
    await send('issue_comment', comment('/retest', 'alice'));
    await send('pull_request', pullRequestEvent(REPO, 'opened', PULL));
    expect(calls()).toEqual([]);
  });
});
