import type { DeliveryLog, EncodedDelivery } from '../store/delivery-log.js';
import type { NewDelivery } from '../store/schema.js';
import { RateMeter } from './rate-meter.js';

export type IntakeResult = 'stored' | 'duplicate';

/** The store could not take the delivery; the sender must be told to deliver it again. */
export class StoreUnavailableError extends Error {
  constructor(cause: unknown) {
    super(
      `the store could not record the delivery: ${cause instanceof Error ? cause.message : String(cause)}`,
      {
        cause,
      },
    );
  }
}

interface Waiting {
  delivery: EncodedDelivery;
  resolve(result: IntakeResult): void;
  reject(error: Error): void;
}

/**
 * Makes deliveries durable before they are acknowledged, with group commit: while one write is
 * in flight, newcomers wait and go together in the next one. A lone delivery is written at once
 * (no added latency); under load, one transaction carries many deliveries, which is what keeps
 * a durable ack fast.
 */
export class DeliveryIntake {
  private waiting: Waiting[] = [];
  private writers = 0;
  private idle: Promise<void> = Promise.resolve();
  private markIdle: () => void = () => {};
  /** Deliveries offered over the last second: the worker yields to a burst (see `Worker`). */
  readonly rate = new RateMeter(1000, 10);

  constructor(
    private readonly log: DeliveryLog,
    private readonly options: {
      maxAttempts: number;
      maxBatch: number;
      /** Batches written at once (default 2); see `drain`. */
      maxInFlight?: number;
      onStored?: () => void;
    },
  ) {}

  accept(delivery: NewDelivery): Promise<IntakeResult> {
    this.rate.mark();
    let encoded: EncodedDelivery;
    try {
      // On PGlite this already hands the payload to the store's thread (see payload-encoding.ts).
      encoded = this.log.encode(delivery);
    } catch (error) {
      return Promise.reject(new StoreUnavailableError(error));
    }
    return new Promise<IntakeResult>((resolve, reject) => {
      this.waiting.push({ delivery: encoded, resolve, reject });
      if (this.writers < (this.options.maxInFlight ?? 2)) void this.drain();
    });
  }

  /** Resolves once nothing is waiting or being written (used at shutdown). */
  flushed(): Promise<void> {
    return this.writers > 0 ? this.idle : Promise.resolve();
  }

  /**
   * One writer: takes what is waiting, writes it, and goes again while anything waits. A second
   * writer starts when deliveries arrive while the first is in flight, so the next batch is already
   * queued at the store when the first one ends: the store is never left idle while the process
   * takes in one answer and sends the next batch. (On PGlite both batches sit in its thread's queue;
   * on PostgreSQL they use two connections.) Each batch is its own transaction; the same id in two
   * of them is stored by the first and reported a duplicate by the second.
   */
  private async drain(): Promise<void> {
    if (this.writers++ === 0) {
      this.idle = new Promise((resolve) => {
        this.markIdle = resolve;
      });
    }
    try {
      while (this.waiting.length > 0) {
        const batch = this.waiting.splice(0, this.options.maxBatch);
        await this.write(batch);
      }
    } finally {
      if (--this.writers === 0) this.markIdle();
    }
  }

  private async write(batch: Waiting[]): Promise<void> {
    // The same id twice in one batch (a fast redelivery) is written once; the rest are duplicates.
    const unique = new Map<string, EncodedDelivery>();
    for (const { delivery } of batch) if (!unique.has(delivery.id)) unique.set(delivery.id, delivery);
    let stored: Set<string>;
    try {
      stored = await this.log.record([...unique.values()], this.options.maxAttempts);
    } catch (error) {
      const failure = new StoreUnavailableError(error);
      for (const waiting of batch) waiting.reject(failure);
      return;
    }
    for (const waiting of batch) {
      const isNew = stored.delete(waiting.delivery.id);
      waiting.resolve(isNew ? 'stored' : 'duplicate');
    }
    this.options.onStored?.();
  }
}
