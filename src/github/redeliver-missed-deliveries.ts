import type { Logger } from '../logging/logger.js';
import type { SheriffMetrics } from '../metrics/sheriff-metrics.js';
import type { ScheduledTask } from '../pipeline/scheduler.js';
import type { DeliveryLog } from '../store/delivery-log.js';
import type { RedeliveryLedger } from '../store/redelivery-ledger.js';
import { chooseRedeliveries, type HookDeliveryAttempt } from './choose-redeliveries.js';
import type { GitHubApp } from './github-app.js';

export interface RedeliveryTaskOptions {
  github: GitHubApp;
  deliveries: DeliveryLog;
  ledger: RedeliveryLedger;
  metrics: SheriffMetrics;
  intervalMs: number;
  windowHours: number;
  maxPerRun: number;
}

const SETTLE_MS = 2 * 60_000;
const MAX_REQUESTS_PER_GUID = 3;

/**
 * GitHub never retries a failed delivery by itself. This scheduled task lists the App's recent
 * deliveries and asks GitHub to send again each one the store never recorded (we were down,
 * answered 503, or the network lost it), so downtime costs latency, not events.
 */
export function createRedeliveryTask(options: RedeliveryTaskOptions): ScheduledTask {
  return {
    name: 'github-redeliver-missed',
    intervalMs: options.intervalMs,
    run: async ({ log, now }) => {
      const windowMs = options.windowHours * 3_600_000;
      const attempts = await listRecentAttempts(options.github, now, windowMs);
      const guids = [...new Set(attempts.map((attempt) => attempt.guid))];
      const [stored, requested] = await Promise.all([
        options.deliveries.known(guids),
        options.ledger.counts(guids),
      ]);
      const chosen = chooseRedeliveries(attempts, stored, requested, {
        now,
        windowMs,
        settleMs: SETTLE_MS,
        maxPerRun: options.maxPerRun,
        maxRequestsPerGuid: MAX_REQUESTS_PER_GUID,
      });
      await requestRedeliveries(options, chosen, log);
      return { listed: attempts.length, redelivered: chosen.length };
    },
  };
}

async function listRecentAttempts(
  github: GitHubApp,
  now: Date,
  windowMs: number,
): Promise<HookDeliveryAttempt[]> {
  const client = await github.appClient();
  const oldest = now.getTime() - windowMs;
  const attempts: HookDeliveryAttempt[] = [];
  // Newest first; stop paging once a page reaches past the redelivery window.
  for await (const page of client.paginate.iterator(client.rest.apps.listWebhookDeliveries, {
    per_page: 100,
  })) {
    for (const attempt of page.data) attempts.push(attempt);
    const last = page.data.at(-1);
    if (!last || Date.parse(last.delivered_at) < oldest) break;
  }
  return attempts;
}

async function requestRedeliveries(
  options: RedeliveryTaskOptions,
  chosen: readonly HookDeliveryAttempt[],
  log: Logger,
): Promise<void> {
  if (chosen.length === 0) return;
  const client = await options.github.appClient();
  for (const attempt of chosen) {
    try {
      await client.rest.apps.redeliverWebhookDelivery({ delivery_id: attempt.id });
      await options.ledger.record(attempt.guid, 'requested');
      options.metrics.redeliveries.inc({ outcome: 'requested' });
      log.info(
        { delivery: attempt.guid, event: attempt.event },
        'asked GitHub to redeliver a missed delivery',
      );
    } catch (error) {
      await options.ledger.record(
        attempt.guid,
        `failed: ${(error as { status?: number }).status ?? 'error'}`,
      );
      options.metrics.redeliveries.inc({ outcome: 'failed' });
      log.warn({ delivery: attempt.guid, err: error }, 'redelivery request failed');
    }
  }
}
