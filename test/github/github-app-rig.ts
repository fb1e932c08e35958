import { createGitHubDouble, type GitHubDouble } from '../../src/github-double/index.js';
import type { RecordedRequest } from '../../src/github-double/request-log.js';
import type { WorldInput } from '../../src/github-double/world-schema.js';
import { createGitHubApp, type GitHubApp } from '../../src/github/github-app.js';
import type { Clock } from '../../src/github/clock.js';
import {
  DEFAULT_GITHUB_CLIENT_SETTINGS,
  type GitHubClientSettings,
} from '../../src/github/github-client-settings.js';
import { createLogger } from '../../src/logging/logger.js';
import { SheriffMetrics } from '../../src/metrics/sheriff-metrics.js';
import { TEST_PRIVATE_KEY } from '../support/github-world.js';

export const WORLD_NOW = '2025-05-14T10:00:00Z';
export const ACME = 11;
export const UMBRELLA = 22;
export const COMMENTS_ROUTE = '/repos/{owner}/{repo}/issues/{issue_number}/comments';

const issue = (number: number) => ({ number, title: `Issue ${number}`, user: 'bob', labels: [] });

/** Two accounts, each with its own installation of the App and one repository. */
export function twoInstallationWorld(): WorldInput {
  return {
    now: WORLD_NOW,
    repos: {
      'acme/widgets': {
        defaultBranch: 'main',
        labels: ['lgtm'],
        issues: [issue(7), issue(8)],
        files: { 'README.md': '# widgets\n' },
      },
      'umbrella/gadgets': { defaultBranch: 'main', labels: ['lgtm'], issues: [issue(7)] },
    },
    installations: [
      { id: ACME, account: 'acme' },
      { id: UMBRELLA, account: 'umbrella' },
    ],
  };
}

/** A request as it left the client: what the double's log does not keep (headers, overlap). */
export interface SentRequest {
  method: string;
  path: string;
  headers: Headers;
  /** Requests in flight (both installations) when this one was sent, itself included. */
  inFlightAtStart: number;
}

export interface Rig {
  double: GitHubDouble;
  github: GitHubApp;
  metrics: SheriffMetrics;
  sent: SentRequest[];
  /** The double's log of requests to one API path (status 0 while in flight). */
  requestsTo(method: string, path: string): RecordedRequest[];
}

/** `createGitHubApp` (Probot auth, Sheriff's pacing) against an in-process GitHub double. */
export function createRig(
  options: { settings?: Partial<GitHubClientSettings>; clock?: Clock; double?: GitHubDouble } = {},
): Rig {
  const double = options.double ?? createGitHubDouble(twoInstallationWorld());
  const metrics = new SheriffMetrics();
  const sent: SentRequest[] = [];
  let inFlight = 0;
  const fetch: typeof globalThis.fetch = async (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    inFlight += 1;
    sent.push({
      method: init?.method ?? 'GET',
      path: url.pathname,
      headers: new Headers(init?.headers),
      inFlightAtStart: inFlight,
    });
    try {
      return await double.fetch(input, init);
    } finally {
      inFlight -= 1;
    }
  };
  const github = createGitHubApp({
    appId: '1',
    privateKey: TEST_PRIVATE_KEY,
    baseUrl: 'https://api.github.com',
    log: createLogger('silent'),
    metrics,
    fetch,
    clientSettings: { ...DEFAULT_GITHUB_CLIENT_SETTINGS, ...options.settings },
    ...(options.clock ? { clock: options.clock } : {}),
  });
  return {
    double,
    github,
    metrics,
    sent,
    requestsTo: (method, path) =>
      double.requests.filter((request) => request.method === method && request.path === path),
  };
}

/** The rejection of a promise that must fail. */
export async function rejectionOf(promise: Promise<unknown>): Promise<Error & Record<string, unknown>> {
  try {
    await promise;
  } catch (error) {
    return error as Error & Record<string, unknown>;
  }
  throw new Error('expected the request to fail, but it succeeded');
}
