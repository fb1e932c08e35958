import { type GenericComment, toGenericComment } from '../commands/generic-comment.js';
import { type CommandToken, lexCommands } from '../commands/lex-commands.js';
import { formatReply } from '../commands/format-reply.js';
import { shouldActOn } from '../commands/should-act-on.js';
import type { Kysely } from 'kysely';
import type { Database } from '../store/schema.js';
import type { LoadedConfig, RepoConfigSource } from '../config/repo-config-source.js';
import { CONFIG_PATH } from '../config/sheriff-config-schema.js';
import type { GitHubApp, GitHubClient } from '../github/github-app.js';
import type { SheriffMetrics } from '../metrics/sheriff-metrics.js';
import { GitHubOwnersLoader } from '../owners/load-owners-from-github.js';
import type { DeliveredEvent, EventHandler } from '../pipeline/delivered-event.js';
import { RetryLaterError } from '../pipeline/job-errors.js';
import type { GangwayClient } from '../prow/gangway-client.js';
import { createLogger } from '../logging/logger.js';
import { createPluginBackground, type PluginBackground } from './plugin-background.js';
import type { CommandSpec, PluginDefinition } from './plugin-definition.js';
import type { PluginRegistry } from './plugin-registry.js';

export interface DispatcherOptions {
  registry: PluginRegistry;
  github: GitHubApp | undefined;
  configs: RepoConfigSource;
  /** The store plugins keep their own tables in. */
  store: Kysely<Database>;
  /** The logins Sheriff posts as (`sheriff[bot]`, a machine user): their comments never act. */
  selfLogins: readonly string[];
  /** The OWNERS cache plugins share (default: a new one per dispatcher). */
  owners?: GitHubOwnersLoader;
  /** Sheriff's metrics, for plugins that export their own (absent in tests of the dispatcher alone). */
  metrics?: SheriffMetrics;
  /** Plugins' jobs and notices (default: queued in `store`, with no Gangway). */
  background?: Pick<PluginBackground, 'servicesFor'>;
  gangway?: GangwayClient;
}

interface RepositoryRef {
  owner: string;
  name: string;
}

/**
 * Runs the plugins on one event: find the installation (also for Prow forwards that carry
 * none), load the repository's config, route each slash command to the one plugin that owns it,
 * and hand other events to the plugins that subscribe to them. A plugin that fails fails the
 * job, which is retried; plugins are idempotent.
 */
export function createEventDispatcher(options: DispatcherOptions): EventHandler {
  const { registry, github, configs } = options;
  const owners = options.owners ?? new GitHubOwnersLoader();
  const background =
    options.background ??
    createPluginBackground({
      registry,
      github,
      configs,
      store: options.store,
      owners,
      gangway: options.gangway,
      log: createLogger('silent'),
      defaultMaxAttempts: 8,
    });

  return async (event, { log, progress }) => {
    // Sheriff's own endpoints (a posted ProwJob) name the repository in the delivery, not the payload.
    const repository = repositoryOf(event.payload) ?? repositoryNamed(event.repository);
    if (!repository || !github) {
      log.debug({ event: event.name }, 'no repository or no GitHub App: nothing to do');
      return;
    }
    if (event.name === 'push') {
      invalidateConfigOnPush(event, configs);
      owners.invalidateOnPush(event.payload);
    }
    const installationId =
      event.installationId ?? (await github.installationIdFor(repository.owner, repository.name));
    if (installationId === undefined) {
      log.warn(
        { repository: `${repository.owner}/${repository.name}` },
        'the App is not installed on this repository',
      );
      return;
    }
    const client = await github.installationClient(installationId);
    const loaded = await configs.load(client, repository.owner, repository.name, log);
    const services = {
      repoConfig: loaded.config,
      store: options.store,
      owners,
      ...(options.metrics ? { metrics: options.metrics } : {}),
    };
    const failures: string[] = [];
    const completed = [...(progress?.completed ?? [])];
    let retryLater: RetryLaterError | undefined;
    const run = async (plugin: PluginDefinition, unit: 'commands' | 'event', work: () => Promise<void>) => {
      const name = `${plugin.name}:${unit}`;
      if (progress?.completed.has(name)) {
        log.debug({ plugin: plugin.name, unit }, 'finished by an earlier attempt; skipped');
        return;
      }
      try {
        await work();
        completed.push(name);
      } catch (error) {
        log.error({ err: error, plugin: plugin.name }, 'plugin failed');
        failures.push(`${plugin.name}: ${(error as Error).message}`);
        // A rate limit knows when to try again; keep the longest such wait for the job queue.
        if (error instanceof RetryLaterError && (!retryLater || error.delayMs > retryLater.delayMs))
          retryLater = error;
      }
    };

    const comment = toGenericComment(event.name, event.payload);
    if (comment && shouldActOn(comment, { selfLogins: options.selfLogins }).act) {
      for (const [plugin, commands] of routeCommands(registry, comment, loaded)) {
        await run(plugin, 'commands', () =>
          plugin.handleCommands!({
            ...services,
            ...background.servicesFor(plugin),
            comment,
            commands,
            config: pluginConfig(loaded, plugin),
            github: client,
            log: log.child({ plugin: plugin.name }),
            deliveryId: event.deliveryId,
            reply: (message) => postReply(client, comment, message),
            registry,
          }),
        );
      }
    }
    for (const plugin of registry.plugins) {
      if (!plugin.handleEvent || !plugin.events.includes(event.name) || !isEnabled(loaded, plugin)) continue;
      await run(plugin, 'event', () =>
        plugin.handleEvent!({
          ...services,
          ...background.servicesFor(plugin),
          event,
          config: pluginConfig(loaded, plugin),
          github: client,
          log: log.child({ plugin: plugin.name }),
        }),
      );
    }
    if (failures.length === 0) return;
    // The retry runs only what failed: what succeeded already replied, labelled, opened.
    await progress?.record(completed).catch((error: unknown) => {
      log.warn({ err: error }, 'could not record which plugins finished; the retry runs them all');
    });
    const message = `plugins failed: ${failures.join('; ')}`;
    throw retryLater ? new RetryLaterError(message, retryLater.delayMs) : new Error(message);
  };
}

