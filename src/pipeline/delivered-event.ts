import type { Logger } from '../logging/logger.js';
import type { DeliverySource } from '../store/schema.js';

/** A stored delivery, parsed, as the plugins receive it. */
export interface DeliveredEvent {
  deliveryId: string;
  source: DeliverySource;
  /** The GitHub event name (`issue_comment`), or `prowjob` / `flagger` for Sheriff's own endpoints. */
  name: string;
  action: string | null;
  payload: unknown;
  installationId: number | null;
  repository: string | null;
  receivedAt: Date;
}

/** Runs the plugins on one event. Called at least once per delivery: it must be idempotent. */
export type EventHandler = (
  event: DeliveredEvent,
  context: { log: Logger; signal: AbortSignal },
) => Promise<void>;
