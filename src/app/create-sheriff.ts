import type { FastifyInstance } from 'fastify';
import { createGitHubApp, type GitHubApp } from '../github/github-app.js';
import { createRedeliveryTask } from '../github/redeliver-missed-deliveries.js';
import type { Logger } from '../logging/logger.js';
import { SheriffMetrics } from '../metrics/sheriff-metrics.js';
import type { EventHandler } from '../pipeline/delivered-event.js';
import { DeliveryIntake, type IntakeResult } from '../pipeline/delivery-intake.js';
import { createDeliveryJobHandler } from '../pipeline/delivery-job.js';
import { type ScheduledTask, Scheduler } from '../pipeline/scheduler.js';
import { createStoreRetentionTask } from '../pipeline/store-retention-task.js';
import { createEventDispatcher } from '../plugins/dispatch-event.js';
import { createPluginBackground } from '../plugins/plugin-background.js';
import { GitHubOwnersLoader } from '../owners/load-owners-from-github.js';
import { GangwayClient } from '../prow/gangway-client.js';
import { guardOutboundFetch } from '../net/guard-outbound-fetch.js';
import type { PluginDefinition } from '../plugins/plugin-definition.js';
import { PluginRegistry } from '../plugins/plugin-registry.js';
import { RepoConfigSource } from '../config/repo-config-source.js';
import { buildConfigSchema } from '../config/sheriff-config-schema.js';
import { registerPluginHelpRoute } from '../server/routes/plugin-help.js';
import { BUILTIN_PLUGINS } from '../../plugins/index.js';
import { type JobHandler, Worker } from '../pipeline/worker.js';
import type { BootServer } from '../server/boot-server.js';
import { attachToBootServer, createHttpServer } from '../server/create-http-server.js';
import { registerGitHubWebhookRoute } from '../server/routes/github-webhooks.js';
import { registerOperationsRoutes } from '../server/routes/operations.js';
import { registerDashboardRoutes } from '../server/routes/dashboard.js';
import { registerFlaggerRoute } from '../server/routes/flagger.js';
import { registerProwJobRoute } from '../server/routes/prowjobs.js';
import { registerRerunAuditRoute } from '../rerun/rerun-audit-route.js';
import { burstConcurrencyFor, type Settings } from '../settings/read-settings.js';
import { DELIVERY_JOB, DeliveryLog } from '../store/delivery-log.js';
import { JobQueue } from '../store/job-queue.js';
import { openStore, type Store } from '../store/open-store.js';
import { RedeliveryLedger } from '../store/redelivery-ledger.js';
import { ScheduleBook } from '../store/schedule-book.js';
import type { NewDelivery } from '../store/schema.js';

export interface SheriffOptions {
  settings: Settings;
  log: Logger;
  /** The plugins to run (default: every built-in plugin). */
  plugins?: readonly PluginDefinition[];
  /** Replaces the plugin dispatcher (tests of the pipeline alone). */
  handleEvent?: EventHandler;
  /** Wraps whichever event handler runs (to observe events in tests and the bench). */
  wrapEventHandler?: (handler: EventHandler) => EventHandler;
  /** Extra job kinds (plugins' follow-up work) beside the delivery job. */
  jobHandlers?: Readonly<Record<string, JobHandler>>;
  /** A `fetch` for GitHub instead of the network (the GitHub double). */
  githubFetch?: typeof globalThis.fetch;
  /** A `fetch` for Gangway instead of the network (a local receiver in tests). */
  gangwayFetch?: typeof globalThis.fetch;
  /** A `fetch` for Slack and outgoing webhooks instead of the network (`sheriff simulate` records with it). */
  notificationFetch?: typeof globalThis.fetch;
  /** A `fetch` for other outbound HTTP (version markers) instead of the network (`sheriff simulate` is offline). */
  externalFetch?: typeof globalThis.fetch;
  /** How often replicas look for due schedules. */
  schedulerTickMs?: number;
  /** Whether to start the worker (a receive-only replica can leave it off). */
  runWorker?: boolean;
  /** The clock scheduled tasks read (`sheriff simulate` drives it). */
  clock?: () => Date;
  /** A socket already listening since before the store opened (`sheriff start`); `listen` takes it over. */
  boot?: BootServer;
}

/** One running Sheriff: the HTTP edge, the worker, the scheduler, over one store. */
export interface Sheriff {
  readonly http: FastifyInstance;
  readonly store: Store;
  readonly queue: JobQueue;
  readonly deliveries: DeliveryLog;
  readonly metrics: SheriffMetrics;
  readonly worker: Worker;
  readonly scheduler: Scheduler;
  readonly github: GitHubApp | undefined;
  readonly registry: PluginRegistry;
  /** Starts listening; resolves with the base URL. */
  listen(): Promise<string>;
  /** Graceful stop: refuse new requests, finish in-flight work (up to the grace period), close the store. */
  stop(): Promise<void>;
  /** Stores a delivery exactly as the webhook endpoint does, without HTTP (`simulate`). */
  ingest(delivery: NewDelivery): Promise<IntakeResult>;
  /** Starts the worker if needed and resolves once no job is pending, running, or waiting for a retry. */
  runUntilIdle(timeoutMs?: number): Promise<void>;
}

