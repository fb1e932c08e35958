import { Probot, ProbotOctokit } from 'probot';
import type { Logger } from '../logging/logger.js';
import type { SheriffMetrics } from '../metrics/sheriff-metrics.js';
import { type Clock, systemClock } from './clock.js';
import { conditionalRequests } from './conditional-requests-plugin.js';
import { EtagCache } from './etag-cache.js';
import { DEFAULT_GITHUB_CLIENT_SETTINGS, type GitHubClientSettings } from './github-client-settings.js';
import { InstallationGate } from './installation-gate.js';
import { requestMetrics } from './request-metrics-plugin.js';
import { requestPacing } from './request-pacing-plugin.js';

export type GitHubClient = InstanceType<typeof ProbotOctokit>;

/** The registered GitHub App: a client as the App itself, and one client per installation. */
export interface GitHubApp {
  /** Authenticated as the App (JWT): `/app/...` endpoints such as hook deliveries. */
  appClient(): Promise<GitHubClient>;
  /** Authenticated as an installation; paced and cached per installation, never behind another one. */
  installationClient(installationId: number): Promise<GitHubClient>;
  /**
   * The installation for a repository, for payloads with no `installation` field (forwarded by
   * Prow's hook from an org or repo webhook). Cached; undefined when the App is not installed.
   */
  installationIdFor(owner: string, repo: string): Promise<number | undefined>;
}

export interface GitHubAppOptions {
  appId: string;
  privateKey: string;
  baseUrl: string;
  log: Logger;
  metrics: SheriffMetrics;
  /** A `fetch` to use instead of the network (the GitHub double in `simulate` and tests). */
  fetch?: typeof globalThis.fetch;
  /** Pacing, retries and the ETag cache (default: GitHub's documented limits). */
  clientSettings?: GitHubClientSettings;
  /** The clock rate-limit waits run on (tests move a manual one). */
  clock?: Clock;
}

/**
 * Probot does the App authentication (JWT, installation tokens cached for 59 minutes). Sheriff
 * replaces Probot's throttling and retries (one write a second, three seconds between comments,
 * secondary limits not retried) with its own, per installation: GitHub's content-creation limits,
 * a concurrency cap, `retry-after` and `x-ratelimit-reset` honoured, 5xx resent only when safe,
 * conditional GETs; and counts requests for `/metrics`.
 *
 * @example
 * const github = createGitHubApp({ appId, privateKey, baseUrl: 'https://api.github.com', log, metrics,
 *   clientSettings: settings.github });
 * const client = await github.installationClient(42);
 * await client.rest.issues.createComment({ owner: 'acme', repo: 'widgets', issue_number: 7, body: 'hi' });
 */
export function createGitHubApp(options: GitHubAppOptions): GitHubApp {
  const settings = options.clientSettings ?? DEFAULT_GITHUB_CLIENT_SETTINGS;
  const clock = options.clock ?? systemClock;
  const gates = new Map<string, InstallationGate>();
  const gateFor = (installation: string) => {
    let gate = gates.get(installation);
    if (!gate) {
      gate = new InstallationGate(installation, settings, clock);
      gates.set(installation, gate);
    }
    return gate;
  };
  // Plugins wrap in order, the last outermost: pacing decides each attempt, the cache makes it
  // conditional, and the metrics count what went over the wire.
  const Octokit = ProbotOctokit.plugin(
    requestMetrics(options.metrics),
    conditionalRequests(new EtagCache(settings.etagCacheBytes)),
    requestPacing({ gateFor, policy: settings, clock }),
  ).defaults((instanceOptions: Record<string, unknown>) => ({
    ...instanceOptions,
    // Probot's defaults turn both on; they would queue and retry beneath Sheriff's pacing.
    throttle: { ...(instanceOptions.throttle as object | undefined), enabled: false },
    retry: { enabled: false },
  }));
  const probot = new Probot({
    appId: options.appId,
    privateKey: options.privateKey,
    baseUrl: options.baseUrl,
    log: options.log.child({ name: 'github' }) as never,
    Octokit,
    ...(options.fetch ? { request: { fetch: options.fetch } } : {}),
  });
  const clients = new Map<number, Promise<GitHubClient>>();
  const installations = new Map<string, { id: number | undefined; until: number }>();
  return {
    appClient: () => probot.auth(),
    installationClient(installationId) {
      let client = clients.get(installationId);
      if (!client) {
        client = probot.auth(installationId);
        // A failed token mint must not be cached forever.
        client.catch(() => clients.delete(installationId));
        clients.set(installationId, client);
      }
      return client;
    },
    async installationIdFor(owner, repo) {
      const key = `${owner}/${repo}`.toLowerCase();
      const cached = installations.get(key);
      if (cached && cached.until > Date.now()) return cached.id;
      let id: number | undefined;
      try {
        const app = await probot.auth();
        id = (await app.rest.apps.getRepoInstallation({ owner, repo })).data.id;
      } catch (error) {
        if ((error as { status?: number }).status !== 404) throw error;
      }
      // A missing installation is remembered for less time: it may be installed any minute.
      installations.set(key, { id, until: Date.now() + (id === undefined ? 60_000 : 3_600_000) });
      return id;
    },
  };
}
