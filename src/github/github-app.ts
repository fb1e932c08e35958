import type { Octokit } from '@octokit/core';
import { Probot, ProbotOctokit } from 'probot';
import type { Logger } from '../logging/logger.js';
import type { SheriffMetrics } from '../metrics/sheriff-metrics.js';

export type GitHubClient = InstanceType<typeof ProbotOctokit>;

/** The registered GitHub App: a client as the App itself, and one client per installation. */
export interface GitHubApp {
  /** Authenticated as the App (JWT): `/app/...` endpoints such as hook deliveries. */
  appClient(): Promise<GitHubClient>;
  /** Authenticated as an installation; one instance per installation, so throttling is per installation. */
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
}

/**
 * Probot does the App authentication (JWT, installation tokens cached for 59 minutes) and gives
 * its Octokit with retries; Sheriff adds request metrics and keeps one client per installation.
 */
export function createGitHubApp(options: GitHubAppOptions): GitHubApp {
  const Octokit = ProbotOctokit.plugin(requestMetrics(options.metrics));
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

/** An Octokit plugin counting requests by route template and status, and tracking the rate limit. */
function requestMetrics(metrics: SheriffMetrics) {
  return (octokit: Octokit, options: { auth?: unknown }) => {
    const auth = options.auth as { installationId?: number } | undefined;
    const installation = String(auth?.installationId ?? 'app');
    octokit.hook.wrap('request', async (request, requestOptions) => {
      const labels = { method: requestOptions.method ?? 'GET', route: requestOptions.url ?? 'unknown' };
      try {
        const response = await request(requestOptions);
        metrics.githubRequests.inc({ ...labels, status: String(response.status) });
        recordRateLimit(metrics, installation, response.headers);
        return response;
      } catch (error) {
        const failed = error as { status?: number; response?: { headers: Headers } };
        metrics.githubRequests.inc({ ...labels, status: String(failed.status ?? 'error') });
        if (failed.response) recordRateLimit(metrics, installation, failed.response.headers);
        throw error;
      }
    });
  };
}

type Headers = Record<string, string | number | undefined>;

function recordRateLimit(metrics: SheriffMetrics, installation: string, headers: Headers): void {
  const remaining = Number(headers['x-ratelimit-remaining']);
  if (!Number.isFinite(remaining)) return;
  const resource = String(headers['x-ratelimit-resource'] ?? 'core');
  metrics.githubRateLimitRemaining.set({ installation, resource }, remaining);
}
