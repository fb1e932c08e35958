import type { DeliveryLog } from '../store/delivery-log.js';
import type { EventHandler } from './delivered-event.js';
import { PermanentJobError } from './job-errors.js';
import type { JobHandler } from './worker.js';

/** The job every stored delivery starts: load it, parse it, hand it to the plugins. */
export function createDeliveryJobHandler(deliveries: DeliveryLog, handleEvent: EventHandler): JobHandler {
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
      { log, signal },
    );
  };
}
