import { TrackerStore } from '../../../plugins/release-tracker/tracker-store.js';
import { initialTrackerState } from '../../../plugins/release-tracker/tracker-state.js';
import type { Store } from '../../../src/store/open-store.js';
import { BACKENDS, openScratchStore } from '../../support/stores.js';
import { aRun, KEY } from './tracker-builders.js';

describe.each(BACKENDS)('TrackerStore (migration 004-release-tracker) on %s', (backend) => {
  let store: Store;
  let tracker: TrackerStore;

  beforeEach(async () => {
    store = await openScratchStore(backend);
    tracker = new TrackerStore(store.db);
  });
  afterEach(async () => {
    await store.close();
  });

  const meta = { trackingKey: KEY, release: true, deliveryId: 'd-1' };

  it('merges two signals of one run: the stage of one, the finished state of the other, counted once', async () => {
    const stage = await tracker.recordRun(
      aRun(1, { state: 'pending', stage: 'publish › Push', jobType: 'unknown' }),
      {
        ...meta,
        release: false,
      },
    );
    expect(stage).toMatchObject({ release: false, newlyFinished: false, stageLearned: false });
    const finished = await tracker.recordRun(aRun(1), meta);
    expect(finished).toMatchObject({ release: true, newlyFinished: true, appliedAt: null });
    expect(finished.run).toMatchObject({ state: 'failure', stage: 'publish › Push', jobType: 'postsubmit' });
    const again = await tracker.recordRun(aRun(1), meta);
    expect(again.newlyFinished).toBe(false);
    const rows = await store.db.selectFrom('job_runs').select(['state', 'stage']).execute();
    expect(rows).toEqual([{ state: 'failure', stage: 'publish › Push' }]);
  });

  it('lets one run at a time claim a key; the holder may claim again after a crash (interrupted)', async () => {
    const first = await tracker.claim(KEY, aRun(1), 60_000);
    expect(first).toMatchObject({
      interrupted: false,
      snapshot: { key: KEY, state: initialTrackerState(aRun(1)) },
    });
    const other = await tracker.claim(KEY, aRun(2), 60_000);
    expect(other).toEqual({ busyForMs: expect.any(Number) });
    expect((other as { busyForMs: number }).busyForMs).toBeGreaterThan(50_000);
    expect(await tracker.claim(KEY, aRun(1), 60_000)).toMatchObject({ interrupted: true });
    // An expired claim (its worker died) may be taken over.
    expect(await tracker.claim(KEY, aRun(2), 0)).toMatchObject({ interrupted: true });
  });

  it('commits only under its own claim, marking the run applied and releasing the key', async () => {
    await tracker.recordRun(aRun(1), meta);
    await tracker.claim(KEY, aRun(1), 60_000);
    const next = { ...initialTrackerState(aRun(1)), consecutiveFailures: 1 };
    await expect(tracker.commit(KEY, aRun(2).runId, next, [], new Date())).rejects.toThrow(
      /claim .* was lost/,
    );
    await tracker.commit(KEY, aRun(1).runId, next, [], new Date());
    const row = await store.db
      .selectFrom('tracking_issues')
      .select(['claimed_by', 'version'])
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ claimed_by: null, version: 1 });
    expect((await tracker.recordRun(aRun(1), meta)).appliedAt).not.toBeNull();
  });

  it('keeps one row per key: the issue number is unique, and found again by repository and number', async () => {
    await tracker.claim(KEY, aRun(1), 60_000);
    const episodeState = {
      ...initialTrackerState(aRun(1)),
      episode: {
        firstFailure: {
          runId: 'r',
          sha: null,
          ref: null,
          url: null,
          buildId: null,
          at: '2025-05-14T17:19:37.000Z',
        },
        lastFailure: {
          runId: 'r',
          sha: null,
          ref: null,
          url: null,
          buildId: null,
          at: '2025-05-14T17:19:37.000Z',
        },
        failures: 1,
        firstSuccess: null,
        stage: null,
        system: 'prow' as const,
        jobType: 'postsubmit' as const,
        routing: null,
        issue: { repository: 'Example-ACK/Community', number: 7 },
        openedAt: '2025-05-14T17:20:00.000Z',
        closedByHuman: false,
        lastCommentAt: null,
        reminded: [],
      },
    };
    const opened = [
      { type: 'opened' as const, firstFailureRunId: 'r', firstFailureAt: '2025-05-14T17:19:37.000Z' },
    ];
    const { mttdSeconds } = await tracker.commit(
      KEY,
      aRun(1).runId,
      episodeState,
      opened,
      new Date('2025-05-14T17:20:02Z'),
    );
    expect(mttdSeconds).toBe(25);
    expect(await tracker.findByIssue('example-ack/community', 7)).toMatchObject({ key: KEY, current: true });
    expect(await tracker.findByIssue('example-ack/community', 8)).toBeUndefined();
    const episode = await store.db.selectFrom('tracking_episodes').selectAll().executeTakeFirstOrThrow();
    expect(episode).toMatchObject({
      issue_repository: 'example-ack/community',
      issue_number: 7,
      mttd_seconds: 25,
    });

    await store.db
      .insertInto('tracking_issues')
      .values({ tracking_key: 'other', repository: 'a/b', job: 'j', state: '{}' })
      .execute();
    await expect(
      store.db
        .updateTable('tracking_issues')
        .set({ issue_repository: 'example-ack/community', issue_number: 7 })
        .where('tracking_key', '=', 'other')
        .execute(),
    ).rejects.toThrow();
  });
});
