import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * PGlite is one Postgres in one process: two processes opening the same data directory would
 * corrupt it. A pid file makes the second one fail with a message instead. A lock left by a
 * process that no longer exists (a `kill -9`) is taken over.
 */
export function lockDataDir(dataDir: string): () => void {
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, 'sheriff.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(file, String(process.pid), { flag: 'wx' });
      return () => rmSync(file, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number.parseInt(readFileSync(file, 'utf8'), 10);
      if (holder === process.pid || !isAlive(holder)) {
        rmSync(file, { force: true });
        continue;
      }
      throw new Error(
        `The embedded store at ${dataDir} is in use by process ${holder}. PGlite allows one process per ` +
          'data directory: stop that process, or set DATABASE_URL to share a PostgreSQL server.',
      );
    }
  }
  throw new Error(`Could not lock the embedded store at ${dataDir}`);
}

function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
