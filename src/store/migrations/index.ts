import type { Migration, MigrationProvider } from 'kysely';
import * as pipeline from './001-pipeline.js';
import * as repoConfigs from './002-repo-configs.js';
import * as ownerPings from './003-owner-pings.js';

/**
 * Migrations are listed in code, not discovered on disk, so the compiled `dist/` and the test
 * runner see the same ordered set. Names sort lexically; never rename or edit an applied one.
 */
const migrations: Record<string, Migration> = {
  '001-pipeline': pipeline,
  '002-repo-configs': repoConfigs,
  '003-owner-pings': ownerPings,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => migrations,
};
