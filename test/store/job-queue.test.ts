import { JobQueue } from '../../src/store/job-queue.js';
import type { Store } from '../../src/store/open-store.js';
import { BACKENDS, openScratchStore } from '../support/stores.js';

describe.each(BACKENDS)('JobQueue on %s', (backend) => {
  let store: Store;
  let queue: JobQueue;

  beforeEach(async () => {
    store = await openScratchStore(backend);
    queue = new JobQueue(store.db);
  });
  afterEach(async () => {
    await store.close();
  });

  it('hands out only the oldest open job of a key', async () => {
    await queue.enqueue([
      { kind: 'k', key: 'a', maxAttempts: 3 },
      { kind: 'k', key: 'a', maxAttempts: 3 },
      { kind: 'k', key: 'b', maxAttempts: 3 },
    ]);
    const first = await queue.claim('w1', 10, 30_000);
    expect(first.map((job) => job.key)).toEqual(['a', 'b']);
    expect(await queue.claim('w2', 10, 30_000)).toEqual([]);
    const a = first.find((job) => job.key === 'a')!;
    expect(await queue.completeMany([a.id], 'w1')).toEqual([a.id]);
    expect(await queue.completeMany([a.id], 'w2')).toEqual([]);
    const second = await queue.claim('w2', 10, 30_000);
    expect(second).toHaveLength(1);
    expect(second[0]!.key).toBe('a');
    expect(second[0]!.id).toBeGreaterThan(a.id);
  });
});
