import { createLogger } from '../../src/logging/logger.js';
import { SheriffMetrics } from '../../src/metrics/sheriff-metrics.js';
import { PermanentJobError } from '../../src/pipeline/job-errors.js';
import { type JobHandler, Worker } from '../../src/pipeline/worker.js';
import { JobQueue } from '../../src/store/job-queue.js';
import type { Store } from '../../src/store/open-store.js';
import { waitFor } from '../support/sheriff-harness.js';
import { BACKENDS, openScratchStore } from '../support/stores.js';

describe.each(BACKENDS)('Worker on %s', (backend) => {
  let store: Store;
  let queue: JobQueue;
  let metrics: SheriffMetrics;
  let worker: Worker | undefined;

  beforeEach(async () => {
    store = await openScratchStore(backend);
    queue = new JobQueue(store.db);
    metrics = new SheriffMetrics({ defaultMetrics: false });
  });
  afterEach(async () => {
    await worker?.stop(1000);
    await store.close();
  });

  function startWorker(
    handlers: Record<string, JobHandler>,
    maxAttempts = 3,
    intakeBursting?: () => boolean,
    burst: { concurrency: number; maxPauseMs: number } = { concurrency: 1, maxPauseMs: 10_000 },
  ) {
    worker = new Worker({
      queue,
      handlers,
      ...(intakeBursting ? { intakeBursting } : {}),
      log: createLogger('silent'),
      metrics,
      settings: {
        concurrency: 4,
        burstConcurrency: burst.concurrency,
        burstMaxPauseMs: burst.maxPauseMs,
        burstRatePerSecond: 400,
        leaseMs: 10_000,
        pollMs: 20,
        maxAttempts,
        backoffBaseMs: 10,
        backoffMaxMs: 40,
      },
    });
    worker.start();
  }

  const status = async (id: number) => (await queue.get(id))?.status;

  it('runs one job at a time while the intake bursts, and all of them again once it calms', async () => {
    let bursting = true;
    let running = 0;
    let peakWhileBursting = 0;
    let peakAfter = 0;
    const releases: Array<() => void> = [];
    startWorker(
      {
        slow: async () => {
          running++;
          if (bursting) peakWhileBursting = Math.max(peakWhileBursting, running);
          else peakAfter = Math.max(peakAfter, running);
          await new Promise<void>((resolve) => releases.push(resolve));
          running--;
        },
      },
      3,
      () => bursting,
    );
    const ids = await queue.enqueue(
      Array.from({ length: 8 }, (_, index) => ({ kind: 'slow', key: `k${index}`, maxAttempts: 1 })),
    );
    // While bursting, work still drains (never starved), one job at a time.
    for (let done = 0; done < 3; done++) {
      await waitFor(() => releases.length > done);
      releases[done]!();
    }
    expect(peakWhileBursting).toBe(1);
    bursting = false;
    // Claims come in batches, so "more than one at once" is what calm means here, not exactly 4.
    await waitFor(() => running >= 2);
    expect(peakAfter).toBeGreaterThan(1);
    const finished = async () => {
      for (const release of releases) release();
      for (const id of ids) if ((await status(id)) !== 'done') return false;
      return true;
    };
    await waitFor(finished);
  });

  it('with a burst concurrency of 0, runs nothing while the intake bursts, then drains the backlog', async () => {
    let bursting = true;
    let polls = 0;
    const ran: string[] = [];
    startWorker(
      { quick: async ({ job }) => void ran.push(job.key) },
      3,
      () => {
        if (bursting) polls++;
        return bursting;
      },
      { concurrency: 0, maxPauseMs: 3_600_000 },
    );
    const ids = await queue.enqueue(
      Array.from({ length: 4 }, (_, index) => ({ kind: 'quick', key: `k${index}`, maxAttempts: 1 })),
    );
    // The worker has looked at the intake several times since the jobs were queued.
    const seen = polls;
    await waitFor(() => polls >= seen + 5);
    expect(ran).toEqual([]);
    bursting = false;
    await waitFor(async () => (await Promise.all(ids.map(status))).every((state) => state === 'done'));
    expect(ran.sort()).toEqual(['k0', 'k1', 'k2', 'k3']);
  });

  it('gives a burst that outlasts WORKER_BURST_MAX_PAUSE_MS one job at a time, so work is never starved', async () => {
    let running = 0;
    let peak = 0;
    startWorker(
      {
        quick: async () => {
          running++;
          peak = Math.max(peak, running);
          await new Promise((resolve) => setTimeout(resolve, 5));
          running--;
        },
      },
      3,
      () => true,
      { concurrency: 0, maxPauseMs: 0 },
    );
    const ids = await queue.enqueue(
      Array.from({ length: 4 }, (_, index) => ({ kind: 'quick', key: `k${index}`, maxAttempts: 1 })),
    );
    await waitFor(async () => (await Promise.all(ids.map(status))).every((state) => state === 'done'));
    expect(peak).toBe(1);
  });

  it('retries a failing job with backoff and completes it when the handler recovers', async () => {
    let calls = 0;
    startWorker({
      flaky: async () => {
        calls++;
        if (calls < 3) throw new Error(`GitHub answered 502 (call ${calls})`);
      },
    });
    const [id] = await queue.enqueue([{ kind: 'flaky', key: 'k', maxAttempts: 5 }]);
    await waitFor(async () => (await status(id!)) === 'done');
    expect(calls).toBe(3);
    expect((await queue.get(id!))?.attempts).toBe(3);
    expect(await metrics.jobs.get()).toMatchObject({
      values: expect.arrayContaining([
        expect.objectContaining({ labels: { kind: 'flaky', outcome: 'retried' }, value: 2 }),
        expect.objectContaining({ labels: { kind: 'flaky', outcome: 'done' }, value: 1 }),
      ]),
    });
  });

  it('dead-letters after the last attempt, keeps the error, and lets the next job of the key run', async () => {
    const ran: string[] = [];
    startWorker({
      broken: async () => {
        throw new Error('always fails');
      },
      fine: async ({ job }) => {
        ran.push(job.key);
      },
    });
    const [dead, next] = await queue.enqueue([
      { kind: 'broken', key: 'same', maxAttempts: 2 },
      { kind: 'fine', key: 'same', maxAttempts: 2 },
    ]);
    await waitFor(async () => (await status(next!)) === 'done');
    const row = await queue.get(dead!);
    expect(row).toMatchObject({ status: 'dead', attempts: 2 });
    expect(row?.last_error).toContain('always fails');
    expect((await queue.listDead()).map((job) => job.id)).toEqual([dead]);
    expect((await queue.stats()).dead).toBe(1);
  });

  it('dead-letters a permanent error at once, and an unknown job kind', async () => {
    startWorker({
      hopeless: async () => {
        throw new PermanentJobError('payload can never be handled');
      },
    });
    const [hopeless, unknown] = await queue.enqueue([
      { kind: 'hopeless', key: 'a', maxAttempts: 5 },
      { kind: 'no-such-kind', key: 'b', maxAttempts: 5 },
    ]);
    await waitFor(async () => (await status(hopeless!)) === 'dead' && (await status(unknown!)) === 'dead');
    expect((await queue.get(hopeless!))?.attempts).toBe(1);
    expect((await queue.get(unknown!))?.last_error).toContain('no handler for job kind "no-such-kind"');
  });

  it('replays dead-lettered work with a fresh attempt budget', async () => {
    let healthy = false;
    let successes = 0;
    startWorker({
      outage: async () => {
        if (!healthy) throw new Error('Slack is down');
        successes++;
      },
    });
    const [id] = await queue.enqueue([{ kind: 'outage', key: 'k', maxAttempts: 1, deliveryId: undefined }]);
    await waitFor(async () => (await status(id!)) === 'dead');
    healthy = true;
    const [replayed] = await queue.replayDead({ jobId: id! });
    await waitFor(async () => (await status(replayed!)) === 'done');
    expect(successes).toBe(1);
    expect(await queue.get(id!)).toBeUndefined();
    expect(await queue.replayDead({ jobId: id! })).toEqual([]);
  });

  it('finishes in-flight work on a graceful stop', async () => {
    let finished = false;
    startWorker({
      slow: async () => {
        await new Promise((resolve) => setTimeout(resolve, 300));
        finished = true;
      },
    });
    const [id] = await queue.enqueue([{ kind: 'slow', key: 'k', maxAttempts: 1 }]);
    await waitFor(async () => (await status(id!)) === 'running');
    await worker!.stop(5000);
    expect(finished).toBe(true);
    expect(await status(id!)).toBe('done');
  });
});
