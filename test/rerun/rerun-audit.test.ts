import { sql } from 'kysely';
import { RerunAudit, type NewRerun } from '../../src/rerun/rerun-audit.js';
import type { Store } from '../../src/store/open-store.js';
import { BACKENDS, openScratchStore } from '../support/stores.js';

const REPO = 'example-ack/lambda-controller';
const JOB = 'post-lambda-controller-release';
const HOUR_MS = 60 * 60_000;

const rerun = (requestId: string, overrides: Partial<NewRerun> = {}): NewRerun => ({
  requestId,
  repository: REPO,
  job: JOB,
  runId: `prow:${JOB}:1`,
  trackingKey: `${REPO}/${JOB}`,
  backend: 'gangway',
  requestedBy: 'ana-lambda',
  context: 'example-ack/community#1',
  ...overrides,
});

describe.each(BACKENDS)('RerunAudit (migration 007-rerun-audit) on %s', (backend) => {
  let store: Store;
  let audit: RerunAudit;

  beforeEach(async () => {
    store = await openScratchStore(backend);
    audit = new RerunAudit(store.db);
  });
  afterEach(async () => {
    await store.close();
  });

  /** Moves a row back in time (the guard rails count by the store's clock). */
  const age = (id: number, ms: number) =>
    store.db
      .updateTable('release_reruns')
      .set({ requested_at: sql<Date>`now() - ${ms} * interval '1 millisecond'` })
      .where('id', '=', id)
      .execute();
  /** The tracker recording a finished run of the job now. */
  const runFinished = (runId: string, state = 'failure') =>
    store.db
      .insertInto('job_runs')
      .values({
        run_id: runId,
        tracking_key: `${REPO}/${JOB}`,
        source: 'status',
        system: 'prow',
        repository: REPO,
        job: JOB,
        job_type: 'postsubmit',
        release: true,
        sha: null,
        ref: null,
        default_branch: null,
        state,
        url: null,
        build_id: null,
        stage: null,
        started_at: null,
        finished_at: null,
        delivery_id: 'd-run',
        applied_at: null,
      })
      .execute();

  it('stores a re-run once per request and run, however often it is added', async () => {
    const first = await audit.add(rerun('d-1'));
    const again = await audit.add(rerun('d-1'));
    expect(again.id).toBe(first.id);
    expect(first).toMatchObject({ state: 'queued', backend: 'gangway', requested_by: 'ana-lambda' });
    expect(await audit.ofRequest('d-1')).toHaveLength(1);
  });

  it('sees a queued or started re-run of the job as in flight until a run of the job finishes', async () => {
    const row = await audit.add(rerun('d-1'));
    await audit.finish(row.id, 'started', 'execution 1 TRIGGERED', 'https://prow.example.dev/1');
    expect((await audit.inFlight(REPO, JOB, 'd-2', HOUR_MS))?.id).toBe(row.id);
    // The asking request itself is never in its own way.
    expect(await audit.inFlight(REPO, JOB, 'd-1', HOUR_MS)).toBeUndefined();
    expect(await audit.inFlight(REPO, 'another-job', 'd-2', HOUR_MS)).toBeUndefined();

    await runFinished('prow:post-lambda-controller-release:2');
    expect(await audit.inFlight(REPO, JOB, 'd-2', HOUR_MS)).toBeUndefined();
  });

  it('stops counting a re-run as in flight after the window, and a failed one at once', async () => {
    const old = await audit.add(rerun('d-1'));
    await age(old.id, 2 * HOUR_MS);
    expect(await audit.inFlight(REPO, JOB, 'd-9', HOUR_MS)).toBeUndefined();
    const failed = await audit.add(rerun('d-2'));
    await audit.finish(failed.id, 'failed', 'Gangway refused it', null);
    expect(await audit.inFlight(REPO, JOB, 'd-9', 3 * HOUR_MS)).toMatchObject({ id: old.id });
  });

  it('counts the re-runs of the last hour that were not refused, other requests only', async () => {
    await audit.add(rerun('d-1'));
    const started = await audit.add(rerun('d-2'));
    await audit.finish(started.id, 'started', '201', null);
    const failed = await audit.add(rerun('d-3'));
    await audit.finish(failed.id, 'failed', '403', null);
    const old = await audit.add(rerun('d-4'));
    await age(old.id, HOUR_MS + 60_000);
    expect(await audit.countLastHour(REPO, JOB, 'd-9')).toBe(2);
    expect(await audit.countLastHour(REPO, JOB, 'd-1')).toBe(1);
  });

  it('lists newest first, filtered by job and repository (any case)', async () => {
    const first = await audit.add(rerun('d-1'));
    await age(first.id, 60_000);
    await audit.add(rerun('d-2', { job: 'release', repository: 'example-ack/cloud-controllers' }));
    expect((await audit.list()).map((record) => record.requestId)).toEqual(['d-2', 'd-1']);
    expect((await audit.list({ job: JOB })).map((record) => record.requestId)).toEqual(['d-1']);
    expect(
      (await audit.list({ repository: 'Example-ACK/Cloud-Controllers' })).map((record) => record.job),
    ).toEqual(['release']);
    expect(await audit.list({ limit: 1 })).toHaveLength(1);
    expect((await audit.list())[1]).toMatchObject({
      repository: REPO,
      job: JOB,
      runId: `prow:${JOB}:1`,
      backend: 'gangway',
      requestedBy: 'ana-lambda',
      context: 'example-ack/community#1',
      state: 'queued',
      detail: null,
      url: null,
      finishedAt: null,
    });
  });
});
