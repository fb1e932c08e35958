import { localResetTime, type ResponseHeaders, retryAfterMs } from './rate-limit-headers.js';

/** One failed attempt, as the retry decision needs it. */
export interface FailedAttempt {
  /** HTTP status; `@octokit/request` reports a dropped connection as 500 with no headers. */
  status: number | undefined;
  headers: ResponseHeaders;
  /** GitHub's message, to recognise a secondary limit that came without `retry-after`. */
  message: string;
  /** Retries already made for this request. */
  retries: number;
  /** Whether resending cannot duplicate a side effect (`isSafeToResend`). */
  safeToResend: boolean;
}

export interface RetryPolicy {
  maxRetries: number;
  retryBaseMs: number;
  maxRateLimitWaitMs: number;
}

export type RateLimitKind = 'primary' | 'secondary';

export type RetryDecision =
  /** Give the error to the caller. */
  | { action: 'fail' }
  /**
   * Send again at `untilMs`. A rate limit pauses more than this request: a secondary limit the
   * whole installation, a primary one its bucket.
   */
  | { action: 'wait'; cause: RateLimitKind | 'server-error'; untilMs: number }
  /** Rate limited for longer than the client may wait (or out of retries): the job retries at `untilMs`. */
  | { action: 'retry-later'; cause: RateLimitKind; untilMs: number };

/** GitHub: without `retry-after`, "wait for at least one minute before retrying", then back off exponentially. */
const SECONDARY_FALLBACK_MS = 60_000;
const SECONDARY_MESSAGE = /secondary rate limit/i;

/**
 * What to do after a failed request, following GitHub's "Handle rate limit errors appropriately":
 * `retry-after` first; then `x-ratelimit-remaining: 0` waits for `x-ratelimit-reset`; a 403/429
 * saying "secondary rate limit" (or a bare 429) waits a minute, doubling; a 5xx is resent with
 * exponential backoff only when resending is safe. Any other status fails at once.
 *
 * @example
 * decideRetry({ status: 403, headers: { 'retry-after': '30' }, message: '', retries: 0, safeToResend: false },
 *   { maxRetries: 3, retryBaseMs: 1000, maxRateLimitWaitMs: 60_000 }, 0);
 * // { action: 'wait', cause: 'secondary', untilMs: 30000 }
 */
export function decideRetry(failure: FailedAttempt, policy: RetryPolicy, nowMs: number): RetryDecision {
  const { status, headers } = failure;
  if (status === 403 || status === 429) {
    const limit = rateLimitWait(failure, nowMs);
    if (!limit) return { action: 'fail' };
    const tooLong = limit.untilMs - nowMs > policy.maxRateLimitWaitMs;
    if (tooLong || failure.retries >= policy.maxRetries) return { action: 'retry-later', ...limit };
    return { action: 'wait', ...limit };
  }
  if (status !== undefined && status >= 500 && failure.safeToResend && failure.retries < policy.maxRetries) {
    const backoff = policy.retryBaseMs * 2 ** failure.retries;
    return {
      action: 'wait',
      cause: 'server-error',
      untilMs: nowMs + (retryAfterMs(headers, nowMs) ?? backoff),
    };
  }
  return { action: 'fail' };
}

function rateLimitWait(
  failure: FailedAttempt,
  nowMs: number,
): { cause: RateLimitKind; untilMs: number } | undefined {
  const { headers, status } = failure;
  const retryAfter = retryAfterMs(headers, nowMs);
  const exhausted = String(headers['x-ratelimit-remaining']) === '0';
  const reset = exhausted ? localResetTime(headers, nowMs) : undefined;
  if (exhausted && reset !== undefined) {
    return { cause: 'primary', untilMs: Math.max(reset, nowMs + (retryAfter ?? 0)) };
  }
  if (retryAfter !== undefined) return { cause: 'secondary', untilMs: nowMs + retryAfter };
  if (status === 429 || SECONDARY_MESSAGE.test(failure.message)) {
    return { cause: 'secondary', untilMs: nowMs + SECONDARY_FALLBACK_MS * 2 ** failure.retries };
  }
  // A plain 403 is a permission problem: waiting will not help.
  return undefined;
}
