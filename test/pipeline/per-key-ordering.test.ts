import { createLogger } from '../../src/logging/logger.js';
import { SheriffMetrics } from '../../src/metrics/sheriff-metrics.js';
import { type JobHandler, Worker } from '../../src/pipeline/worker.js';
import { JobQueue } from '../../src/store/job-queue.js';
import { openStore, type Store } from '../../src/store/open-store.js';
import { waitFor } from '../support/sheriff-harness.js';
import { createScratchLocation, type ScratchLocation } from '../support/stores.js';

const settings = {
  concurrency: 6,
  burstConcurrency: 2,
  burstMaxPauseMs: 10_000,
  burstRatePerSecond: 400,
  leaseMs: 30_000,
  pollMs: 20,
  maxAttempts: 3,
  backoffBaseMs: 10,
  backoffMaxMs: 50,
};

describe('two workers on one PostgreSQL', () => {
  let scratch: ScratchLocation;
  const stores: Store[] = [];
  const workers: Worker[] = [];

  beforeEach(async () => {
    scratch = await createScratchLocation('postgres');
  });
  afterEach(async () => {
    for (const worker of workers.splice(0)) await worker.stop(1000);
    for (const store of stores.splice(0)) await store.close();
    await scratch.dispose();
  });

  it('never run the same key at once, keep each key in order, and run different keys in parallel', async () => {
    // Two stores are two connection pools: to PostgreSQL these are two replicas.
    for (let i = 0; i < 2; i++) stores.push(await openStore(scratch.location));
    const [first, second] = stores as [Store, Store];
    const keys = Array.from({ length: 8 }, (_, i) => `acme/widgets#${i}`);
    const jobs = Array.from({ length: 160 }, (_, i) => ({
      kind: 'work',
      key: keys[i % keys.length]!,
      data: { n: i },
      maxAttempts: 3,
    }));
    await new JobQueue(first.db).enqueue(jobs);

    const runningPerKey = new Map<string, number>();
    const orderPerKey = new Map<string, number[]>();
    const byWorker = new Map<string, number>();
    let running = 0;
    let maxRunning = 0;
    let overlaps = 0;
    const handler =
      (name: string): JobHandler =>
      async ({ job }) => {
        const now = (runningPerKey.get(job.key) ?? 0) + 1;
        runningPerKey.set(job.key, now);
        if (now > 1) overlaps++;
        running++;
        maxRunning = Math.max(maxRunning, running);
        await new Promise((resolve) => setTimeout(resolve, 2 + Math.random() * 8));
        orderPerKey.set(job.key, [
          ...(orderPerKey.get(job.key) ?? []),
          (JSON.parse(job.data!) as { n: number }).n,
        ]);
        byWorker.set(name, (byWorker.get(name) ?? 0) + 1);
        running--;
        runningPerKey.set(job.key, now - 1);
      };

    const log = createLogger('silent');
    for (const [index, store] of [first, second].entries()) {
      const worker = new Worker({
        queue: new JobQueue(store.db),
        handlers: { work: handler(`w${index}`) },
        log,
        metrics: new SheriffMetrics({ defaultMetrics: false }),
        settings,
      });
      workers.push(worker);
      worker.start();
    }

    await waitFor(
      () => [...orderPerKey.values()].reduce((sum, list) => sum + list.length, 0) === jobs.length,
      30_000,
    );
    expect(overlaps).toBe(0);
    for (const key of keys) {
      const order = orderPerKey.get(key)!;
      expect(order).toEqual([...order].sort((a, b) => a - b));
    }
    expect(maxRunning).toBeGreaterThan(1);
    expect(byWorker.get('w0')).toBeGreaterThan(0);
    expect(byWorker.get('w1')).toBeGreaterThan(0);
  });
});
