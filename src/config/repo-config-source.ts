import type { Kysely } from 'kysely';
import type { GitHubClient } from '../github/github-app.js';
import type { Logger } from '../logging/logger.js';
import type { Database } from '../store/schema.js';
import { CONFIG_PATH, type ConfigSchema, type SheriffConfig } from './sheriff-config-schema.js';
import { type ConfigProblem, ownData, validateConfigData } from './validate-config.js';

export interface LoadedConfig {
  config: SheriffConfig;
  /** `valid`: as written; `last-valid`: the file is invalid, the previous valid config applies; `default`: no valid config yet. */
  origin: 'valid' | 'last-valid' | 'default';
  problems: ConfigProblem[];
}

/**
 * Loads `.github/sheriff.yml` (the org's `.github` repository as fallback, `_extends` followed,
 * as Probot defines it), validates it, and keeps the last valid one per repository in the store.
 * An invalid file never breaks handling: the last valid config stays in force. Loaded configs are
 * cached briefly; a push that changes the file invalidates the cache.
 */
export class RepoConfigSource {
  private readonly cache = new Map<string, { loaded: LoadedConfig; until: number }>();

  constructor(
    private readonly schema: ConfigSchema,
    /** The store it keeps valid configs in; the dispatcher hands the same store to plugins. */
    private readonly db: Kysely<Database>,
    private readonly ttlMs = 60_000,
  ) {}

  invalidate(repository: string): void {
    this.cache.delete(repository.toLowerCase());
  }

  async load(client: GitHubClient, owner: string, repo: string, log: Logger): Promise<LoadedConfig> {
    const repository = `${owner}/${repo}`.toLowerCase();
    const cached = this.cache.get(repository);
    if (cached && cached.until > Date.now()) return cached.loaded;

    let data: unknown;
    let problems: ConfigProblem[];
    try {
      const { config } = await client.config.get({
        owner,
        repo,
        path: CONFIG_PATH,
        defaults: mergeConfigs as never,
      });
      data = config;
      const result = validateConfigData(this.schema, data);
      if (result.ok) {
        await this.remember(repository, result.config);
        const loaded: LoadedConfig = { config: result.config, origin: 'valid', problems: [] };
        this.cache.set(repository, { loaded, until: Date.now() + this.ttlMs });
        return loaded;
      }
      problems = result.problems;
    } catch (error) {
      const status = (error as { status?: number }).status;
      // Transient GitHub trouble must be retried, not read as "the config is bad".
      if (status !== undefined && status >= 500) throw error;
      problems = [{ path: '', message: (error as Error).message }];
    }
    log.warn({ repository, problems }, `${CONFIG_PATH} is invalid; the last valid config stays in force`);
    const loaded = await this.fallback(repository, problems);
    this.cache.set(repository, { loaded, until: Date.now() + this.ttlMs });
    return loaded;
  }

  private async remember(repository: string, config: SheriffConfig): Promise<void> {
    const text = JSON.stringify(config);
    await this.db
      .insertInto('repo_configs')
      .values({ repository, config: text })
      .onConflict((conflict) =>
        conflict.column('repository').doUpdateSet({ config: text, validated_at: new Date() }),
      )
      .execute();
  }

  private async fallback(repository: string, problems: ConfigProblem[]): Promise<LoadedConfig> {
    const row = await this.db
      .selectFrom('repo_configs')
      .select('config')
      .where('repository', '=', repository)
      .executeTakeFirst();
    if (row) return { config: JSON.parse(row.config) as SheriffConfig, origin: 'last-valid', problems };
    return { config: this.schema.parse({}), origin: 'default', problems };
  }
}

/**
 * Deep-merges config files, base first, own enumerable properties only. Probot's default
 * `Object.assign` would let a `__proto__` key replace the merged object's prototype; here such a
 * key is kept as plain data, and the strict schema then reports it as an unknown key.
 */
export function mergeConfigs(configs: readonly unknown[]): unknown {
  return configs.map(ownData).reduce<unknown>((merged, next) => mergeValue(merged, next), {});
}

function mergeValue(base: unknown, next: unknown): unknown {
  if (!isPlainObject(base) || !isPlainObject(next)) return next === undefined ? base : next;
  const result = ownData(base) as Record<string, unknown>;
  for (const key of Object.keys(next)) {
    Object.defineProperty(result, key, {
      value: mergeValue(Object.hasOwn(result, key) ? result[key] : undefined, next[key]),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return result;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
