/** Reading GitHub's rate-limit headers: `x-ratelimit-*` (primary) and `retry-after` (secondary). */

export type ResponseHeaders = Readonly<Record<string, string | number | undefined>>;

export interface PrimaryLimitState {
  remaining: number;
  /** The bucket, from `x-ratelimit-resource`, when GitHub named it. */
  resource: string | undefined;
  /** When the window resets, on the local clock (see `localResetTime`); undefined without `x-ratelimit-reset`. */
  resetAtMs: number | undefined;
}

/**
 * The primary limit a response reports, or undefined when it carries no `x-ratelimit-remaining`
 * (GitHub Enterprise Server with rate limits off).
 */
export function readPrimaryLimit(headers: ResponseHeaders, nowMs: number): PrimaryLimitState | undefined {
  const remaining = Number(headers['x-ratelimit-remaining']);
  if (headers['x-ratelimit-remaining'] === undefined || !Number.isFinite(remaining)) return undefined;
  const resource = headers['x-ratelimit-resource'];
  return {
    remaining,
    resource: resource === undefined ? undefined : String(resource),
    resetAtMs: localResetTime(headers, nowMs),
  };
}

/**
 * `x-ratelimit-reset` (epoch seconds on GitHub's clock) as a time on the local clock. The distance
 * to the reset is measured from the response's `date`, also GitHub's clock, so a skewed local
 * clock neither waits too long nor retries too early.
 */
export function localResetTime(headers: ResponseHeaders, nowMs: number): number | undefined {
  const reset = Number(headers['x-ratelimit-reset']);
  if (headers['x-ratelimit-reset'] === undefined || !Number.isFinite(reset)) return undefined;
  const serverNow = Date.parse(String(headers.date ?? ''));
  const waitMs = reset * 1000 - (Number.isFinite(serverNow) ? serverNow : nowMs);
  return nowMs + Math.max(0, waitMs);
}

/** `retry-after` in milliseconds (seconds or an HTTP date), or undefined when absent or unreadable. */
export function retryAfterMs(headers: ResponseHeaders, nowMs: number): number | undefined {
  const value = headers['retry-after'];
  if (value === undefined || value === '') return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(String(value));
  if (!Number.isFinite(date)) return undefined;
  const serverNow = Date.parse(String(headers.date ?? ''));
  return Math.max(0, date - (Number.isFinite(serverNow) ? serverNow : nowMs));
}
