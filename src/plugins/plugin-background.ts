import type { Kysely } from 'kysely';
import type { RepoConfigSource } from '../config/repo-config-source.js';
import type { GitHubApp } from '../github/github-app.js';
import type { Logger } from '../logging/logger.js';
import type { SheriffMetrics } from '../metrics/sheriff-metrics.js';
import type { ReleaseNotice } from '../notifications/release-notice.js';
import { PermanentJobError } from '../pipeline/job-errors.js';
import type { ScheduledTask } from '../pipeline/scheduler.js';
import type { JobHandler } from '../pipeline/worker.js';
import type { GangwayClient } from '../prow/gangway-client.js';
import type { NotificationTransport } from '../notifications/notification-transport.js';
import type { GitHubOwnersLoader } from '../owners/load-owners-from-github.js';
import { guardOutboundFetch } from '../net/guard-outbound-fetch.js';
import { JobQueue } from '../store/job-queue.js';
import type { Database } from '../store/schema.js';
import { isEnabled, pluginConfig } from './dispatch-event.js';
import type {
  BackgroundContext,
  PluginDefinition,
  PluginJobRequest,
  RepositoryContext,
} from './plugin-definition.js';
import type { PluginRegistry } from './plugin-registry.js';

/** The queue kind of a plugin's job. */
export const pluginJobKind = (plugin: string, name: string): string => `plugin:${plugin}/${name}`;
/** The queue kind of a notice delivered to one plugin. */
export const noticeJobKind = (plugin: string): string => `notice:${plugin}`;
/** The schedule name of a plugin's periodic task. */
export const pluginScheduleName = (plugin: string, name: string): string => `plugin:${plugin}/${name}`;

export interface BackgroundOptions {
  registry: PluginRegistry;
  github: GitHubApp | undefined;
  configs: RepoConfigSource;
  store: Kysely<Database>;
  owners: GitHubOwnersLoader;
  gangway: GangwayClient | undefined;
  metrics?: SheriffMetrics;
  log: Logger;
  notifications?: NotificationTransport;
  /** Outbound HTTP other than GitHub (default: the network, guarded by guardOutboundFetch). */
  fetch?: typeof globalThis.fetch;
  /** Attempts for jobs that do not set their own. */
  defaultMaxAttempts: number;
  clock?: () => Date;
}

/** What plugins' background work needs from Sheriff: job kinds, scheduled tasks, and per-plugin services. */
export interface PluginBackground {
  jobHandlers: Record<string, JobHandler>;
  tasks: ScheduledTask[];
  /** `enqueue`, `notify` and `gangway`, bound to one plugin (for the dispatcher's services). */
  servicesFor(
    plugin: PluginDefinition,
  ): Pick<BackgroundContext, 'enqueue' | 'notify' | 'gangway' | 'clock' | 'fetch'>;
}

/**
 * Wires plugins' `jobs`, `schedules` and `handleNotice` into the job queue and the scheduler.
 *
 * Notices fan out at publish time into one job per subscribing plugin (kind `notice:<plugin>`,
 * keyed by plugin and tracking key): each plugin's messages about one tracking issue go out in
 * order, and a plugin that fails is retried without repeating what the others sent.
 */
