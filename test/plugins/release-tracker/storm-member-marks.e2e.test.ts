import { StormStore } from '../../../plugins/release-tracker/storm-store.js';
import type { ReleaseNotice } from '../../../src/notifications/release-notice.js';
import { noticeJobKind } from '../../../src/plugins/plugin-background.js';
import { issueComment } from '../../support/github-world.js';
import { BACKENDS } from '../../support/stores.js';
import { startNotifyWorld, type NotifyWorld } from '../notify/notify-world.js';
import { COMMUNITY, CONTROLLER, postRecordedStatus } from './tracker-world.js';

const KEY = 'example-ack/lambda-controller/post-lambda-controller-release';
const ISSUE_URL = `https://github.com/${COMMUNITY}/issues/1`;
const UMBRELLA = { repository: COMMUNITY, number: 9 };

/**
 * The real tracker and notify plugins, the Slack double and an outgoing webhook receiver over
 * loopback. The storm is recorded through the storm store as the storm check records one: 30
 * controllers are not needed to ask whether one member's /ack reaches Slack.
 */
describe.each(BACKENDS)('/ack and /snooze on a storm member end to end on %s', (backend) => {
  let world: NotifyWorld;
  afterEach(async () => {
    await world?.close();
  });

  const idle = () =>
    world.harness.waitFor(async () => {
      const stats = await world.harness.sheriff.queue.stats();
      return stats.pending === 0 && stats.running === 0;
    });
  /** The failing fixture opens `community#1` and its Slack thread in #lambda. */
  const openIssue = async () => {
    world = await startNotifyWorld(backend);
    expect(await postRecordedStatus(world.harness.url)).toBe(202);
    await world.harness.waitFor(
      () => world.slack.messages.length >= 1 && world.receiver.received.length >= 1,
    );
    await idle();
  };
  const joinStorm = async () => {
    const storms = new StormStore(world.harness.sheriff.store.db);
    const { row } = await storms.claimStorm({
      org: 'example-ack',
      repository: CONTROLLER,
      issueRepository: COMMUNITY,
      startedAt: new Date(),
    });
    await storms.recordOpened(row.id, UMBRELLA, await storms.describeJobs([KEY]), async () => {});
  };
  const command = async (body: string) => {
    const handled = world.harness.handled.length;
    await world.harness.send(
      'issue_comment',
      issueComment({ repo: COMMUNITY, number: 1, body, author: 'kai-release', labels: ['sheriff/tracking'] }),
    );
    await world.harness.waitFor(() => world.harness.handled.length > handled);
    await idle();
  };
  /** The notices handed to notify, as it received them. */
  const published = async (kind: ReleaseNotice['kind']) => {
    const jobs = await world.harness.sheriff.store.db
      .selectFrom('jobs')
      .select('data')
      .where('kind', '=', noticeJobKind('notify'))
      .execute();
    return jobs
      .map((job) => JSON.parse(job.data ?? 'null') as ReleaseNotice)
      .filter((notice) => notice.kind === kind);
  };
  const root = () => world.slack.roots('#lambda')[0]!;

  it('publishes the /ack under the umbrella: no Slack reply, no outgoing webhook', async () => {
    await openIssue();
    await joinStorm();
    await command('/ack');

    expect(world.harness.double.issue(COMMUNITY, 1)!.assignees).toContain('kai-release');
    const [ack] = await published('acknowledged');
    expect(ack).toMatchObject({
      actor: 'kai-release',
      issue: { repository: COMMUNITY, number: 1, url: ISSUE_URL },
      umbrella: { ...UMBRELLA, url: `https://github.com/${COMMUNITY}/issues/9` },
    });
    expect(world.slack.messages).toHaveLength(1);
    expect(world.slack.replies(root())).toEqual([]);
    expect(world.receiver.received.map((delivery) => delivery.event)).toEqual(['opened']);
  });

  it('publishes the /snooze under the umbrella too', async () => {
    await openIssue();
    await joinStorm();
    await command('/snooze 4h');

    const [snoozed] = await published('snoozed');
    expect(snoozed).toMatchObject({ actor: 'kai-release', umbrella: { number: 9 } });
    expect(world.slack.replies(root())).toEqual([]);
    expect(world.receiver.received.map((delivery) => delivery.event)).toEqual(['opened']);
  });

  it('outside a storm, the /ack is told in the job’s thread as before', async () => {
    await openIssue();
    await command('/ack');

    const [ack] = await published('acknowledged');
    expect(ack).toMatchObject({ actor: 'kai-release', issue: { url: ISSUE_URL } });
    expect(ack).not.toHaveProperty('umbrella');
    await world.harness.waitFor(() => world.slack.replies(root()).length >= 1);
    expect(world.slack.replies(root()).map((reply) => reply.text)).toEqual([
      `[critical] kai-release is on post-lambda-controller-release (area lambda, 1 failure) ${ISSUE_URL}`,
    ]);
  });
});
