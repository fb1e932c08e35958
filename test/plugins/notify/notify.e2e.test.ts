import { noticeJobKind } from '../../../src/plugins/plugin-background.js';
import type { ReleaseNotice } from '../../../src/notifications/release-notice.js';
import { issueComment } from '../../support/github-world.js';
import { BACKENDS } from '../../support/stores.js';
import {
  COMMUNITY,
  CONTROLLER,
  crierStatus,
  FIXTURE_BUILD,
  postRecordedStatus,
} from '../release-tracker/tracker-world.js';
import { startNotifyWorld, type NotifyWorld } from './notify-world.js';

const KEY = 'example-ack/lambda-controller/post-lambda-controller-release';
const ISSUE_URL = `https://github.com/${COMMUNITY}/issues/1`;
const LOGS = `https://prow.example-ack.dev/view/s3/example-ack-prow-logs/logs/post-lambda-controller-release/${FIXTURE_BUILD}`;
const HOUR = 3_600_000;

describe.each(BACKENDS)('notify end to end on %s', (backend) => {
  let world: NotifyWorld;
  afterEach(async () => {
    await world?.close();
  });

  const start = async (options: Parameters<typeof startNotifyWorld>[1] = {}) => {
    world = await startNotifyWorld(backend, options);
  };
  const deliverFixture = async () => {
    expect(await postRecordedStatus(world.harness.url)).toBe(202);
  };
  /** Waits until no job is pending or running (sends included). */
  const idle = () =>
    world.harness.waitFor(async () => {
      const stats = await world.harness.sheriff.queue.stats();
      return stats.pending === 0 && stats.running === 0;
    });
  const lambdaRoot = () => {
    const roots = world.slack.roots('#lambda');
    expect(roots).toHaveLength(1);
    return roots[0]!;
  };
  const texts = (messages: Array<{ text: string }>) => messages.map((message) => message.text);
  const expectNoSecretLogged = () => {
    expect(world.logs.length).toBeGreaterThan(0);
    for (const secret of world.secrets)
      expect(world.logs.filter((line) => line.includes(secret))).toEqual([]);
  };

  it('opens one thread in the area channel for a new tracking issue: Block Kit, group mention, links', async () => {
    await start();
    await deliverFixture();
    await world.harness.waitFor(
      () => world.slack.messages.length >= 1 && world.receiver.received.length >= 1,
    );
    await idle();

    expect(world.slack.messages).toHaveLength(1);
    const root = lambdaRoot();
    expect(root.text).toBe(
      `<!subteam^S0LAMBDA01> [critical] post-lambda-controller-release is failing (area lambda, 1 failure) ${ISSUE_URL}`,
    );
    expect(root.blocks.map((block) => block.type)).toEqual(['header', 'section', 'context']);
    expect(root.blocks[1]!.fields.map((field: { text: string }) => field.text)).toEqual([
      '*Job*\n`post-lambda-controller-release`',
      `*Repository*\n${CONTROLLER}`,
      '*Area*\nlambda',
      '*Severity*\ncritical',
      '*Stage*\nunknown',
      '*Failures*\n1',
    ]);
    expect(root.blocks[2]!.elements[0].text).toBe(`<${ISSUE_URL}|${COMMUNITY}#1> · <${LOGS}|logs>`);
    const thread = await world.harness.sheriff.store.db
      .selectFrom('notify_slack_threads')
      .selectAll()
      .execute();
    expect(thread).toMatchObject([
      { tracking_key: KEY, channel: '#lambda', channel_id: root.channelId, ts: root.ts },
    ]);
  });

  it('posts the outgoing webhook signed, with a delivery id, and the receiver verifies it', async () => {
    await start();
    await deliverFixture();
    await world.harness.waitFor(() => world.receiver.received.length >= 1);
    await idle();
    expect(world.receiver.received).toHaveLength(1);
    const [delivery] = world.receiver.received;
    expect(delivery).toMatchObject({ path: '/jira', event: 'opened', signatureValid: true });
    expect(delivery!.deliveryId).toMatch(/^[0-9a-f]{32}$/);
    expect(delivery!.body).toMatchObject({
      version: 1,
      deliveryId: delivery!.deliveryId,
      event: 'opened',
      severity: 'critical',
      notice: {
        kind: 'opened',
        trackingKey: KEY,
        job: 'post-lambda-controller-release',
        issue: { url: ISSUE_URL },
      },
    });
  });
  it('replies in the thread on the escalation and edits the root to resolved on recovery (and replies)', async () => {
    await start();
    await deliverFixture();
    await world.harness.waitFor(() => world.slack.messages.length >= 1);
    await world.harness.send('status', crierStatus(1, 'failure'));
    await world.harness.waitFor(() => world.slack.messages.length >= 2);
    await world.harness.send('status', crierStatus(2, 'success', { sha: 'f1'.repeat(20) }));
    await world.harness.waitFor(() => world.slack.messages.length >= 3);
    await idle();

    const root = lambdaRoot();
    expect(texts(world.slack.replies(root))).toEqual([
      `<!subteam^S0LAMBDA01> [critical] post-lambda-controller-release has failed 2 times in a row (area lambda, 2 failures) ${ISSUE_URL}`,
      `[critical] post-lambda-controller-release recovered (area lambda) ${ISSUE_URL}`,
    ]);
    expect(root.edits).toHaveLength(1);
    expect(root.blocks[0]).toEqual({
      type: 'header',
      text: { type: 'plain_text', text: ':white_check_mark: Resolved', emoji: true },
    });
    expect(root.text).toBe(`[critical] post-lambda-controller-release recovered (area lambda) ${ISSUE_URL}`);
    expect(world.slack.messages).toHaveLength(3);
    expect(world.receiver.received.map((delivery) => delivery.event)).toEqual([
      'opened',
      'escalated',
      'resolved',
    ]);
  });

  it('reminds an un-acked critical issue every interval, in its thread, until /ack', async () => {
    await start();
    await deliverFixture();
    await world.harness.waitFor(() => world.slack.messages.length >= 1);
    const tick = async () => {
      await world.harness.sheriff.scheduler.tick();
      await idle();
    };
    await tick();
    expect(world.slack.messages).toHaveLength(1);

    world.advance(HOUR + 60_000);
    await tick();
    world.advance(2 * 60_000);
    await tick();
    const root = lambdaRoot();
    expect(texts(world.slack.replies(root))).toEqual([
      `<!subteam^S0LAMBDA01> Reminder: post-lambda-controller-release is still failing and unacknowledged ${ISSUE_URL}`,
    ]);
    expect(world.slack.replies(root)[0]!.blocks[0]!.text.text).toContain('Reminder 1:');

    world.advance(HOUR);
    await tick();
    expect(world.slack.replies(root)).toHaveLength(2);
    expect(world.slack.replies(root)[1]!.blocks[0]!.text.text).toContain('Reminder 2:');

    await world.harness.send(
      'issue_comment',
      issueComment({
        repo: COMMUNITY,
        number: 1,
        body: '/ack',
        author: 'kai-release',
        labels: ['sheriff/tracking'],
      }),
    );
    await world.harness.waitFor(() => world.slack.replies(root).length >= 3);
    expect(world.slack.replies(root)[2]!.text).toBe(
      `[critical] kai-release is on post-lambda-controller-release (area lambda, 1 failure) ${ISSUE_URL}`,
    );
    world.advance(3 * HOUR);
    await tick();
    expect(world.slack.replies(root)).toHaveLength(3);
    expect(await world.harness.sheriff.store.db.selectFrom('notify_reminders').selectAll().execute()).toEqual(
      [],
    );
  });

  it('delivers exactly once through a 429 with retry-after and a run of 5xx answers', async () => {
    await start();
    world.slack.failNext({ status: 429, retryAfter: 1 }, { status: 503 }, { status: 503 }, { status: 500 });
    await deliverFixture();
    await world.harness.waitFor(() => world.slack.messages.length >= 1);
    await idle();
    expect(world.slack.requests).toEqual([
      'chat.postMessage 429',
      'chat.postMessage 503',
      'chat.postMessage 503',
      'chat.postMessage 500',
      'chat.postMessage 200',
    ]);
    expect(world.slack.messages).toHaveLength(1);
    const jobs = await world.harness.sheriff.store.db
      .selectFrom('jobs')
      .select(['status', 'attempts'])
      .where('kind', '=', noticeJobKind('notify'))
      .execute();
    expect(jobs).toEqual([{ status: 'done', attempts: 2 }]);
    // Counted once, however many attempts it took.
    const sent = (await world.harness.sheriff.metrics.notificationsSent.get()).values;
    expect(sent.find((value) => value.labels.destination === 'slack')?.value).toBe(1);
    expectNoSecretLogged();
  });

  it('sends one message for a storm: 30 member notices folded into the umbrella and its storm-opened', async () => {
    await start();
    const umbrella = { repository: COMMUNITY, number: 9, url: `https://github.com/${COMMUNITY}/issues/9` };
    const member = (i: number): ReleaseNotice => ({
      id: `${KEY}-${i}#run-${i}/opened/0`,
      kind: 'opened',
      trackingKey: `${KEY}-${i}`,
      episode: `run-${i}`,
      repository: CONTROLLER,
      job: `post-lambda-controller-release-${i}`,
      area: 'lambda',
      severity: 'critical',
      stage: null,
      failures: 1,
      issue: null,
      logsUrl: null,
      owners: [],
      summary: `post-lambda-controller-release-${i} is failing`,
      umbrella,
      at: new Date().toISOString(),
    });
    const members = Array.from({ length: 30 }, (_, i) => member(i));
    const storm: ReleaseNotice = {
      ...member(99),
      id: 'storm:example-ack#1/storm-opened/0',
      kind: 'storm-opened',
      trackingKey: 'storm:example-ack',
      episode: '1',
      job: 'release storm',
      issue: umbrella,
      summary: '30 release jobs are failing in example-ack',
      members: members.map((notice) => ({ repository: notice.repository, job: notice.job, issue: null })),
    };
    delete storm.umbrella;
    await world.harness.sheriff.queue.enqueue(
      [...members, storm].map((notice) => ({
        kind: noticeJobKind('notify'),
        key: `notice:notify:${notice.trackingKey}`,
        data: notice,
        maxAttempts: 3,
      })),
    );
    world.harness.sheriff.worker.wake();
    await world.harness.waitFor(() => world.slack.messages.length >= 1);
    await idle();
    expect(world.slack.messages).toHaveLength(1);
    expect(world.slack.messages[0]!.text).toBe(
      `<!subteam^S0LAMBDA01> [critical] 30 release jobs are failing in example-ack (30 jobs) ${umbrella.url}`,
    );
    expect(world.receiver.received.map((delivery) => delivery.event)).toEqual(['storm-opened']);
  });

  it('holds info news for one daily digest per channel', async () => {
    await start({
      notify: `
slack:
  channel: "#releases"
  digestTime: "09:00"
severities:
  - jobs: [post-lambda-controller-release]
    severity: info
`,
    });
    await deliverFixture();
    await world.harness.send('status', crierStatus(1, 'failure'));
    await world.harness.waitFor(async () => {
      const items = await world.harness.sheriff.store.db
        .selectFrom('notify_digest_items')
        .selectAll()
        .execute();
      return items.length >= 2;
    });
    await idle();
    await world.harness.sheriff.scheduler.tick();
    await idle();
    expect(world.slack.messages).toEqual([]);

    const now = new Date();
    const due = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), 9);
    world.advance((due > now.getTime() ? due : due + 24 * HOUR) - now.getTime() + 60_000);
    await world.harness.sheriff.scheduler.tick();
    await world.harness.waitFor(() => world.slack.messages.length >= 1);
    await idle();
    world.advance(10 * 60_000);
    await world.harness.sheriff.scheduler.tick();
    await idle();

    expect(world.slack.messages).toHaveLength(1);
    const digest = world.slack.messages[0]!;
    expect(digest.channel).toBe('#lambda');
    expect(digest.text).toMatch(/^Release digest \d{4}-\d{2}-\d{2}: 2 updates$/);
    expect(digest.blocks[1]!.text.text.split('\n')).toEqual([
      `• :rotating_light: post-lambda-controller-release is failing (\`post-lambda-controller-release\`) <${ISSUE_URL}|#1>`,
      `• :rotating_light: post-lambda-controller-release has failed 2 times in a row (\`post-lambda-controller-release\`) <${ISSUE_URL}|#1>`,
    ]);
  });

  it('with only an incoming webhook, posts one message per state change, once, through 5xx and 429', async () => {
    await start({ slackMode: 'webhook' });
    world.slack.failNext({ status: 503 }, { status: 503 }, { status: 503 }, { status: 429, retryAfter: 1 });
    await deliverFixture();
    await world.harness.waitFor(() => world.slack.messages.length >= 1);
    await world.harness.send('status', crierStatus(1, 'success', { sha: 'f1'.repeat(20) }));
    await world.harness.waitFor(() => world.slack.messages.length >= 2);
    await idle();
    expect(world.slack.messages.map((message) => [message.channel, message.blocks[0]!.text.text])).toEqual([
      ['webhook', ':rotating_light: Release job failing'],
      ['webhook', ':white_check_mark: Resolved'],
    ]);
    expect(world.slack.requests.slice(0, 5)).toEqual([
      'webhook 503',
      'webhook 503',
      'webhook 503',
      'webhook 429',
      'webhook 200',
    ]);
    const errors = await world.harness.sheriff.store.db
      .selectFrom('jobs')
      .select('last_error')
      .where('kind', '=', noticeJobKind('notify'))
      .execute();
    expect(errors.map((job) => job.last_error ?? '').join('\n')).not.toContain(world.slack.webhookUrl);
    expectNoSecretLogged();
  });

  it('retries an outgoing webhook target with backoff, dead-letters a refused one, and never resends to the other', async () => {
    await start({
      notify: `
slack:
  channel: "#releases"
webhooks:
  - target: jira
  - target: pager
`,
    });
    world.receiver.answerNext('/jira', 502, 503);
    world.receiver.answerNext('/pager', 400);
    await deliverFixture();
    await world.harness.waitFor(() => world.receiver.received.length >= 4);
    await idle();

    const jira = world.receiver.received.filter((delivery) => delivery.path === '/jira');
    const pager = world.receiver.received.filter((delivery) => delivery.path === '/pager');
    expect(jira).toHaveLength(3);
    expect(new Set(jira.map((delivery) => delivery.deliveryId)).size).toBe(1);
    expect(pager).toHaveLength(1);
    const jobs = await world.harness.sheriff.store.db
      .selectFrom('jobs')
      .select(['key', 'status', 'attempts', 'last_error'])
      .where('kind', '=', 'plugin:notify/deliver-webhook')
      .orderBy('key')
      .execute();
    expect(jobs).toMatchObject([
      { key: `notify:webhook:jira:${KEY}`, status: 'done', attempts: 3 },
      {
        key: `notify:webhook:pager:${KEY}`,
        status: 'dead',
        attempts: 1,
        last_error: expect.stringContaining('outgoing webhook "pager" answered HTTP 400'),
      },
    ]);
    for (const job of jobs) expect(job.last_error ?? '').not.toContain(world.receiver.url);
    expectNoSecretLogged();
  });
});
