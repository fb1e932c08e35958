import { createHash, randomBytes } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { openStore, type Store, type StoreBackend, type StoreLocation } from '../../src/store/open-store.js';

/** The PostgreSQL server the suite uses; `.ci/run` makes sure it is up. */
export const POSTGRES_ADMIN_URL =
  process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** Every store test runs once per backend. */
export const BACKENDS: readonly StoreBackend[] = ['pglite', 'postgres'];

export interface ScratchLocation {
  location: StoreLocation;
  /** Drops the database or deletes the directory. */
  dispose(): Promise<void>;
}

/** A fresh, empty place for a store: a new database on the server, or a new PGlite directory. */
export async function createScratchLocation(backend: StoreBackend): Promise<ScratchLocation> {
  if (backend === 'pglite') {
    const dataDir = mkdtempSync(join(tmpdir(), 'sheriff-pglite-'));
    cpSync(await migratedPGliteTemplate(), dataDir, { recursive: true });
    return {
      location: { backend, dataDir },
      dispose: async () => rmSync(dataDir, { recursive: true, force: true }),
    };
  }
  const name = `sheriff_test_${randomBytes(6).toString('hex')}`;
  await withAdmin((client) => client.query(`CREATE DATABASE ${name}`));
  const url = new URL(POSTGRES_ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    location: { backend, databaseUrl: url.toString() },
    dispose: () =>
      withAdmin((client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => {}),
  };
}

/** Opens a migrated store on a scratch location; `close` also disposes of the location. */
export async function openScratchStore(backend: StoreBackend): Promise<Store & { location: StoreLocation }> {
  const scratch = await createScratchLocation(backend);
  const store = await openStore(scratch.location);
  return Object.assign(Object.create(null), store, {
    db: store.db,
    backend: store.backend,
    description: store.description,
    ping: () => store.ping(),
    location: scratch.location,
    close: async () => {
      await store.close();
      await scratch.dispose();
    },
  });
}

async function withAdmin<T>(run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

const MIGRATIONS_DIR = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../src/store/migrations');

/**
 * A migrated PGlite data directory, made once and copied for each test: running initdb and the
 * migrations costs ~2 s, a copy ~0.3 s. Keyed by the migrations' source, so a changed migration
 * makes a new template.
 */
async function migratedPGliteTemplate(): Promise<string> {
  const hash = createHash('sha256');
  for (const file of readdirSync(MIGRATIONS_DIR).sort())
    hash.update(file).update(readFileSync(join(MIGRATIONS_DIR, file)));
  const template = join(tmpdir(), `sheriff-pglite-template-${hash.digest('hex').slice(0, 16)}`);
  if (existsSync(template)) return template;
  const building = mkdtempSync(join(tmpdir(), 'sheriff-pglite-building-'));
  const store = await openStore({ backend: 'pglite', dataDir: building });
  await store.close();
  try {
    renameSync(building, template);
  } catch {
    // Another test worker made it first; theirs is as good as ours.
    rmSync(building, { recursive: true, force: true });
  }
  return template;
}
