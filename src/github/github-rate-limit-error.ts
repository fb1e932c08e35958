import { RetryLaterError } from '../pipeline/job-errors.js';

/** Which of GitHub's limits stopped the request (`content-creation` is Sheriff's own pacing of writes). */
export type GitHubLimit = 'primary' | 'secondary' | 'content-creation';

/**
 * A request refused for a rate limit that lasts longer than the client may wait in process. It is a
 * `RetryLaterError`, so the worker puts the job back with `delayMs` instead of its usual backoff.
 *
 * @example
 * if (error instanceof GitHubRateLimitError) log.warn({ resetAt: error.resetAt }, error.message);
 */
export class GitHubRateLimitError extends RetryLaterError {
  override readonly name = 'GitHubRateLimitError';

  constructor(
    readonly limit: GitHubLimit,
    /** The installation id, or `app` for the App's own (JWT) client. */
    readonly installation: string,
    /** When a retry may succeed. */
    readonly resetAt: Date,
    nowMs: number,
    options: { cause?: unknown } = {},
  ) {
    super(
      `GitHub ${limit} rate limit for installation ${installation}: retry after ${resetAt.toISOString()}`,
      Math.max(0, resetAt.getTime() - nowMs),
    );
    // The response GitHub refused with, when there was one (a wait refused up front has none).
    if (options.cause !== undefined) this.cause = options.cause;
  }
}
