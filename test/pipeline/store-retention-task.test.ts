import { sql } from 'kysely';
import { createLogger } from '../../src/logging/logger.js';
import { createStoreRetentionTask } from '../../src/pipeline/store-retention-task.js';
import { DeliveryLog } from '../../src/store/delivery-log.js';
import { JobQueue } from '../../src/store/job-queue.js';
import type { Store } from '../../src/store/open-store.js';
import { RedeliveryLedger } from '../../src/store/redelivery-ledger.js';
import { BACKENDS, openScratchStore } from '../support/stores.js';

describe.each(BACKENDS)('store retention on %s', (backend) => {
  let store: Store;
  beforeEach(async () => {
    store = await openScratchStore(backend);
  });
  afterEach(async () => {
    await store.close();
  });

  async function storeDelivery(log: DeliveryLog, id: string, daysAgo: number): Promise<void> {
    await log.record(
      [
        log.encode({
          id,
          source: 'github',
          event: 'issues',
          action: 'opened',
          key: `acme/widgets#${id}`,
          installation_id: 1,
          repository: 'acme/widgets',
          payload: '{"action":"opened"}',
        }),
      ],
      3,
    );
    await sql`UPDATE deliveries SET received_at = now() - ${daysAgo} * interval '1 day' WHERE id = ${id}`.execute(
      store.db,
    );
  }

  it('deletes finished work past retention, keeps dead and unfinished work, then reclaims the space', async () => {
    const log = new DeliveryLog(store.db, store.payloadEncoder);
    const queue = new JobQueue(store.db);
    await storeDelivery(log, 'old-done', 10);
    await storeDelivery(log, 'old-dead', 10);
    await storeDelivery(log, 'old-pending', 10);
    await storeDelivery(log, 'new-done', 0);
    await sql`UPDATE jobs SET status = 'done' WHERE delivery_id IN ('old-done', 'new-done')`.execute(
      store.db,
    );
    await sql`UPDATE jobs SET status = 'dead' WHERE delivery_id = 'old-dead'`.execute(store.db);

    const reclaimed: string[][] = [];
    const task = createStoreRetentionTask({
      deliveries: log,
      queue,
      ledger: new RedeliveryLedger(store.db),
      retentionDays: 7,
      reclaimSpace: async (tables) => {
        reclaimed.push([...tables]);
        // The real thing, on this backend: VACUUM cannot run inside a transaction.
        await store.reclaimSpace(tables);
      },
    });
    const context = { log: createLogger('silent'), state: undefined, now: new Date() };
    expect(await task.run(context)).toEqual({ deliveries: 1, jobs: 0 });
    const left = await store.db.selectFrom('deliveries').select('id').orderBy('id').execute();
    expect(left.map((row) => row.id)).toEqual(['new-done', 'old-dead', 'old-pending']);
    expect(reclaimed).toEqual([['deliveries', 'jobs', 'redelivery_requests']]);

    // Nothing more to delete: nothing to reclaim either.
    expect(await task.run(context)).toEqual({ deliveries: 0, jobs: 0 });
    expect(reclaimed).toHaveLength(1);
  });
});
