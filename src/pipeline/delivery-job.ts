import type { DeliveryLog } from '../store/delivery-log.js';
import type { JobQueue } from '../store/job-queue.js';
import type { DeliveryProgress, EventHandler } from './delivered-event.js';
import { PermanentJobError } from './job-errors.js';
import type { JobHandler } from './worker.js';

/** The job every stored delivery starts: load it, parse it, hand it to the plugins. */
export function createDeliveryJobHandler(
  deliveries: DeliveryLog,
  handleEvent: EventHandler,
  queue?: JobQueue,
): JobHandler {
  return async ({ job, log, signal }) => {
    if (!job.delivery_id) throw new PermanentJobError('delivery job without a delivery id');
    // The claim usually brings the delivery along; read it only if it did not.
    const delivery = job.delivery ?? (await deliveries.get(job.delivery_id));
    if (!delivery) throw new PermanentJobError(`delivery ${job.delivery_id} is no longer stored`);
    let payload: unknown;
    try {
      payload = JSON.parse(delivery.payload);
    } catch (error) {
      throw new PermanentJobError(`stored payload is not JSON: ${(error as Error).message}`);
    }
    await handleEvent(
      {
        deliveryId: delivery.id,
        source: delivery.source,
        name: delivery.event,
        action: delivery.action,
        payload,
        installationId: delivery.installation_id === null ? null : Number(delivery.installation_id),
        repository: delivery.repository,
        receivedAt: new Date(delivery.received_at),
      },
      { log, signal, ...(queue ? { progress: progressOf(job, queue) } : {}) },
    );
  };
}

/** The delivery job's record of finished plugins (its `data`), written only when an attempt fails. */
function progressOf(job: Parameters<JobHandler>[0]['job'], queue: JobQueue): DeliveryProgress {
  let completed: string[] = [];
  try {
    const data = job.data === null ? null : (JSON.parse(job.data) as { completedPlugins?: unknown });
    if (Array.isArray(data?.completedPlugins))
      completed = data.completedPlugins.filter((unit): unit is string => typeof unit === 'string');
  } catch {
    // Unreadable progress: run every plugin again (they are idempotent).
  }
  return {
    completed: new Set(completed),
    record: async (units) => {
      if (job.locked_by)
        await queue.saveData(job.id, job.locked_by, { completedPlugins: [...new Set(units)] });
    },
  };
}
