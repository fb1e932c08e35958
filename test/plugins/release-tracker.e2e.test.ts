import { readFileSync } from 'node:fs';
import { createGitHubDouble, type GitHubAction } from '../../src/github-double/index.js';
import { issueComment, startWorld, TEST_PRIVATE_KEY, type WorldHarness } from '../support/github-world.js';
import { startHarness, waitFor } from '../support/sheriff-harness.js';
import { BACKENDS, createScratchLocation } from '../support/stores.js';
import { pluginCalls } from './support/prow-deliveries.js';
import {
  sharedFixturePath,
  WORLD_FIXTURE_SECRET,
  webhookExample,
  worldGitHubDelivery,
} from '../support/webhook-examples.js';
import { initialTrackerState } from '../../plugins/release-tracker/tracker-state.js';
import {
  COMMUNITY,
  CONTROLLER,
  crierStatus,
  FIXTURE_BUILD,
  MONOREPO,
  STATUS_FIXTURE,
  TRACKER_ONLY,
  TRACKER_WORLD,
} from './release-tracker/tracker-world.js';

const PROWJOB_TOKEN = 'prowjob-test-token';
const ISSUE_PATH = `/repos/${COMMUNITY}/issues/1`;
const KEY = 'example-ack/lambda-controller/post-lambda-controller-release';
/** What reading OWNERS costs the first time: the default branch, the tree, OWNERS and OWNERS_ALIASES. */
const OWNERS_READS = ['repos/get 200', 'git/get-tree 200', 'git/get-blob 200', 'git/get-blob 200'];

