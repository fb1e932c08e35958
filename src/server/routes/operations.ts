import type { FastifyInstance } from 'fastify';
import type { SheriffMetrics } from '../../metrics/sheriff-metrics.js';
import type { JobQueue } from '../../store/job-queue.js';
import { isMigrated, type Store } from '../../store/open-store.js';
import { loadReleaseHealth } from '../../web/release-health.js';

/** `/healthz` (the process answers), `/readyz` (the store answers and is migrated), `/metrics`. */
export function registerOperationsRoutes(
  app: FastifyInstance,
  options: {
    store: Store;
    queue: JobQueue;
    metrics: SheriffMetrics;
    releaseWindowDays?: number;
    clock?: () => Date;
  },
): void {
  const { store, queue, metrics } = options;

  app.get('/healthz', async () => ({ status: 'ok' }));

  app.get('/readyz', async (_request, reply) => {
    try {
      await store.ping();
      if (!(await isMigrated(store.db))) {
        return reply.code(503).send({ status: 'not ready', reason: 'store migrations are not applied' });
      }
      return { status: 'ready', store: store.backend };
    } catch (error) {
      return reply.code(503).send({
        status: 'not ready',
        reason: `store unreachable: ${error instanceof Error ? error.message : String(error)}`,
      });
    }
  });

  app.get('/metrics', async (_request, reply) => {
    try {
      metrics.recordQueue(await queue.stats());
    } catch {
      // A store outage must not hide the other metrics; the queue gauges keep their last values.
    }
    try {
      const health = await loadReleaseHealth(store.db, {
        now: options.clock?.() ?? new Date(),
        windowDays: options.releaseWindowDays ?? 7,
      });
      metrics.recordReleaseHealth(health.areas);
    } catch {
      // As above: the release gauges keep their last values.
    }
    return reply.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });
}
