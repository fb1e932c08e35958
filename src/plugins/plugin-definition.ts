import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { CommandToken } from '../commands/lex-commands.js';
import type { GenericComment } from '../commands/generic-comment.js';
import type { SheriffConfig } from '../config/sheriff-config-schema.js';
import type { GitHubClient } from '../github/github-app.js';
import type { Logger } from '../logging/logger.js';
import type { SheriffMetrics } from '../metrics/sheriff-metrics.js';
import type { GitHubOwnersLoader } from '../owners/load-owners-from-github.js';
import type { DeliveredEvent } from '../pipeline/delivered-event.js';
import type { Database } from '../store/schema.js';
import type { PluginRegistry } from './plugin-registry.js';

/** What every handler may use besides its own config section: shared by all plugins of one Sheriff. */
export interface PluginServices {
  /** The repository's whole validated `.github/sheriff.yml`, for keys shared by plugins (`areas`). */
  repoConfig: SheriffConfig;
  /** The store, for plugins that keep state in tables of their own (added by a migration). */
  store: Kysely<Database>;
  /** OWNERS files from GitHub, cached by tree and blob SHA; refreshed after a push. */
  owners: GitHubOwnersLoader;
  /** Sheriff's Prometheus metrics, for plugins that export their own (absent when run without them). */
  metrics?: SheriffMetrics;
}

/** How a command is documented: the registry, PluginHelp, docs/commands.md and `/help` all read this. */
export interface CommandHelp {
  usage: string;
  description: string;
  examples: readonly string[];
  /** Who may use it, in words (PluginHelp's WhoCanUse). */
  whoCanUse: string;
  featured?: boolean;
}

export interface CommandSpec {
  /** Command words without the slash, e.g. `hold`, `unhold`, `remove-hold`. */
  names: readonly string[];
  /** Prow's label and trigger commands are case-sensitive; the rest are not. */
  caseSensitive: boolean;
  /** Only Prow's trigger plugin ignores commands inside ``` fences. */
  stripFences?: boolean;
  /** Only Prow's label plugin removes `<!-- -->` comments first. */
  stripHtmlComments?: boolean;
  /** Where the command acts. */
  on: 'issues' | 'pull-requests' | 'both';
  help: CommandHelp;
}

/**
 * What a command handler is given: the comment, every command of this plugin in it (in order:
 * Prow's plugins read the whole comment, so e.g. a `/hold cancel` anywhere wins over `/hold`),
 * and the means to act.
 */
export interface CommandContext<Config> extends PluginServices {
  comment: GenericComment;
  commands: readonly CommandToken[];
  config: Config;
  github: GitHubClient;
  log: Logger;
  deliveryId: string;
  /** Replies on the issue or PR in Prow's format, quoting the comment. */
  reply(message: string): Promise<void>;
  /**
   * Every plugin this Sheriff runs, enabled here or not: for commands that describe the others
   * (`/sheriff commands`). Plugins must not call each other's handlers through it.
   */
  registry: PluginRegistry;
}

export interface EventContext<Config> extends PluginServices {
  event: DeliveredEvent;
  config: Config;
  /** Absent for events with no repository or when the App is not installed there. */
  github: GitHubClient | undefined;
  log: Logger;
}

/**
 * One plugin: a folder under `plugins/` exporting this. Its config is the section
 * `plugins.<name>` of `.github/sheriff.yml`, validated by `configSchema` (which also types it and
 * feeds `docs/config.schema.json`).
 */
export interface PluginDefinition<Schema extends z.ZodType = z.ZodType> {
  name: string;
  /** One or two sentences; HTML is not needed (PluginHelp allows it, Sheriff does not use it). */
  description: string;
  configSchema: Schema;
  /** GitHub events the plugin handles besides comments (PluginHelp's Events). */
  events: readonly string[];
  commands: readonly CommandSpec[];
  handleCommands?(context: CommandContext<z.output<Schema>>): Promise<void>;
  /**
   * Who may use `spec` in one repository, for plugins whose config changes it (an access rule);
   * `/sheriff commands` shows this instead of `spec.help.whoCanUse`, which stays the default.
   */
  whoCanUseIn?(
    spec: CommandSpec,
    config: z.output<Schema>,
    repository: { owner: string; name: string },
  ): string;
  handleEvent?(context: EventContext<z.output<Schema>>): Promise<void>;
}

/** Identity function that checks a plugin definition against the contract and infers its config type. */
export function definePlugin<Schema extends z.ZodType>(
  definition: PluginDefinition<Schema>,
): PluginDefinition<Schema> {
  return definition;
}