describe.each(BACKENDS)('the release tracker end to end on %s', (backend) => {
  let harness: WorldHarness;

  beforeEach(async () => {
    harness = await startWorld(backend, TRACKER_WORLD, {
      env: { WEBHOOK_SECRETS: WORLD_FIXTURE_SECRET, PROWJOB_TOKEN },
      extra: { plugins: TRACKER_ONLY },
    });
  });
  afterEach(async () => {
    await harness.close();
  });

  /** Posts a shared fixture exactly as GitHub signed it. */
  const deliverFixture = async (name: string) => {
    const { body, headers } = worldGitHubDelivery(name);
    const response = await fetch(`${harness.url}/api/github/webhooks`, { method: 'POST', headers, body });
    expect(response.status).toBe(202);
  };
  /** Waits until the plugins finished `count` deliveries in all. */
  const settled = (count: number) => harness.waitFor(() => harness.handled.length >= count);
  /** The requests the tracker made (the App's token and the config read are the pipeline's). */
  const trackerCalls = () => pluginCalls(harness);
  const bodyOf = (action: GitHubAction | undefined) => (action?.body ?? {}) as Record<string, unknown>;
  const issueRecord = (repo: string, number: number) =>
    harness.double.state.repos.get(repo.toLowerCase())!.issues.get(number)!;
  const openFromFixture = async () => {
    await deliverFixture(STATUS_FIXTURE);
    await settled(1);
    expect(harness.double.issue(COMMUNITY, 1)?.state).toBe('open');
    harness.double.clearRequests();
  };
  const count = async (table: 'job_runs' | 'tracking_episodes' | 'deliveries') =>
    Number(
      (
        await harness.sheriff.store.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('opens one correctly labelled issue in community for the crier status fixture, owners assigned and mentioned', async () => {
    await deliverFixture(STATUS_FIXTURE);
    await settled(1);

    const actions = harness.double.actions();
    expect(actions.map((action) => `${action.method} ${action.path}`)).toEqual([
      `POST /repos/${COMMUNITY}/labels`,
      `POST /repos/${COMMUNITY}/issues`,
    ]);
    expect(bodyOf(actions[0])).toEqual({
      name: 'sheriff/tracking',
      color: '5319e7',
      description: 'A Sheriff tracking issue: one per failing release job.',
    });
    const issue = bodyOf(actions[1]);
    expect(issue).toMatchObject({
      title: '[release-failure] lambda-controller c342365ab463: post-lambda-controller-release failed',
      labels: [
        'kind/tests/failing',
        'area/prow',
        'service/lambda',
        'priority/critical-urgent',
        'sheriff/tracking',
      ],
      assignees: ['ana-lambda', 'kai-release', 'lee-release'],
    });
    const body = issue.body as string;
    expect(body.startsWith(`<!-- sheriff:tracking v1 key=${KEY} -->\n`)).toBe(true);
    for (const line of [
      '- @ana-lambda: approver of area `lambda` (`.github/sheriff.yml` `areas.lambda.owners`)',
      '- @kai-release: approver of area `lambda` (`OWNERS`)',
      '- @lee-release: approver of area `lambda` (`OWNERS`)',
      '- **Service area**: `lambda` (critical)',
      `- **First failure**: commit \`c342365ab463\`, 2025-05-14 17:19 UTC, [logs](https://prow.example-ack.dev/view/s3/example-ack-prow-logs/logs/post-lambda-controller-release/${FIXTURE_BUILD})`,
      '- To retry the job, comment `/retest-release`.',
    ])
      expect(body).toContain(line);
    expect(trackerCalls()).toEqual([
      ...OWNERS_READS,
      'issues/list-labels-for-repo 200',
      'issues/create-label 201',
      'issues/list-for-repo 200',
      'issues/create 201',
    ]);

    expect(await count('job_runs')).toBe(1);
    expect(await count('tracking_episodes')).toBe(1);
    const metrics = await (await fetch(`${harness.url}/metrics`)).text();
    expect(metrics).toContain('sheriff_release_tracker_issues_total{event="opened"} 1');
    expect(metrics).toContain('sheriff_release_tracker_mttd_seconds_count 1');
  });

  it('edits the status block on a second failure without commenting, keeping what people changed', async () => {
    await openFromFixture();
    const record = issueRecord(COMMUNITY, 1);
    record.title = 'lambda release broken: ECR token';
    record.body = `${record.body}\n\nRoot cause: the ECR token expired (kai).`;

    await harness.send('status', crierStatus(1, 'failure'));
    await settled(2);

    const actions = harness.double.actions();
    expect(actions.map((action) => `${action.method} ${action.path}`)).toEqual([`PATCH ${ISSUE_PATH}`]);
    expect(Object.keys(bodyOf(actions[0]))).toEqual(['body']);
    const body = bodyOf(actions[0]).body as string;
    expect(body).toContain('**Status: failing** (2 consecutive failures)');
    expect(body).toContain('- **Failing runs in this episode**: 2');
    expect(body.endsWith('\n\nRoot cause: the ECR token expired (kai).')).toBe(true);
    expect(trackerCalls()).toEqual(['issues/get 200', 'issues/update 200']);
    expect(harness.double.issue(COMMUNITY, 1)?.title).toBe('lambda release broken: ECR token');
    expect(harness.double.comments(COMMUNITY, 1)).toEqual([]);
  });

  it('does nothing for a redelivery, or for the same build reported again under another delivery', async () => {
    await openFromFixture();
    const { body, headers } = worldGitHubDelivery(STATUS_FIXTURE);
    const again = await fetch(`${harness.url}/api/github/webhooks`, { method: 'POST', headers, body });
    expect(again.status).toBe(200);
    await harness.send('status', JSON.parse(body));
    await settled(2);
    expect(trackerCalls()).toEqual([]);
    expect(await count('job_runs')).toBe(1);
  });

  it('closes the issue when the job passes: one recovery comment naming the fixing commit and the time broken', async () => {
    await openFromFixture();
    await harness.send('status', crierStatus(1, 'failure'));
    await settled(2);
    harness.double.clearRequests();

    await harness.send('status', crierStatus(42, 'success', { sha: 'f1'.repeat(20) }));
    await settled(3);

    const actions = harness.double.actions();
    expect(actions.map((action) => `${action.method} ${action.path}`)).toEqual([
      `POST ${ISSUE_PATH}/comments`,
      `PATCH ${ISSUE_PATH}`,
    ]);
    expect(bodyOf(actions[0]).body).toBe(
      `<!-- sheriff:tracking-comment v1 key=${KEY} run=prow%3Apost-lambda-controller-release%3A${BigInt(FIXTURE_BUILD) + 42n} kind=recovery -->\n` +
        '`post-lambda-controller-release` passed again, fixed by commit `f1f1f1f1f1f1`, 2025-05-14 18:01 UTC, ' +
        `[logs](https://prow.example-ack.dev/view/s3/example-ack-prow-logs/logs/post-lambda-controller-release/${BigInt(FIXTURE_BUILD) + 42n}). ` +
        'It was broken for 42m (since 2025-05-14 17:19 UTC, 2 failing runs). Closing this issue.',
    );
    expect(bodyOf(actions[1])).toEqual({ state: 'closed', state_reason: 'completed' });
    expect(trackerCalls()).toEqual(['issues/get 200', 'issues/create-comment 201', 'issues/update 200']);
    expect(harness.double.issue(COMMUNITY, 1)?.state).toBe('closed');
    const metrics = await (await fetch(`${harness.url}/metrics`)).text();
    expect(metrics).toContain('sheriff_release_tracker_time_to_recovery_seconds_sum 2520');
  });

  it('names the failing stage from the workflow_job and workflow_run fixtures', async () => {
    await deliverFixture('workflow-job-completed-failure-publish-chart');
    await deliverFixture('workflow-run-completed-failure-release');
    await settled(2);

    const actions = harness.double.actions();
    expect(actions.map((action) => `${action.method} ${action.path}`)).toEqual([
      `POST /repos/${MONOREPO}/labels`,
      `POST /repos/${MONOREPO}/labels`,
      `POST /repos/${MONOREPO}/labels`,
      `POST /repos/${MONOREPO}/issues`,
    ]);
    expect(actions.slice(0, 3).map((action) => bodyOf(action).name)).toEqual([
      'service/lambda',
      'priority/critical-urgent',
      'sheriff/tracking',
    ]);
    const issue = bodyOf(actions[3]);
    expect(issue).toMatchObject({
      title:
        '[release-failure] cloud-controllers lambda/v2.4.0: release failed at stage publish (lambda, helm-chart) › Push Helm chart to oci://public.ecr.aws/example-ack',
      labels: ['kind/tests/failing', 'service/lambda', 'priority/critical-urgent', 'sheriff/tracking'],
      assignees: ['ana-lambda', 'kai-release', 'lee-release'],
    });
    expect(issue.body).toContain(
      '- **Failing stage**: `publish (lambda, helm-chart) › Push Helm chart to oci://public.ecr.aws/example-ack`',
    );
    expect(issue.body).toContain(
      '- **Job**: `release` (GitHub Actions push) in `example-ack/cloud-controllers`',
    );
  });

  it('edits the stage in when the workflow_job arrives after the workflow_run, without a comment', async () => {
    await deliverFixture('workflow-run-completed-failure-release');
    await settled(1);
    expect(bodyOf(harness.double.actions().at(-1)).body).toContain(
      '- **Failing stage**: unknown (see the logs)',
    );
    harness.double.clearRequests();

    await deliverFixture('workflow-job-completed-failure-publish-chart');
    await settled(2);
    const actions = harness.double.actions();
    expect(actions.map((action) => `${action.method} ${action.path}`)).toEqual([
      `PATCH /repos/${MONOREPO}/issues/1`,
    ]);
    expect(bodyOf(actions[0]).body).toContain(
      '- **Failing stage**: `publish (lambda, helm-chart) › Push Helm chart to oci://public.ecr.aws/example-ack`',
    );
  });

  describe('POST /api/v1/prowjobs', () => {
    const prowjob = () =>
      JSON.parse(
        readFileSync(
          sharedFixturePath('world', 'prow', 'prowjob-post-lambda-controller-release-failure.json'),
          'utf8',
        ),
      ) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    const post = (body: unknown, authorization?: string) =>
      fetch(`${harness.url}/api/v1/prowjobs`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
        body: JSON.stringify(body),
      });

    it('refuses a missing or wrong token with 401 and stores nothing', async () => {
      expect((await post(prowjob())).status).toBe(401);
      expect((await post(prowjob(), 'Bearer not-the-token')).status).toBe(401);
      expect((await post(prowjob(), `Basic ${PROWJOB_TOKEN}`)).status).toBe(401);
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(await count('deliveries')).toBe(0);
      expect(harness.double.actions()).toEqual([]);
    });

    it('with the token, stores it and opens the issue (tag known); a re-post and the crier status of the build do nothing', async () => {
      const job = prowjob();
      // Finished just now, so the stored MTTD is the pipeline's own latency.
      job.status.completionTime = new Date().toISOString();
      const response = await post([job], `Bearer ${PROWJOB_TOKEN}`);
      expect(response.status).toBe(202);
      expect(await response.json()).toEqual({
        status: 'accepted',
        stored: 1,
        duplicates: 0,
        ids: ['prowjob:e0ffc648-e663-11f1-9e67-02fc00000001:failure'],
      });
      await settled(1);
      const actions = harness.double.actions();
      expect(actions.map((action) => `${action.method} ${action.path}`)).toEqual([
        `POST /repos/${COMMUNITY}/labels`,
        `POST /repos/${COMMUNITY}/issues`,
      ]);
      expect(bodyOf(actions[1]).title).toBe(
        '[release-failure] lambda-controller v1.7.3: post-lambda-controller-release failed',
      );
      const episode = await harness.sheriff.store.db
        .selectFrom('tracking_episodes')
        .select(['mttd_seconds', 'issue_number'])
        .executeTakeFirstOrThrow();
      expect(episode.issue_number).toBe(1);
      expect(episode.mttd_seconds).toBeGreaterThanOrEqual(0);
      expect(episode.mttd_seconds).toBeLessThan(10);

      harness.double.clearRequests();
      expect((await post(job, `Bearer ${PROWJOB_TOKEN}`)).status).toBe(200);
      await deliverFixture(STATUS_FIXTURE);
      await settled(2);
      expect(trackerCalls()).toEqual([]);
    });

    it('refuses a body that is not a ProwJob with 400, naming the field', async () => {
      const response = await post({ spec: {} }, `Bearer ${PROWJOB_TOKEN}`);
      expect(response.status).toBe(400);
      expect(((await response.json()) as { problems: string[] }).problems[0]).toMatch(/^spec\.type: /);
    });
  });

  it('opens exactly one issue for 50 concurrent failure deliveries of one job, redeliveries included', async () => {
    const { body, headers } = worldGitHubDelivery(STATUS_FIXTURE);
    const sends: Array<Promise<Response>> = [];
    for (let i = 0; i < 10; i += 1)
      sends.push(fetch(`${harness.url}/api/github/webhooks`, { method: 'POST', headers, body }));
    for (let build = 1; build <= 20; build += 1) {
      const payload = crierStatus(build, 'failure');
      for (let copy = 0; copy < 2; copy += 1)
        sends.push(harness.send('status', payload, { delivery: `storm-${build}` }));
    }
    const statuses = (await Promise.all(sends)).map((response) => response.status);
    expect(statuses.filter((status) => status === 202)).toHaveLength(21);
    expect(statuses.filter((status) => status === 200)).toHaveLength(29);
    await settled(21);

    const creates = harness.double.actions().filter((action) => action.path === `/repos/${COMMUNITY}/issues`);
    expect(creates).toHaveLength(1);
    expect([...harness.double.state.repos.get(COMMUNITY)!.issues.keys()]).toEqual([1]);
    expect(await count('job_runs')).toBe(21);
    // Only reminders may comment (at 5 and 10 consecutive failures), each once.
    const kinds = harness.double
      .comments(COMMUNITY, 1)
      .map((comment) => /kind=(\S+)/.exec(comment.body)?.[1]);
    expect(kinds.every((kind) => kind === 'reminder')).toBe(true);
    expect(new Set(harness.double.comments(COMMUNITY, 1).map((comment) => comment.body)).size).toBe(
      kinds.length,
    );
  });

  it('after a crash between opening the issue and recording it, the retry adopts the issue by its marker', async () => {
    await openFromFixture();
    // What a crash right after `POST /issues` leaves: the key still claimed by the run, nothing committed.
    const { db } = harness.sheriff.store;
    const fixture = JSON.parse(worldGitHubDelivery(STATUS_FIXTURE).body) as Record<string, unknown>;
    await db
      .updateTable('tracking_issues')
      .set({
        state: JSON.stringify(
          initialTrackerState({ repository: CONTROLLER, job: 'post-lambda-controller-release' }),
        ),
        claimed_by: `prow:post-lambda-controller-release:${FIXTURE_BUILD}`,
        claimed_at: new Date(),
        issue_repository: null,
        issue_number: null,
      })
      .execute();
    await db.updateTable('job_runs').set({ applied_at: null }).execute();
    await db.deleteFrom('tracking_episodes').execute();

    await harness.send('status', fixture);
    await settled(2);
    expect(harness.double.actions()).toEqual([]);
    expect(trackerCalls()).toEqual(['issues/list-labels-for-repo 200', 'issues/list-for-repo 200']);
    const row = await db
      .selectFrom('tracking_issues')
      .select(['issue_number', 'claimed_by'])
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ issue_number: 1, claimed_by: null });
    expect(await count('tracking_episodes')).toBe(1);
  });

  it('after a failure between the recovery comment and the close, the retry closes without commenting twice', async () => {
    await openFromFixture();
    harness.double.faults.add({
      method: 'PATCH',
      route: '/repos/{owner}/{repo}/issues/{issue_number}',
      times: 1,
      respond: { status: 500 },
    });
    await harness.send('status', crierStatus(5, 'success'));
    await settled(2);
    expect(harness.double.actions().map((action) => `${action.method} ${action.path}`)).toEqual([
      `POST ${ISSUE_PATH}/comments`,
      `PATCH ${ISSUE_PATH}`,
      `PATCH ${ISSUE_PATH}`,
    ]);
    expect(harness.double.comments(COMMUNITY, 1)).toHaveLength(1);
    expect(harness.double.issue(COMMUNITY, 1)?.state).toBe('closed');
  });

  it('respects a person closing the issue: silent while it fails, and a new issue after it recovers and fails again', async () => {
    await openFromFixture();
    const record = issueRecord(COMMUNITY, 1);
    record.state = 'closed';
    record.closedBy = 'kai-release';
    const closed = webhookExample<Record<string, any>>('issues'); // eslint-disable-line @typescript-eslint/no-explicit-any
    closed.action = 'closed';
    closed.repository.full_name = COMMUNITY;
    closed.repository.name = 'community';
    closed.repository.owner.login = 'example-ack';
    closed.issue.number = 1;
    delete closed.issue.pull_request;
    closed.sender.login = 'kai-release';
    closed.sender.type = 'User';
    delete closed.installation;
    await harness.send('issues', closed);
    await harness.send('status', crierStatus(1, 'failure'));
    await harness.send('status', crierStatus(2, 'failure'));
    await settled(4);
    expect(harness.double.actions()).toEqual([]);
    expect(issueRecord(COMMUNITY, 1).state).toBe('closed');

    await harness.send('status', crierStatus(3, 'success'));
    await settled(5);
    expect(harness.double.actions()).toEqual([]);

    await harness.send('status', crierStatus(4, 'failure'));
    await settled(6);
    expect(harness.double.actions().map((action) => `${action.method} ${action.path}`)).toEqual([
      `POST /repos/${COMMUNITY}/issues`,
    ]);
    expect(issueRecord(COMMUNITY, 1).state).toBe('closed');
  });

  describe('commands on the tracking issue', () => {
    const comment = (body: string, author = 'ana-lambda') =>
      issueComment({ repo: COMMUNITY, number: 1, body, author, labels: ['sheriff/tracking'] });

    it('/ack assigns the commenter; /mute silences the job until /unmute', async () => {
      await openFromFixture();
      await harness.send('issue_comment', comment('/ack', 'bo-lambda'));
      await settled(2);
      expect(harness.double.actions()).toEqual([
        { method: 'POST', path: `${ISSUE_PATH}/assignees`, body: { assignees: ['bo-lambda'] } },
      ]);
      harness.double.clearRequests();

      await harness.send('issue_comment', comment('/mute'));
      await settled(3);
      expect(harness.double.comments(COMMUNITY, 1).at(-1)?.body).toContain(
        'Sheriff stopped tracking `post-lambda-controller-release`',
      );
      harness.double.clearRequests();
      await harness.send('status', crierStatus(1, 'failure'));
      await settled(4);
      expect(trackerCalls()).toEqual([]);

      await harness.send('issue_comment', comment('/unmute'));
      await settled(5);
      await harness.send('status', crierStatus(2, 'failure'));
      await settled(6);
      const patch = harness.double.actions().find((action) => action.method === 'PATCH');
      expect(bodyOf(patch).body).toContain('- **Acknowledged by**: bo-lambda (no reminders)');
      expect(bodyOf(patch).body).toContain('(3 consecutive failures)');
    });

    it('answers a command outside a tracking issue, and refuses people the access rule does not allow', async () => {
      await openFromFixture();
      await harness.send('issue_comment', comment('/snooze 1d', 'outsider'));
      await settled(2);
      expect(harness.double.comments(COMMUNITY, 1).at(-1)?.body).toMatch(/^@outsider: /);
      expect(harness.double.actions().some((action) => action.path.endsWith('/assignees'))).toBe(false);
      await harness.send(
        'issue_comment',
        issueComment({ repo: CONTROLLER, number: 41, body: '/ack', author: 'ana-lambda' }),
      );
      await settled(3);
      expect(harness.double.comments(CONTROLLER, 41).at(-1)?.body).toContain(
        "/ack works only on Sheriff's release tracking issues.",
      );
    });

    it("a person's comment makes the next failure worth one comment, not the one after", async () => {
      await openFromFixture();
      await harness.send('issue_comment', comment('Token refreshed on the build cluster.\n/retest-release'));
      await settled(2);
      await harness.send('status', crierStatus(1, 'failure'));
      await settled(3);
      await harness.send('status', crierStatus(2, 'failure'));
      await settled(4);
      const kinds = harness.double.comments(COMMUNITY, 1).map((entry) => /kind=(\S+)/.exec(entry.body)?.[1]);
      expect(kinds).toEqual(['after-human']);
    });
  });

  it('stores every run, passing or failing, release or not', async () => {
    await harness.send('status', crierStatus(1, 'success'));
    const presubmit = crierStatus(2, 'failure');
    presubmit.context = 'pull-lambda-controller-unit';
    await harness.send('status', presubmit);
    await settled(2);
    const rows = await harness.sheriff.store.db
      .selectFrom('job_runs')
      .select(['job', 'state', 'release', 'job_type'])
      .orderBy('job')
      .execute();
    expect(rows).toEqual([
      { job: 'post-lambda-controller-release', state: 'success', release: true, job_type: 'postsubmit' },
      { job: 'pull-lambda-controller-unit', state: 'failure', release: false, job_type: 'presubmit' },
    ]);
    expect(harness.double.actions()).toEqual([]);
  });
});