/** Groups the comment's commands by the plugin that owns them, skipping disabled plugins and wrong targets. */
export function routeCommands(
  registry: PluginRegistry,
  comment: GenericComment,
  loaded: LoadedConfig,
): Map<PluginDefinition, CommandToken[]> {
  const routed = new Map<PluginDefinition, CommandToken[]>();
  // Tokens depend on the lexing options (fences, HTML comments); lex once per option set used.
  const lexed = new Map<string, CommandToken[]>();
  const tokensFor = (spec: CommandSpec) => {
    const key = `${spec.stripFences ?? false}/${spec.stripHtmlComments ?? false}`;
    let tokens = lexed.get(key);
    if (!tokens) {
      tokens = lexCommands(comment.body, {
        stripFences: spec.stripFences ?? false,
        stripHtmlComments: spec.stripHtmlComments ?? false,
      });
      lexed.set(key, tokens);
    }
    return tokens;
  };
  for (const plugin of registry.plugins) {
    if (!plugin.handleCommands || !isEnabled(loaded, plugin)) continue;
    for (const spec of plugin.commands) {
      if (spec.on === 'pull-requests' && !comment.isPullRequest) continue;
      if (spec.on === 'issues' && comment.isPullRequest) continue;
      for (const token of tokensFor(spec)) {
        if (registry.findCommand(token.name)?.spec !== spec) continue;
        routed.set(plugin, [...(routed.get(plugin) ?? []), token]);
      }
    }
  }
  for (const tokens of routed.values()) tokens.sort((a, b) => a.line - b.line);
  return routed;
}

export function isEnabled(loaded: LoadedConfig, plugin: PluginDefinition): boolean {
  return (
    (loaded.config.plugins as Record<string, { enabled?: boolean } | undefined>)[plugin.name]?.enabled !==
    false
  );
}

export function pluginConfig(loaded: LoadedConfig, plugin: PluginDefinition): never {
  return (loaded.config.plugins as Record<string, unknown>)[plugin.name] as never;
}

async function postReply(client: GitHubClient, comment: GenericComment, message: string): Promise<void> {
  await client.rest.issues.createComment({
    owner: comment.repo.owner,
    repo: comment.repo.name,
    issue_number: comment.number,
    body: formatReply({
      login: comment.authorLogin,
      message,
      commentBody: comment.body,
      commentUrl: comment.htmlUrl,
    }),
  });
}

function repositoryOf(payload: unknown): RepositoryRef | undefined {
  const repository = (payload as { repository?: { name?: unknown; owner?: { login?: unknown } } } | null)
    ?.repository;
  const owner = repository?.owner?.login;
  const name = repository?.name;
  return typeof owner === 'string' && typeof name === 'string' ? { owner, name } : undefined;
}

function repositoryNamed(fullName: string | null): RepositoryRef | undefined {
  const [owner, name, ...rest] = fullName?.split('/') ?? [];
  return owner && name && rest.length === 0 ? { owner, name } : undefined;
}

function invalidateConfigOnPush(event: DeliveredEvent, configs: RepoConfigSource): void {
  const payload = event.payload as {
    commits?: Array<{ added?: string[]; modified?: string[]; removed?: string[] }>;
  };
  const touched = (payload.commits ?? []).some((commit) =>
    [...(commit.added ?? []), ...(commit.modified ?? []), ...(commit.removed ?? [])].includes(CONFIG_PATH),
  );
  if (touched && event.repository) configs.invalidate(event.repository);
}
