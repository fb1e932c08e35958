import type { DeliveryLog } from '../store/delivery-log.js';
import type { JobQueue } from '../store/job-queue.js';
import type { RedeliveryLedger } from '../store/redelivery-ledger.js';
import type { ScheduledTask } from './scheduler.js';

/**
 * Deletes finished work older than the retention period. Dead-lettered and unfinished work is
 * never pruned: it waits for a person. Retention must exceed GitHub's redelivery window (3 days)
 * so that a redelivery of old work is still recognised as a duplicate.
 */
export function createStoreRetentionTask(options: {
  deliveries: DeliveryLog;
  queue: JobQueue;
  ledger: RedeliveryLedger;
  retentionDays: number;
  /** Makes the space of deleted rows reusable where nothing else does (PGlite has no autovacuum). */
  reclaimSpace?: (tables: readonly string[]) => Promise<void>;
}): ScheduledTask {
  return {
    name: 'store-retention',
    intervalMs: 3_600_000,
    run: async ({ now }) => {
      const before = new Date(now.getTime() - options.retentionDays * 86_400_000);
      const deliveries = await options.deliveries.prune(before);
      const jobs = await options.queue.prune(before);
      const requests = await options.ledger.prune(before);
      if (deliveries + jobs + requests > 0)
        await options.reclaimSpace?.(['deliveries', 'jobs', 'redelivery_requests']);
      return { deliveries, jobs };
    },
  };
}
