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

/**
 * What earlier attempts of this delivery finished. When one plugin fails, the delivery is tried
 * again; the plugins that had succeeded are recorded so the retry skips them (a reply or a label
 * is not repeated because another plugin hit a GitHub 5xx).
 */
export interface DeliveryProgress {
  /** Units (`<plugin>:commands`, `<plugin>:event`) an earlier attempt finished. */
  readonly completed: ReadonlySet<string>;
  /** Records the units finished so far, before the attempt fails. */
  record(completed: readonly string[]): Promise<void>;
}

/** Runs the plugins on one event. Called at least once per delivery: it must be idempotent. */
export type EventHandler = (
  event: DeliveredEvent,
  context: { log: Logger; signal: AbortSignal; progress?: DeliveryProgress },
) => Promise<void>;
