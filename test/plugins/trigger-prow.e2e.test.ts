import type { WorldInput } from '../../src/github-double/world-schema.js';
import { CANNOT_TRIGGER } from '../../plugins/trigger/decide-trigger.js';
import {
  gangwayRefusedMessage,
  gangwayUnavailableMessage,
  noGangwayMessage,
} from '../../plugins/trigger/render-gangway-replies.js';
import { issueComment, startWorld, type WorldHarness } from '../support/github-world.js';
import { startGangwayReceiver, type GangwayReceiver } from '../support/gangway-receiver.js';
import { BACKENDS } from '../support/stores.js';
import { deliver, pluginCalls, replyTo, soloConfig } from './support/prow-deliveries.js';
import { pullRequestEvent } from './support/pull-request-events.js';

const REPO = 'acme/widgets';
const HEAD = 'abc1234567890abcdef1234567890abcdef12345';
const BOT_HEAD = 'def4567890abcdef1234567890abcdef12345678';
const TOKEN = 'gangway-test-token';
const BASE = '0123456789abcdef0123456789abcdef01234567';
/** crier's status description: padded to 140 characters with U+2001, then the base SHA (prow.md 7). */
const crier = (text: string) => `${text.padEnd(140, '\u2001')} BaseSHA:${BASE}`;

const TRIGGER = {
  trustedApps: ['dependabot'],
  presubmits: [
    { name: 'pull-widgets-unit', alwaysRun: true },
    { name: 'pull-widgets-lint', alwaysRun: true, optional: true },
    { name: 'pull-widgets-slow' },
  ],
};

const world = (trigger: Record<string, unknown> = TRIGGER): WorldInput => ({
  orgs: { acme: { members: ['alice'] } },
  repos: {
    [REPO]: {
      defaultBranch: 'main',
      files: { '.github/sheriff.yml': soloConfig('trigger', trigger) },
      permissions: { bob: 'write', carol: 'read' },
      labels: ['ok-to-test', 'needs-ok-to-test'],
      issues: [
        {
          number: 7,
          title: 'Speed up the loader',
          user: 'mallory',
          pull: true,
          headSha: HEAD,
          files: ['docs/loader.md'],
        },
        { number: 8, title: 'Bump yaml', user: 'dependabot[bot]', pull: true, headSha: BOT_HEAD },
      ],
      statuses: [
        { sha: HEAD, context: 'pull-widgets-unit', state: 'failure', description: crier('Job failed.') },
        { sha: HEAD, context: 'pull-widgets-lint', state: 'error', description: crier('Job errored.') },
        { sha: HEAD, context: 'pull-widgets-e2e', state: 'failure', description: crier('Job failed.') },
        { sha: HEAD, context: 'codecov/patch', state: 'failure', description: '61% of diff hit' },
        { sha: BOT_HEAD, context: 'pull-widgets-unit', state: 'failure', description: crier('Job failed.') },
      ],
    },
  },
});