export function createPluginBackground(options: BackgroundOptions): PluginBackground {
  const { registry, store, log } = options;
  const clock = options.clock ?? (() => new Date());
  // Config-given URLs never reach Sheriff's own network, whoever builds the background.
  const outboundFetch = options.fetch ?? guardOutboundFetch(globalThis.fetch, []);
  const subscribers = registry.plugins.filter((plugin) => plugin.handleNotice);

  const notify = async (notices: readonly ReleaseNotice[], db?: Kysely<Database>) => {
    const jobs = notices.flatMap((notice) =>
      subscribers.map((plugin) => ({
        kind: noticeJobKind(plugin.name),
        key: `notice:${plugin.name}:${notice.trackingKey}`,
        data: notice,
        maxAttempts: options.defaultMaxAttempts,
      })),
    );
    await new JobQueue(db ?? store).enqueue(jobs);
  };
  const enqueueFor =
    (plugin: PluginDefinition) =>
    async (job: PluginJobRequest, db?: Kysely<Database>): Promise<void> => {
      const definition = plugin.jobs?.[job.name];
      if (!definition) throw new Error(`plugin ${plugin.name} has no job named "${job.name}"`);
      await new JobQueue(db ?? store).enqueue([
        {
          kind: pluginJobKind(plugin.name, job.name),
          key: job.key,
          data: job.data,
          maxAttempts: job.maxAttempts ?? definition.maxAttempts ?? options.defaultMaxAttempts,
          ...(job.runAt ? { runAt: job.runAt } : {}),
          ...(job.once ? { dedupeKey: `${plugin.name}:${job.once}` } : {}),
        },
      ]);
    };
  const servicesFor = (plugin: PluginDefinition) => ({
    enqueue: enqueueFor(plugin),
    notify,
    gangway: options.gangway,
    clock,
    // Event handlers get the same outbound HTTP as background work (`sheriff simulate`: offline).
    fetch: outboundFetch,
  });

  const repositoryContextFor =
    (plugin: PluginDefinition, taskLog: Logger) =>
    async (repository: string): Promise<RepositoryContext | undefined> => {
      const [owner, name, ...rest] = repository.split('/');
      if (!owner || !name || rest.length > 0) throw new Error(`not an owner/name repository: ${repository}`);
      if (!options.github) return undefined;
      const installationId = await options.github.installationIdFor(owner, name);
      if (installationId === undefined) return undefined;
      const client = await options.github.installationClient(installationId);
      const loaded = await options.configs.load(client, owner, name, taskLog);
      return {
        github: client,
        repoConfig: loaded.config,
        config: pluginConfig(loaded, plugin),
        enabled: isEnabled(loaded, plugin),
        owners: options.owners,
      };
    };
  const contextFor = (plugin: PluginDefinition, taskLog: Logger): BackgroundContext => ({
    log: taskLog,
    store,
    ...(options.metrics ? { metrics: options.metrics } : {}),
    github: options.github,
    ...servicesFor(plugin),
    now: clock(),
    notifications: options.notifications,
    fetch: outboundFetch,
    repositoryContext: repositoryContextFor(plugin, taskLog),
  });

  const jobHandlers: Record<string, JobHandler> = {};
  const tasks: ScheduledTask[] = [];
  for (const plugin of registry.plugins) {
    for (const [name, definition] of Object.entries(plugin.jobs ?? {})) {
      jobHandlers[pluginJobKind(plugin.name, name)] = async ({ job, log: jobLog, signal }) => {
        const pluginLog = jobLog.child({ plugin: plugin.name });
        await definition.run({
          ...contextFor(plugin, pluginLog),
          data: job.data === null ? null : (JSON.parse(job.data) as unknown),
          key: job.key,
          attempt: job.attempts,
          maxAttempts: job.max_attempts,
          signal,
        });
      };
    }
    for (const schedule of plugin.schedules ?? []) {
      tasks.push({
        name: pluginScheduleName(plugin.name, schedule.name),
        intervalMs: schedule.intervalMs,
        run: ({ log: taskLog, state }) =>
          schedule.run({ ...contextFor(plugin, taskLog.child({ plugin: plugin.name })), state }),
      });
    }
    if (plugin.handleNotice) {
      const handleNotice = plugin.handleNotice.bind(plugin);
      jobHandlers[noticeJobKind(plugin.name)] = async ({ job, log: jobLog }) => {
        if (job.data === null) throw new PermanentJobError('notice job without a notice');
        const notice = JSON.parse(job.data) as ReleaseNotice;
        const pluginLog = jobLog.child({ plugin: plugin.name, notice: notice.id });
        const context = contextFor(plugin, pluginLog);
        const repository = await context.repositoryContext(notice.repository);
        if (!repository?.enabled) {
          pluginLog.debug({ repository: notice.repository }, 'notice skipped: plugin not enabled there');
          return;
        }
        await handleNotice({ ...context, notice, repository });
      };
    }
  }
  log.debug(
    { jobs: Object.keys(jobHandlers), tasks: tasks.map((task) => task.name) },
    'plugin background work',
  );
  return { jobHandlers, tasks, servicesFor };
}
