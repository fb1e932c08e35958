import { pruneJobRuns } from '../../../plugins/release-tracker/job-run-retention.js';
import type { JobRun } from '../../../plugins/release-tracker/job-run.js';
import { TrackerStore } from '../../../plugins/release-tracker/tracker-store.js';
import type { Store } from '../../../src/store/open-store.js';
import { BACKENDS, openScratchStore } from '../../support/stores.js';
import { aRun } from './tracker-builders.js';

const CUTOFF = new Date('2025-06-01T00:00:00Z');
const RELEASE = 'example-ack/lambda-controller/post-lambda-controller-release';
const RECOVERED = 'example-ack/lambda-controller/lambda-controller-release-tag';
const NON_RELEASE = 'example-ack/lambda-controller/lambda-unit-tests';

describe.each(BACKENDS)('job_runs retention on %s', (backend) => {
  let store: Store;
  let tracker: TrackerStore;
  let n = 0;

  beforeEach(async () => {
    store = await openScratchStore(backend);
    tracker = new TrackerStore(store.db);
  });
  afterEach(async () => {
    await store.close();
  });

  /** Stores a run of `key` finished at `day` (2025-MM-DD); returns its run id. */
  async function run(key: string, day: string, overrides: Partial<JobRun> = {}): Promise<string> {
    n += 1;
    const recorded = aRun(n, { finishedAt: `2025-${day}T12:00:00.000Z`, ...overrides });
    await tracker.recordRun(recorded, {
      trackingKey: key,
      release: key !== NON_RELEASE,
      deliveryId: `d-${n}`,
    });
    return recorded.runId;
  }
  const remaining = async () =>
    (await store.db.selectFrom('job_runs').select('run_id').orderBy('id').execute()).map((row) => row.run_id);

  it('deletes runs older than the cutoff but keeps each key’s latest run and latest success', async () => {
    const oldSuccess = await run(RELEASE, '01-01', { state: 'success' });
    const oldFailure = await run(RELEASE, '01-02');
    const lastSuccess = await run(RELEASE, '02-01', { state: 'success' });
    const olderFailure = await run(RELEASE, '03-01');
    const lastRun = await run(RELEASE, '03-02');
    // The watchdog's synthetic failure is newer, but the job's real last run stays.
    const watchdog = await run(RELEASE, '03-10', {
      source: 'freshness',
      system: 'watchdog',
      runId: 'freshness:1',
    });

    const brokenOnce = await run(RECOVERED, '01-01');
    const recentSuccess = await run(RECOVERED, '07-01', { state: 'success' });
    const recentFailure = await run(RECOVERED, '07-02');

    const unitOld = await run(NON_RELEASE, '01-01');
    const unitLast = await run(NON_RELEASE, '01-05');
    // A stage learned before its run finished, never finished: only its recording time dates it.
    const stageOnly = await run(NON_RELEASE, '01-06', {
      state: 'pending',
      finishedAt: null,
      stage: 'build › Go',
    });
    await store.db
      .updateTable('job_runs')
      .set({ recorded_at: new Date('2025-01-06T00:00:00Z') })
      .where('run_id', '=', stageOnly)
      .execute();

    expect(await remaining()).toHaveLength(12);
    expect(await pruneJobRuns(store.db, CUTOFF)).toBe(6);
    const kept = await remaining();
    expect(kept).toEqual([lastSuccess, lastRun, watchdog, recentSuccess, recentFailure, unitLast]);
    for (const gone of [oldSuccess, oldFailure, olderFailure, brokenOnce, unitOld, stageOnly])
      expect(kept).not.toContain(gone);

    // Run again (the next day): nothing more goes.
    expect(await pruneJobRuns(store.db, CUTOFF)).toBe(0);
  });

  it('touches nothing newer than the cutoff', async () => {
    const runs = [
      await run(RELEASE, '06-02'),
      await run(RELEASE, '06-03', { state: 'success' }),
      await run(RELEASE, '06-04'),
    ];
    expect(await pruneJobRuns(store.db, CUTOFF)).toBe(0);
    expect(await remaining()).toEqual(runs);
  });
});
