import type { Octokit } from '@octokit/core';
import {
  apiPathOf,
  isContentCreating,
  isSafeToResend,
  isTokenRequest,
  rateLimitResourceFor,
} from './classify-request.js';
import type { Clock } from './clock.js';
import { decideRetry, type RetryPolicy } from './decide-retry.js';
import { GitHubRateLimitError } from './github-rate-limit-error.js';
import type { InstallationGate } from './installation-gate.js';
import { installationKeyOf } from './installation-key.js';
import type { ResponseHeaders } from './rate-limit-headers.js';

export interface RequestPacingOptions {
  /** The one gate per installation key (`installationKeyOf`), shared by every client of it. */
  gateFor(installation: string): InstallationGate;
  policy: RetryPolicy;
  clock: Clock;
}

interface FailedRequest {
  status?: number;
  message?: string;
  response?: { headers: ResponseHeaders };
}

/**
 * An Octokit plugin that sends each request through its installation's gate (content-creation
 * windows, concurrency cap, rate-limit pauses) and retries it as `decideRetry` says: after a
 * secondary limit's `retry-after` (pausing the whole installation meanwhile), after a primary
 * limit's reset, or after backoff for a 5xx when resending is safe. A wait longer than the policy
 * allows becomes a `GitHubRateLimitError`, which the job queue retries later.
 */
export function requestPacing(options: RequestPacingOptions) {
  const { clock, policy } = options;
  return (octokit: Octokit, octokitOptions: { auth?: unknown }) => {
    const gate = options.gateFor(installationKeyOf(octokitOptions));
    octokit.hook.wrap('request', async (request, requestOptions) => {
      const { method, url, body } = octokit.request.endpoint.parse(requestOptions);
      const path = apiPathOf(url, requestOptions.baseUrl);
      if (isTokenRequest(method, path)) return request(requestOptions);
      const resource = rateLimitResourceFor(path);
      const contentCreating = isContentCreating(method, path, body);
      const safeToResend = isSafeToResend(method, path, body);
      for (let retries = 0; ; retries += 1) {
        const release = await gate.admit({ resource, contentCreating });
        let failure: unknown;
        try {
          const response = await request(requestOptions);
          gate.observe(response.headers, resource);
          return response;
        } catch (error) {
          failure = error;
        } finally {
          release();
        }
        const failed = failure as FailedRequest;
        const headers = failed.response?.headers ?? {};
        gate.observe(headers, resource);
        const now = clock.now();
        const decision = decideRetry(
          { status: failed.status, headers, message: failed.message ?? '', retries, safeToResend },
          policy,
          now,
        );
        if (decision.action === 'fail') throw failure;
        // Paused under the request's own bucket, the one its retry will wait on.
        if (decision.cause !== 'server-error') gate.pause(decision.cause, decision.untilMs, resource);
        if (decision.action === 'retry-later') {
          throw new GitHubRateLimitError(decision.cause, gate.installation, new Date(decision.untilMs), now, {
            cause: failure,
          });
        }
        octokit.log.warn(
          `GitHub answered ${failed.status} to ${method} ${requestOptions.url}; retry ${retries + 1} of ${policy.maxRetries} in ${decision.untilMs - now} ms`,
        );
        // Rate limits are waited out in `admit`, with every other request of the installation.
        if (decision.cause === 'server-error') await clock.sleep(decision.untilMs - now);
      }
    });
  };
}
