import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { CommandToken } from '../commands/lex-commands.js';
import type { GenericComment } from '../commands/generic-comment.js';
import type { SheriffConfig } from '../config/sheriff-config-schema.js';
import type { GitHubApp, GitHubClient } from '../github/github-app.js';
import type { ReleaseNotice } from '../notifications/release-notice.js';
import type { GangwayClient } from '../prow/gangway-client.js';
import type { NotificationTransport } from '../notifications/notification-transport.js';
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
  /**
   * Queues one of this plugin's own `jobs` (follow-up work: sending, polling, a delayed check).
   * Pass `db` (a transaction) to queue it atomically with the plugin's own state change.
   */
  enqueue(job: PluginJobRequest, db?: Kysely<Database>): Promise<void>;
  /** Publishes notices to every plugin with a `handleNotice`; `db` as for `enqueue`. */
  notify(notices: readonly ReleaseNotice[], db?: Kysely<Database>): Promise<void>;
  /** Prow's Gangway, when configured (`GANGWAY_URL`): re-runs Prow jobs. */
  gangway: GangwayClient | undefined;
  /** Sheriff's clock: snoozes, reminders and notices are on it (`sheriff simulate` drives it). */
  clock: () => Date;
  /**
   * HTTP to anything but GitHub, for URLs from a repository's config (build logs, version
   * markers): never loopback or private addresses (see guardOutboundFetch); offline under simulate.
   */
  fetch: typeof globalThis.fetch;
}

/** A job a plugin queues for itself; its `name` is a key of the plugin's `jobs`. */
export interface PluginJobRequest {
  name: string;
  /** Jobs with the same key (across all plugins) run one at a time, in order. */
  key: string;
  /** JSON-serialisable; the job validates it when it runs. */
  data: unknown;
  runAt?: Date;
  /** Default: the plugin job's `maxAttempts`, else the worker's `JOB_MAX_ATTEMPTS`. */
  maxAttempts?: number;
  /**
   * Queue it only once: a retried handler asking again (e.g. `${deliveryId}:${job}`) queues
   * nothing. The key is global; prefix it with what makes it unique (the plugin adds its name).
   */
  once?: string;
}

/**
 * What work outside a webhook has (a plugin's job, schedule or notice): no repository is implied,
 * so it asks for one with `repositoryContext`.
 */
export interface BackgroundContext {
  log: Logger;
  store: Kysely<Database>;
  metrics?: SheriffMetrics;
  /** Absent when the App is not registered. */
  github: GitHubApp | undefined;
  gangway: GangwayClient | undefined;
  enqueue(job: PluginJobRequest, db?: Kysely<Database>): Promise<void>;
  notify(notices: readonly ReleaseNotice[], db?: Kysely<Database>): Promise<void>;
  /** Sheriff's clock (`sheriff simulate` drives it), read when the work started. */
  now: Date;
  clock: () => Date;
  /** Slack and outgoing webhook destinations and how to reach them; undefined: nothing is sent. */
  notifications: NotificationTransport | undefined;
  /** HTTP to anything but GitHub (version markers): the network, or what `sheriff simulate` allows. */
  fetch: typeof globalThis.fetch;
  /**
   * The installation client and validated config of one repository (`owner/name`), with this
   * plugin's section and whether it is enabled there; undefined when the App is not installed.
   */
  repositoryContext(repository: string): Promise<RepositoryContext | undefined>;
}

export interface RepositoryContext {
  github: GitHubClient;
  repoConfig: SheriffConfig;
  /** This plugin's section of the config (typed by the plugin). */
  config: unknown;
  enabled: boolean;
  owners: GitHubOwnersLoader;
}

export interface PluginJobDefinition {
  /** Attempts before the job is dead-lettered (default: `JOB_MAX_ATTEMPTS`). */
  maxAttempts?: number;
  /** Runs at least once per queued job: it must be idempotent. Throw `RetryLaterError` to wait. */
  run(context: BackgroundContext & PluginJobRun): Promise<void>;
}

export interface PluginJobRun {
  data: unknown;
  key: string;
  /** 1 on the first try. */
  attempt: number;
  maxAttempts: number;
  signal: AbortSignal;
}

/** Periodic work, held in the store (one replica runs each due schedule; restarts keep it). */
export interface PluginScheduleDefinition {
  name: string;
  intervalMs: number;
  /** Receives what it returned last time (a cursor) and returns the next one. */
  run(context: BackgroundContext & { state: unknown }): Promise<unknown>;
}

export interface NoticeContext extends BackgroundContext {
  notice: ReleaseNotice;
  /** The notice's repository's config and this plugin's section of it. */
  repository: RepositoryContext;
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
  /** This plugin's follow-up work, queued with `enqueue({ name, ... })`; job kind `plugin:<plugin>/<name>`. */
  jobs?: Readonly<Record<string, PluginJobDefinition>>;
  /** Periodic tasks (schedule name `plugin:<plugin>/<name>`). */
  schedules?: readonly PluginScheduleDefinition[];
  /**
   * Receives every published notice whose repository has this plugin enabled. Runs in a job of
   * its own per notice and plugin, so one plugin failing never repeats another's messages.
   */
  handleNotice?(context: NoticeContext): Promise<void>;
}

/** Identity function that checks a plugin definition against the contract and infers its config type. */
export function definePlugin<Schema extends z.ZodType>(
  definition: PluginDefinition<Schema>,
): PluginDefinition<Schema> {
  return definition;
}
