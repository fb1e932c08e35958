import { createLogger } from '../../src/logging/logger.js';
import { type ScheduledTask, Scheduler } from '../../src/pipeline/scheduler.js';
import { openStore, type Store } from '../../src/store/open-store.js';
import { ScheduleBook } from '../../src/store/schedule-book.js';
import { createScratchLocation, type ScratchLocation } from '../support/stores.js';

describe('Scheduler on PostgreSQL with two replicas', () => {
  let scratch: ScratchLocation;
  const stores: Store[] = [];

  beforeEach(async () => {
    scratch = await createScratchLocation('postgres');
    for (let i = 0; i < 2; i++) stores.push(await openStore(scratch.location));
  });
  afterEach(async () => {
    for (const store of stores.splice(0)) await store.close();
    await scratch.dispose();
  });

  it('runs a due task once across replicas, carries its state, and waits for the interval', async () => {
    const runs: unknown[] = [];
    let clock = new Date('2025-05-14T10:00:00Z');
    const task: ScheduledTask = {
      name: 'watchdog',
      intervalMs: 60_000,
      run: async ({ state }) => {
        runs.push(state);
        await new Promise((resolve) => setTimeout(resolve, 20));
        return { runs: runs.length };
      },
    };
    const log = createLogger('silent');
    const replicas = stores.map(
      (store) => new Scheduler(new ScheduleBook(store.db), [task], log, () => clock),
    );
    for (const replica of replicas) await replica.start(3_600_000);

    const first = await Promise.all(replicas.map((replica) => replica.tick()));
    expect(first.flat()).toEqual(['watchdog']);

    clock = new Date(clock.getTime() + 30_000);
    expect((await Promise.all(replicas.map((replica) => replica.tick()))).flat()).toEqual([]);

    clock = new Date(clock.getTime() + 60_000);
    expect((await Promise.all(replicas.map((replica) => replica.tick()))).flat()).toEqual(['watchdog']);
    expect(runs).toEqual([undefined, { runs: 1 }]);
    for (const replica of replicas) await replica.stop();
  });
});
