/**
 * How Sheriff's GitHub client paces itself, per installation. The defaults are GitHub's documented
 * secondary limits ("no more than 80 content-generating requests per minute and no more than 500
 * per hour"; at most 100 concurrent requests); `readSettings` reads overrides from the environment.
 */
export interface GitHubClientSettings {
  /** Content-creating requests allowed in any 60 s window, per installation (`GITHUB_WRITES_PER_MINUTE`). */
  writesPerMinute: number;
  /** Content-creating requests allowed in any 3600 s window, per installation (`GITHUB_WRITES_PER_HOUR`). */
  writesPerHour: number;
  /** Requests in flight at once, per installation (`GITHUB_CONCURRENCY`). */
  concurrency: number;
  /**
   * The longest a request waits in process for a rate limit (`GITHUB_MAX_RATE_LIMIT_WAIT_MS`). A
   * longer wait fails at once with `GitHubRateLimitError` (a `RetryLaterError`), so the job goes
   * back to the queue instead of holding a worker slot other installations could use.
   */
  maxRateLimitWaitMs: number;
  /** Retries after a rate limit or, for requests safe to resend, a 5xx (`GITHUB_MAX_RETRIES`). */
  maxRetries: number;
  /** First backoff after a 5xx; doubles per retry (`GITHUB_RETRY_BASE_MS`). */
  retryBaseMs: number;
  /** Memory for cached GET responses revalidated with ETags, all installations together (`GITHUB_ETAG_CACHE_BYTES`). */
  etagCacheBytes: number;
}

export const DEFAULT_GITHUB_CLIENT_SETTINGS: Readonly<GitHubClientSettings> = Object.freeze({
  writesPerMinute: 80,
  writesPerHour: 500,
  concurrency: 10,
  maxRateLimitWaitMs: 15_000,
  maxRetries: 3,
  retryBaseMs: 1000,
  etagCacheBytes: 32 * 1024 * 1024,
});