describe('the release tracker on two replicas sharing one PostgreSQL store', () => {
  it('opens exactly one issue for 50 concurrent failure deliveries spread over both replicas', async () => {
    const double = createGitHubDouble(TRACKER_WORLD);
    const server = await double.listen();
    const scratch = await createScratchLocation('postgres');
    const options = {
      location: scratch.location,
      env: { APP_ID: '1', PRIVATE_KEY: TEST_PRIVATE_KEY, GITHUB_API_URL: server.baseUrl },
      extra: { plugins: TRACKER_ONLY },
    };
    // One after the other: both migrate the same database on start.
    const replicas = [await startHarness('postgres', options), await startHarness('postgres', options)];
    try {
      const sends: Array<Promise<Response>> = [];
      for (let build = 0; build < 25; build += 1) {
        const payload = crierStatus(build, 'failure');
        // Each delivery reaches both replicas, as a redelivery to a load balancer would.
        for (const replica of replicas)
          sends.push(replica.send('status', payload, { delivery: `replica-${build}` }));
      }
      const statuses = (await Promise.all(sends)).map((response) => response.status);
      expect(statuses.filter((status) => status === 202)).toHaveLength(25);
      await waitFor(() => replicas[0]!.handled.length + replicas[1]!.handled.length >= 25, 20_000);

      const creates = double.actions().filter((action) => action.path === `/repos/${COMMUNITY}/issues`);
      expect(creates).toHaveLength(1);
      expect([...double.state.repos.get(COMMUNITY)!.issues.keys()]).toEqual([1]);
    } finally {
      for (const replica of replicas) await replica.close();
      await server.close();
      await scratch.dispose();
    }
  });
});