export async function createSheriff(options: SheriffOptions): Promise<Sheriff> {
  const { settings, log } = options;
  const store = await openStore(settings.store);
  const metrics = new SheriffMetrics();
  const queue = new JobQueue(store.db);
  const deliveries = new DeliveryLog(store.db, store.payloadEncoder);
  const ledger = new RedeliveryLedger(store.db);
  const github = settings.app
    ? createGitHubApp({
        ...settings.app,
        baseUrl: settings.githubApiUrl,
        log,
        metrics,
        clientSettings: settings.github,
        ...(options.githubFetch ? { fetch: options.githubFetch } : {}),
      })
    : undefined;

  const registry = new PluginRegistry(options.plugins ?? BUILTIN_PLUGINS);
  const configs = new RepoConfigSource(buildConfigSchema(registry.plugins), store.db);
  const owners = new GitHubOwnersLoader();
  const gangway = settings.gangway ? new GangwayClient(settings.gangway, options.gangwayFetch) : undefined;
  const background = createPluginBackground({
    registry,
    github,
    configs,
    store: store.db,
    owners,
    gangway,
    metrics,
    log,
    defaultMaxAttempts: settings.worker.maxAttempts,
    notifications: {
      settings: settings.notifications,
      ...(options.notificationFetch ? { fetch: options.notificationFetch } : {}),
    },
    // URLs from repositories' config: never the network Sheriff runs in (see guardOutboundFetch).
    fetch: options.externalFetch ?? guardOutboundFetch(globalThis.fetch, settings.outboundAllowedHosts),
    ...(options.clock ? { clock: options.clock } : {}),
  });
  const dispatch =
    options.handleEvent ??
    createEventDispatcher({
      registry,
      github,
      configs,
      store: store.db,
      selfLogins: [`${settings.appSlug}[bot]`],
      metrics,
      owners,
      background,
      ...(gangway ? { gangway } : {}),
    });
  const handleEvent = options.wrapEventHandler ? options.wrapEventHandler(dispatch) : dispatch;

  const worker = new Worker({
    queue,
    log,
    metrics,
    settings: {
      ...settings.worker,
      burstConcurrency: burstConcurrencyFor(store.backend, settings.worker.burstConcurrency),
    },
    // Called only once the worker runs, after `intake` below exists.
    intakeBursting: () => intake.rate.perSecond() > settings.worker.burstRatePerSecond,
    handlers: {
      ...background.jobHandlers,
      ...options.jobHandlers,
      [DELIVERY_JOB]: createDeliveryJobHandler(deliveries, handleEvent, queue),
    },
  });
  const intake = new DeliveryIntake(new DeliveryLog(store.intakeDb, store.payloadEncoder), {
    maxAttempts: settings.worker.maxAttempts,
    maxBatch: 256,
    onStored: () => worker.wake(),
  });

  const tasks: ScheduledTask[] = [
    createStoreRetentionTask({
      deliveries,
      queue,
      ledger,
      retentionDays: settings.retentionDays,
      reclaimSpace: (tables) => store.reclaimSpace(tables),
    }),
    ...background.tasks,
  ];
  if (github && settings.redelivery.enabled) {
    tasks.push(
      createRedeliveryTask({
        github,
        deliveries,
        ledger,
        metrics,
        intervalMs: settings.redelivery.intervalMs,
        windowHours: settings.redelivery.windowHours,
        maxPerRun: settings.redelivery.maxPerRun,
      }),
    );
  }
  const scheduler = new Scheduler(new ScheduleBook(store.db), tasks, log, options.clock);

  const http = createHttpServer({
    log,
    maxBodyBytes: settings.maxBodyBytes,
    ...(options.boot ? { boot: options.boot } : {}),
  });
  registerGitHubWebhookRoute(http, { intake, secrets: settings.webhookSecrets, metrics, log });
  registerProwJobRoute(http, { intake, tokens: settings.prowjobTokens, metrics, log });
  registerFlaggerRoute(http, { intake, tokens: settings.flaggerTokens, metrics, log });
  registerOperationsRoutes(http, {
    store,
    queue,
    metrics,
    releaseWindowDays: settings.dashboard.windowDays,
    ...(options.clock ? { clock: options.clock } : {}),
  });
  registerPluginHelpRoute(http, registry);
  registerDashboardRoutes(http, {
    db: store.db,
    access: settings.dashboard.access,
    windowDays: settings.dashboard.windowDays,
    ...(options.clock ? { clock: options.clock } : {}),
  });
  registerRerunAuditRoute(http, { db: store.db, tokens: settings.auditTokens, log });

  let stopped = false;
  return {
    http,
    store,
    queue,
    deliveries,
    metrics,
    worker,
    scheduler,
    github,
    registry,
    async listen() {
      let url: string;
      if (options.boot) {
        await http.ready();
        attachToBootServer(options.boot);
        url = options.boot.url;
      } else url = await http.listen({ port: settings.port, host: settings.host });
      if (options.runWorker ?? true) worker.start();
      await scheduler.start(options.schedulerTickMs ?? 15_000);
      return url;
    },
    ingest: (delivery) => intake.accept(delivery),
    async runUntilIdle(timeoutMs = 60_000) {
      worker.start();
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        await intake.flushed();
        const stats = await queue.stats();
        if (stats.pending === 0 && stats.running === 0 && worker.busy === 0) return;
        if (Date.now() > deadline) throw new Error(`work still pending after ${timeoutMs} ms`);
        worker.wake();
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      await http.close();
      await options.boot?.close();
      await intake.flushed();
      await scheduler.stop();
      await worker.stop(settings.shutdownGraceMs);
      await store.close();
    },
  };
}
