import { type Kysely, sql } from 'kysely';
import type { Database } from './schema.js';

/** Which deliveries Sheriff asked GitHub to send again, and how often, so it does not loop. */
export class RedeliveryLedger {
  constructor(private readonly db: Kysely<Database>) {}

  async counts(guids: readonly string[]): Promise<Map<string, number>> {
    if (guids.length === 0) return new Map();
    const rows = await this.db
      .selectFrom('redelivery_requests')
      .select(['guid', 'attempts'])
      .where('guid', 'in', [...guids])
      .execute();
    return new Map(rows.map((row) => [row.guid, row.attempts]));
  }

  async record(guid: string, status: string): Promise<void> {
    await this.db
      .insertInto('redelivery_requests')
      .values({ guid, attempts: 1, last_status: status })
      .onConflict((conflict) =>
        conflict.column('guid').doUpdateSet({
          attempts: sql`redelivery_requests.attempts + 1`,
          last_status: status,
          requested_at: sql`now()`,
        }),
      )
      .execute();
  }

  /** Deletes requests made before `before`; returns how many. */
  async prune(before: Date): Promise<number> {
    const result = await this.db
      .deleteFrom('redelivery_requests')
      .where('requested_at', '<', before)
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