describe.each(BACKENDS)('trigger re-runs Prow jobs through Gangway, end to end on %s', (backend) => {
  let harness: WorldHarness;
  let gangway: GangwayReceiver;
  let nextCommentId = 3000;

  const start = async (input: WorldInput, withGangway = true) => {
    harness = await startWorld(backend, input, {
      env: withGangway ? { GANGWAY_URL: gangway.url, GANGWAY_TOKEN: TOKEN } : {},
    });
  };
  beforeEach(async () => {
    gangway = await startGangwayReceiver({ token: TOKEN });
  });
  afterEach(async () => {
    await harness.close();
    await gangway.close();
  });

  const comment = (body: string, author: string, number = 7) => {
    const payload = issueComment({ repo: REPO, number, body, author, pullRequest: true }) as {
      comment: { id: number; html_url: string; body: string; user: { login: string } };
    };
    const id = nextCommentId++;
    payload.comment.id = id;
    payload.comment.html_url = `https://github.com/${REPO}/pull/${number}#issuecomment-${id}`;
    return payload;
  };
  const send = (event: string, payload: object) => deliver(harness, event, payload);
  const baseSha = () => harness.double.state.repos.get(REPO)!.headCommit;
  /** Gangway's `CreateJobExecutionRequest` for a presubmit of PR 7 at HEAD. */
  const execution = (job: string, retest: boolean, pull = { number: 7, author: 'mallory', sha: HEAD }) => ({
    job_name: job,
    job_execution_type: 'PRESUBMIT',
    refs: { org: 'acme', repo: 'widgets', base_ref: 'main', base_sha: baseSha(), pulls: [pull] },
    ...(retest ? { pod_spec_options: { labels: { 'prow.k8s.io/retest': 'true' } } } : {}),
  });
  const posted = () => gangway.requests.map((request) => `${request.method} ${request.path}`);
  /** Gangway's request bodies by job name: each job is started by a queued job of its own, in any order. */
  const bodies = () =>
    gangway.requests
      .map((request) => request.body as { job_name: string })
      .sort((a, b) => a.job_name.localeCompare(b.job_name));
  const replies = (number = 7) =>
    harness.double
      .actions()
      .filter((action) => action.path === `/repos/${REPO}/issues/${number}/comments`)
      .map((action) => (action.body as { body: string }).body);

  it('/retest-required from an org member starts the failed required Prow jobs, with Prow’s retest label', async () => {
    await start(world());
    await send('issue_comment', comment('/retest-required', 'alice'));
    expect(pluginCalls(harness).sort()).toEqual([
      'actions/list-workflow-runs-for-repo 200',
      'checks/list-for-ref 200',
      'git/get-ref 200',
      'orgs/check-membership-for-user 204',
      'pulls/get 200',
      'repos/get-combined-status-for-ref 200',
    ]);
    expect(harness.double.actions()).toEqual([]);
    expect(posted()).toEqual(['POST /v1/executions', 'POST /v1/executions']);
    expect(bodies()).toEqual([execution('pull-widgets-e2e', true), execution('pull-widgets-unit', true)]);
    expect(gangway.requests[0]!.headers.authorization).toBe(`Bearer ${TOKEN}`);
  });

  it('/retest also starts optional failed jobs; /test <job> starts a manual one without the label', async () => {
    await start(world());
    await send('issue_comment', comment('/retest\n/test pull-widgets-slow', 'bob'));
    expect(bodies()).toEqual([
      execution('pull-widgets-e2e', true),
      execution('pull-widgets-lint', true),
      execution('pull-widgets-slow', false),
      execution('pull-widgets-unit', true),
    ]);
    expect(replies()).toEqual([]);
  });

  it('/test-manual-required starts the required jobs that run only when asked', async () => {
    await start(world());
    await send('issue_comment', comment('/test-manual-required', 'alice'));
    expect(bodies()).toEqual([execution('pull-widgets-slow', false)]);
  });

  it('/retest from an untrusted user on an untrusted PR is refused, and Gangway is never called', async () => {
    await start(world());
    const payload = comment('/retest', 'carol');
    await send('issue_comment', payload);
    expect(pluginCalls(harness)).toEqual([
      'orgs/check-membership-for-user 404',
      'repos/get-collaborator-permission-level 200',
      'pulls/get 200',
      'orgs/check-membership-for-user 404',
      'repos/get-collaborator-permission-level 200',
      'issues/create-comment 201',
    ]);
    expect(replies()).toEqual([replyTo(payload, CANNOT_TRIGGER)]);
    expect(gangway.requests).toEqual([]);
  });

  it('without Gangway the reply says Prow jobs cannot be re-run from Sheriff, and why', async () => {
    await start(world(), false);
    const payload = comment('/retest-required', 'alice');
    await send('issue_comment', payload);
    expect(replies()).toEqual([
      replyTo(payload, noGangwayMessage(['pull-widgets-e2e', 'pull-widgets-unit'])),
    ]);
    expect(gangway.requests).toEqual([]);
  });

  it('a Gangway 5xx is retried; the job starts once Gangway answers, with no reply', async () => {
    await start(world());
    gangway.answerNext({
      status: 503,
      headers: { 'retry-after': '0' },
      body: { code: 14, message: 'unavailable' },
    });
    await send('issue_comment', comment('/test pull-widgets-unit', 'alice'));
    expect(bodies()).toEqual([execution('pull-widgets-unit', false), execution('pull-widgets-unit', false)]);
    expect(replies()).toEqual([]);
  });

  it('after the last attempt a Gangway outage gets a clear reply, naming no credential', async () => {
    await start(world());
    const outage = {
      status: 503,
      headers: { 'retry-after': '0' },
      body: { code: 14, message: 'upstream down' },
    };
    gangway.answerNext(outage, outage, outage);
    const payload = comment('/test pull-widgets-unit', 'alice');
    await send('issue_comment', payload);
    // JOB_MAX_ATTEMPTS is 3 in the test settings.
    expect(gangway.requests).toHaveLength(3);
    const cause = 'Gangway POST /v1/executions answered 503: upstream down';
    expect(replies()).toEqual([replyTo(payload, gangwayUnavailableMessage('pull-widgets-unit', 3, cause))]);
    expect(replies()[0]).not.toContain(TOKEN);
  });

  it('a Gangway refusal (4xx) is not retried and gets a reply with Gangway’s reason', async () => {
    await start(world());
    gangway.answerNext({ status: 403, body: { code: 7, message: 'job not allowed for this client' } });
    const payload = comment('/test pull-widgets-unit', 'alice');
    await send('issue_comment', payload);
    expect(gangway.requests).toHaveLength(1);
    const cause = 'Gangway refused POST /v1/executions (403): job not allowed for this client';
    expect(replies()).toEqual([replyTo(payload, gangwayRefusedMessage('pull-widgets-unit', cause))]);
  });

  it('/ok-to-test from a collaborator starts the jobs that run without being asked, by the PR’s files', async () => {
    await start(
      world({
        presubmits: [
          { name: 'pull-widgets-docs', runIfChanged: '^docs/' },
          { name: 'pull-widgets-go', runIfChanged: '\\.go$' },
        ],
      }),
    );
    await send('issue_comment', comment('/ok-to-test', 'bob'));
    expect(pluginCalls(harness)).toContain('pulls/list-files 200');
    expect(harness.double.issue(REPO, 7)?.labels).toEqual(['ok-to-test']);
    // The docs job by its file condition; the others ran here already (seen by their statuses).
    expect(bodies()).toEqual([
      execution('pull-widgets-docs', false),
      execution('pull-widgets-e2e', false),
      execution('pull-widgets-lint', false),
      execution('pull-widgets-unit', false),
    ]);
  });

  it('trusted_apps: a dependabot PR gets no needs-ok-to-test, and anyone may /retest it', async () => {
    await start(world());
    await send(
      'pull_request',
      pullRequestEvent(REPO, 'opened', { number: 8, author: 'dependabot[bot]', headSha: BOT_HEAD }),
    );
    expect(pluginCalls(harness)).toEqual([]);
    expect(harness.double.actions()).toEqual([]);

    harness.double.clearRequests();
    await send('issue_comment', comment('/retest', 'carol', 8));
    // lint runs on every PR and has not reported on this head: Prow's /retest starts it too.
    const bot = { number: 8, author: 'dependabot[bot]', sha: BOT_HEAD };
    expect(bodies()).toEqual([
      execution('pull-widgets-lint', true, bot),
      execution('pull-widgets-unit', true, bot),
    ]);
    expect(replies(8)).toEqual([]);
  });

  it('without trusted_apps the same PR is an untrusted author’s', async () => {
    await start(world({ ...TRIGGER, trustedApps: [] }));
    await send(
      'pull_request',
      pullRequestEvent(REPO, 'opened', { number: 8, author: 'dependabot[bot]', headSha: BOT_HEAD }),
    );
    expect(harness.double.issue(REPO, 8)?.labels).toEqual(['needs-ok-to-test']);
  });

  it('prowJobs: off leaves Prow jobs to Prow: no statuses read, nothing started, no reply', async () => {
    await start(world({ ...TRIGGER, prowJobs: 'off' }));
    const payload = comment('/retest', 'alice');
    await send('issue_comment', payload);
    expect(pluginCalls(harness)).not.toContain('repos/get-combined-status-for-ref 200');
    expect(gangway.requests).toEqual([]);
    expect(replies()).toEqual([replyTo(payload, 'There are no failed checks to re-run on abc1234.')]);
  });
});
