import { type Insertable, type Kysely, sql } from 'kysely';
import { decodePayload, identityEncoder, type PayloadEncoder } from './payload-encoding.js';
import type { DeliveriesTable, Database, DeliveryRow, NewDelivery } from './schema.js';

declare const encoded: unique symbol;
/** A delivery whose payload is in the store's encoding: only `DeliveryLog.encode` makes one. */
export type EncodedDelivery = Insertable<DeliveriesTable> & { readonly [encoded]: true };

/** The kind of job every delivery starts: run the plugins on it. */
export const DELIVERY_JOB = 'delivery';

/**
 * Deliveries as received. Recording a delivery and enqueuing its job is one statement, so there
 * is never a stored delivery without work, nor work without its delivery.
 */
export class DeliveryLog {
  constructor(
    private readonly db: Kysely<Database>,
    /** How new payloads are stored; reads follow each row's own encoding. */
    private readonly encoder: PayloadEncoder = identityEncoder,
  ) {}

  /** Puts the payload in the store's encoding; on PGlite this already sends it to the store thread, which compresses it. */
  encode(delivery: NewDelivery): EncodedDelivery {
    const payload = this.encoder.encode(delivery.payload);
    return { ...delivery, payload, payload_encoding: this.encoder.encoding } as EncodedDelivery;
  }

  /**
   * Stores new deliveries and enqueues one job each; ids already stored are left alone.
   * Returns the ids that were new.
   */
  async record(deliveries: readonly EncodedDelivery[], maxAttempts: number): Promise<Set<string>> {
    if (deliveries.length === 0) return new Set();
    const inserted = await this.db
      .with('stored', (db) =>
        db
          .insertInto('deliveries')
          .values([...deliveries])
          .onConflict((conflict) => conflict.column('id').doNothing())
          .returning(['id', 'key']),
      )
      .insertInto('jobs')
      .columns(['kind', 'key', 'delivery_id', 'max_attempts'])
      .expression((eb) =>
        eb
          .selectFrom('stored')
          .select([
            sql.lit(DELIVERY_JOB).as('kind'),
            'stored.key',
            'stored.id',
            sql.lit(maxAttempts).as('max_attempts'),
          ]),
      )
      .returning('delivery_id')
      .execute();
    return new Set(inserted.map((row) => row.delivery_id as string));
  }

  async get(id: string): Promise<DeliveryRow | undefined> {
    const row = await this.db.selectFrom('deliveries').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) return undefined;
    const { payload_encoding: encoding, ...delivery } = row;
    return { ...delivery, payload: decodePayload(row.payload, encoding) };
  }

  /** Which of these GUIDs are stored (used by the redelivery reconciler). */
  async known(ids: readonly string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const rows = await this.db
      .selectFrom('deliveries')
      .select('id')
      .where('id', 'in', [...ids])
      .execute();
    return new Set(rows.map((row) => row.id));
  }

  /** Deletes deliveries (and, by cascade, their jobs) received before `before` whose work is finished. */
  async prune(before: Date): Promise<number> {
    const result = await this.db
      .deleteFrom('deliveries')
      .where('received_at', '<', before)
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('jobs')
              .select('jobs.id')
              .whereRef('jobs.delivery_id', '=', 'deliveries.id')
              .where('jobs.status', 'in', ['pending', 'running', 'dead']),
          ),
        ),
      )
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
