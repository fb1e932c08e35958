import type { Octokit } from '@octokit/core';
import type { SheriffMetrics } from '../metrics/sheriff-metrics.js';
import { installationKeyOf } from './installation-key.js';
import { readPrimaryLimit, type ResponseHeaders } from './rate-limit-headers.js';

/**
 * An Octokit plugin counting every HTTP attempt by route template and status
 * (`sheriff_github_requests_total`; retries and 304s show as themselves) and tracking each
 * installation's remaining primary limit (`sheriff_github_rate_limit_remaining`). Registered
 * innermost, so it sees what went over the wire.
 */
export function requestMetrics(metrics: SheriffMetrics) {
  return (octokit: Octokit, options: { auth?: unknown }) => {
    const installation = installationKeyOf(options);
    octokit.hook.wrap('request', async (request, requestOptions) => {
      const labels = { method: requestOptions.method ?? 'GET', route: requestOptions.url ?? 'unknown' };
      try {
        const response = await request(requestOptions);
        metrics.githubRequests.inc({ ...labels, status: String(response.status) });
        recordRateLimit(metrics, installation, response.headers);
        return response;
      } catch (error) {
        const failed = error as { status?: number; response?: { headers: ResponseHeaders } };
        metrics.githubRequests.inc({ ...labels, status: String(failed.status ?? 'error') });
        if (failed.response) recordRateLimit(metrics, installation, failed.response.headers);
        throw error;
      }
    });
  };
}

function recordRateLimit(metrics: SheriffMetrics, installation: string, headers: ResponseHeaders): void {
  const state = readPrimaryLimit(headers, Date.now());
  if (!state) return;
  metrics.githubRateLimitRemaining.set({ installation, resource: state.resource ?? 'core' }, state.remaining);
}
