import { StormStore } from '../../../plugins/release-tracker/storm-store.js';
import { TrackerStore } from '../../../plugins/release-tracker/tracker-store.js';
import type { ReleaseNotice } from '../../../src/notifications/release-notice.js';
import type { Store } from '../../../src/store/open-store.js';
import { BACKENDS, openScratchStore } from '../../support/stores.js';
import { aRun } from './tracker-builders.js';

/** A run of `post-<service>-controller-release` in `example-ack/<service>-controller`. */
const controllerRun = (service: string, n: number, state: 'failure' | 'success') =>
  aRun(n, {
    runId: `prow:post-${service}-controller-release:${n}`,
    repository: `example-ack/${service}-controller`,
    job: `post-${service}-controller-release`,
    state,
  });
const keyOf = (service: string) => `example-ack/${service}-controller/post-${service}-controller-release`;

describe.each(BACKENDS)('StormStore (migration 009-storms) on %s', (backend) => {
  let store: Store;
  let storms: StormStore;
  let tracker: TrackerStore;

  beforeEach(async () => {
    store = await openScratchStore(backend);
    storms = new StormStore(store.db);
    tracker = new TrackerStore(store.db);
  });
  afterEach(async () => {
    await store.close();
  });

  const record = (service: string, n: number, state: 'failure' | 'success', release = true) =>
    tracker.recordRun(controllerRun(service, n, state), {
      trackingKey: keyOf(service),
      release,
      deliveryId: `d-${service}-${n}`,
    });

  it('counts the org’s release jobs whose latest run failed within the window, by the runs’ own times', async () => {
    await record('s3', 1, 'failure'); // 18:19, in the window
    await record('rds', 0, 'failure'); // 17:19, before it
    await record('iam', 1, 'failure');
    await record('iam', 2, 'success'); // failed, then passed again
    await record('ec2', 1, 'failure', false); // not a release run
    await record('kms', 3, 'failure'); // 20:19, after `until`
    const since = new Date('2025-05-14T18:00:00Z');
    const until = new Date('2025-05-14T19:30:00Z');
    const failing = await storms.failingJobs('Example-ACK', since, until);
    expect(failing.map((job) => job.key)).toEqual([keyOf('s3')]);
    expect(failing[0]).toMatchObject({ failing: true, failedAt: '2025-05-14T18:19:37.000Z', issue: null });
    expect(await storms.failingJobs('example', since, until)).toEqual([]);
  });

  it('lets exactly one of many concurrent claims create the org’s storm', async () => {
    const claims = await Promise.all(
      Array.from({ length: 12 }, () =>
        storms.claimStorm({
          org: 'example-ack',
          repository: 'example-ack/s3-controller',
          issueRepository: 'example-ack/community',
          startedAt: new Date('2025-05-14T17:19:00Z'),
        }),
      ),
    );
    expect(claims.filter((claim) => claim.created)).toHaveLength(1);
    expect(new Set(claims.map((claim) => claim.row.id)).size).toBe(1);

    // Once resolved, the next burst is a new storm.
    const id = claims[0]!.row.id;
    expect(await storms.resolve(id, async () => {})).toBe(true);
    expect(await storms.resolve(id, async () => {})).toBe(false);
    const next = await storms.claimStorm({
      org: 'example-ack',
      repository: 'example-ack/s3-controller',
      issueRepository: 'example-ack/community',
      startedAt: new Date(),
    });
    expect(next.created).toBe(true);
    expect(next.row.id).not.toBe(id);
  });

  it('holds notices until their time, keeps one job’s notices in order, and gives each out once', async () => {
    const notice = (key: string, kind: 'opened' | 'resolved') =>
      ({ trackingKey: key, kind }) as ReleaseNotice;
    await store.db.transaction().execute(async (trx) => {
      await storms.hold(
        trx,
        'example-ack',
        keyOf('s3'),
        [notice(keyOf('s3'), 'opened')],
        new Date('2025-05-14T17:22:00Z'),
      );
      // Due earlier by its own run, but after the job's earlier notice.
      await storms.hold(
        trx,
        'example-ack',
        keyOf('s3'),
        [notice(keyOf('s3'), 'resolved')],
        new Date('2025-05-14T17:21:00Z'),
      );
      await storms.hold(
        trx,
        'example-ack',
        keyOf('iam'),
        [notice(keyOf('iam'), 'opened')],
        new Date('2025-05-14T17:21:00Z'),
      );
    });
    const take = (at: string) =>
      store.db
        .transaction()
        .execute(async (trx) =>
          (await storms.takeDue(trx, new Date(at), 10)).map(
            (held) => `${held.notice.trackingKey.split('/')[1]} ${held.notice.kind}`,
          ),
        );
    expect(await take('2025-05-14T17:21:30Z')).toEqual(['iam-controller opened']);
    expect(await take('2025-05-14T17:22:00Z')).toEqual(['s3-controller opened', 's3-controller resolved']);
    expect(await take('2025-05-14T18:00:00Z')).toEqual([]);
  });

  it('finds the umbrella of a member’s notice while the storm is open, and after only for notices from its time', async () => {
    const { row } = await storms.claimStorm({
      org: 'example-ack',
      repository: 'example-ack/s3-controller',
      issueRepository: 'example-ack/community',
      startedAt: new Date('2025-05-14T17:19:00Z'),
    });
    await record('s3', 1, 'failure');
    const [member] = await storms.describeJobs([keyOf('s3')]);
    await storms.recordOpened(
      row.id,
      { repository: 'example-ack/community', number: 40 },
      [member!],
      async () => {},
    );
    const before = new Date(Date.now() - 60_000).toISOString();
    expect(await storms.umbrellaOf(keyOf('s3'), before)).toEqual({
      repository: 'example-ack/community',
      number: 40,
    });
    expect(await storms.umbrellaOf(keyOf('iam'), before)).toBeNull();
    expect(await storms.openUmbrella('EXAMPLE-ACK')).toEqual({
      repository: 'example-ack/community',
      number: 40,
    });
    await storms.resolve(row.id, async () => {});
    expect(await storms.umbrellaOf(keyOf('s3'), before)).toEqual({
      repository: 'example-ack/community',
      number: 40,
    });
    const later = new Date(Date.now() + 60_000).toISOString();
    expect(await storms.umbrellaOf(keyOf('s3'), later)).toBeNull();
    expect(await storms.openUmbrella('example-ack')).toBeNull();
  });
});
