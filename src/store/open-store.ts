import { Kysely, Migrator, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { lockDataDir } from './data-dir-lock.js';
import { migrationProvider } from './migrations/index.js';
import { PGliteDialect, PGliteGate } from './pglite-dialect.js';
import { PGliteMaintenance } from './pglite-maintenance.js';
import { PGliteThread } from './pglite-thread.js';
import { DeflateOnStore, identityEncoder, type PayloadEncoder } from './payload-encoding.js';
import type { Database } from './schema.js';

export type StoreBackend = 'pglite' | 'postgres';

export type StoreLocation =
  | { backend: 'postgres'; databaseUrl: string }
  /** `dataDir` undefined means in memory (used by `sheriff simulate` and tests). */
  | { backend: 'pglite'; dataDir: string | undefined };

export interface Store {
  readonly db: Kysely<Database>;
  /**
   * The same database for the webhook intake. On PGlite (one session) its queries go ahead of
   * queued worker queries; on PostgreSQL it is `db`.
   */
  readonly intakeDb: Kysely<Database>;
  readonly backend: StoreBackend;
  /** How new delivery payloads are stored (compressed on PGlite: see payload-encoding.ts). */
  readonly payloadEncoder: PayloadEncoder;
  /** Where the data lives, with any password removed: safe to log. */
  readonly description: string;
  ping(): Promise<void>;
  /**
   * Makes the space of deleted rows in `tables` reusable. PostgreSQL's autovacuum does this by
   * itself; PGlite has none, so it runs VACUUM, one table per statement so that webhooks are
   * stored in between.
   */
  reclaimSpace(tables: readonly string[]): Promise<void>;
  close(): Promise<void>;
}

const INT8_OID = 20;

/** Opens the store and applies every pending migration before returning. */
export async function openStore(location: StoreLocation): Promise<Store> {
  const store =
    location.backend === 'postgres' ? openPostgres(location.databaseUrl) : await openPGlite(location);
  try {
    await migrate(store.db);
  } catch (error) {
    await store.close();
    throw error;
  }
  return store;
}

function openPostgres(databaseUrl: string): Store {
  const pool = new pg.Pool({
    connectionString: databaseUrl,
    max: 10,
    // Fail fast when the server is gone, so the webhook endpoint can answer 503 well inside
    // GitHub's 10 s delivery deadline.
    connectionTimeoutMillis: 3_000,
    query_timeout: 8_000,
    types: {
      // Ids are bigint identities; they stay far below 2^53, and numbers read better than strings.
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        oid === INT8_OID
          ? Number
          : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
    },
  });
  // An idle client losing its connection must not crash the process; the next query reconnects.
  pool.on('error', () => {});
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    intakeDb: db,
    backend: 'postgres',
    payloadEncoder: identityEncoder,
    description: `postgres ${redactUrl(databaseUrl)}`,
    ping: async () => {
      await sql`select 1`.execute(db);
    },
    reclaimSpace: async () => {},
    close: () => db.destroy(),
  };
}

async function openPGlite(location: { dataDir: string | undefined }): Promise<Store> {
  const unlock = location.dataDir ? lockDataDir(location.dataDir) : () => {};
  let pglite: PGliteThread;
  try {
    pglite = await PGliteThread.start(location.dataDir);
  } catch (error) {
    unlock();
    throw error;
  }
  const gate = new PGliteGate();
  let closed = false;
  const maintenance = new PGliteMaintenance({
    onError: (error) => {
      // Closing mid-pass is expected; anything else is worth a line on stderr (the store has no logger).
      if (!closed) process.emitWarning(`PGlite maintenance (ANALYZE/VACUUM) failed: ${error.message}`);
    },
  });
  const db = new Kysely<Database>({ dialect: new PGliteDialect(pglite, gate, 'normal', maintenance) });
  const intakeDb = new Kysely<Database>({ dialect: new PGliteDialect(pglite, gate, 'high', maintenance) });
  return {
    db,
    intakeDb,
    backend: 'pglite',
    payloadEncoder: { encoding: 'deflate-base64', encode: (json) => new DeflateOnStore(pglite.stage(json)) },
    description: location.dataDir ? `pglite ${location.dataDir}` : 'pglite (in memory)',
    ping: async () => {
      if (closed || pglite.closed) throw new Error('the embedded store is closed');
      await sql`select 1`.execute(db);
    },
    reclaimSpace: async (tables) => {
      for (const table of tables) await sql`VACUUM ${sql.table(table)}`.execute(db);
    },
    close: async () => {
      if (closed) return;
      closed = true;
      await db.destroy();
      unlock();
    },
  };
}

async function migrate(db: Kysely<Database>): Promise<void> {
  const migrator = new Migrator({
    db,
    provider: migrationProvider,
    migrationTableName: 'sheriff_migrations',
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((result) => result.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(
      `Store migration ${failed} failed: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

/** True when every known migration is applied: what `/readyz` reports. */
export async function isMigrated(db: Kysely<Database>): Promise<boolean> {
  const migrator = new Migrator({
    db,
    provider: migrationProvider,
    migrationTableName: 'sheriff_migrations',
  });
  const migrations = await migrator.getMigrations();
  return migrations.every((migration) => migration.executedAt !== undefined);
}

export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparseable DATABASE_URL)';
  }
}
