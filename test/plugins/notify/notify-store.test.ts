import { NotifyStore } from '../../../plugins/notify/notify-store.js';
import type { Store } from '../../../src/store/open-store.js';
import { BACKENDS, openScratchStore } from '../../support/stores.js';
import { EPISODE, ISSUE_URL, KEY } from './notice-builders.js';

describe.each(BACKENDS)('NotifyStore (migration 010-notifications) on %s', (backend) => {
  let store: Store;
  let notify: NotifyStore;
  beforeEach(async () => {
    store = await openScratchStore(backend);
    notify = new NotifyStore(store.db);
  });
  afterEach(async () => {
    await store.close();
  });

  const t0 = new Date('2025-05-14T17:20:00Z');
  const at = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);
  const reminder = {
    trackingKey: KEY,
    episode: EPISODE,
    destination: 'slack:#lambda',
    job: 'post-lambda-controller-release',
    mention: '<!subteam^S0LAMBDA01>',
    issueUrl: ISSUE_URL,
    intervalMs: 60 * 60_000,
    nextAt: at(60),
  };
  const claim = async (now: Date) => {
    const queued: unknown[] = [];
    const claimed = await notify.claimDueReminders(now, 100, async (due) => {
      queued.push(...due);
    });
    expect(queued).toEqual(claimed);
    return claimed;
  };

  it('claims a due reminder once per interval, counting them', async () => {
    await notify.startReminder(reminder);
    await notify.startReminder({ ...reminder, nextAt: at(5) }); // a retried opening keeps the schedule
    expect(await claim(at(59))).toEqual([]);
    expect(await claim(at(61))).toEqual([
      { trackingKey: KEY, episode: EPISODE, destination: 'slack:#lambda', count: 1 },
    ]);
    expect(await claim(at(62))).toEqual([]);
    expect(await claim(at(122))).toEqual([
      { trackingKey: KEY, episode: EPISODE, destination: 'slack:#lambda', count: 2 },
    ]);
  });

  it('defers reminders to the end of a snooze (never earlier) and stops them on /ack', async () => {
    await notify.startReminder(reminder);
    await notify.deferReminders(KEY, EPISODE, at(300));
    await notify.deferReminders(KEY, EPISODE, at(30));
    expect(await claim(at(299))).toEqual([]);
    expect(await claim(at(300))).toHaveLength(1);
    await notify.stopReminders(KEY, EPISODE);
    expect(await claim(at(10_000))).toEqual([]);
  });

  it('claims each destination’s due digest items under one digest id, once', async () => {
    const due = at(60);
    await notify.addDigestItem({ destination: 'slack:#lambda', noticeId: 'n1', line: 'one', dueAt: due });
    await notify.addDigestItem({ destination: 'slack:#lambda', noticeId: 'n2', line: 'two', dueAt: due });
    await notify.addDigestItem({
      destination: 'slack:#lambda',
      noticeId: 'n2',
      line: 'two again',
      dueAt: due,
    });
    await notify.addDigestItem({
      destination: 'slack:#s3',
      noticeId: 'n3',
      line: 'three',
      dueAt: at(24 * 60),
    });
    const claimDigests = (now: Date) => notify.claimDueDigests(now, async () => {});

    expect(await claimDigests(at(59))).toEqual([]);
    const claimed = await claimDigests(at(61));
    expect(claimed).toEqual([
      { destination: 'slack:#lambda', digestId: `digest/slack:#lambda/${due.toISOString()}` },
    ]);
    expect(await notify.digestLines(claimed[0]!.digestId, 'slack:#lambda')).toEqual(['one', 'two']);
    expect(await claimDigests(at(62))).toEqual([]);
  });

  it('records what was sent where, once, and prunes old records', async () => {
    expect(await notify.wasSent('n1', 'slack:#lambda')).toBe(false);
    await notify.recordSent('n1', 'slack:#lambda');
    await notify.recordSent('n1', 'slack:#lambda');
    expect(await notify.wasSent('n1', 'slack:#lambda')).toBe(true);
    expect(await notify.wasSent('n1', 'webhook:jira')).toBe(false);
    await notify.prune(new Date(Date.now() - 60_000));
    expect(await notify.wasSent('n1', 'slack:#lambda')).toBe(true);
    await notify.prune(new Date(Date.now() + 60_000));
    expect(await notify.wasSent('n1', 'slack:#lambda')).toBe(false);
  });
});
