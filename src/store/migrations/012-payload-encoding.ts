import { type Kysely, sql } from 'kysely';

/**
 * `deliveries.payload_encoding`: how `payload` is stored (see `payload-encoding.ts`). Existing rows
 * hold the text as received, which is what the default says.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE deliveries ADD COLUMN payload_encoding text NOT NULL DEFAULT 'identity'
    CHECK (payload_encoding IN ('identity', 'deflate-base64'))`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE deliveries DROP COLUMN IF EXISTS payload_encoding`.execute(db);
}
