/**
 * GitHub's primary rate limits, per resource: `core` (5000 requests an hour for an installation) and
 * `search` (30 a minute). Windows follow the double's clock, so a test moves past a reset with
 * `setClock`.
 */

export type RateLimitResource = 'core' | 'search';

export interface RateLimitStatus {
  resource: RateLimitResource;
  limit: number;
  remaining: number;
  used: number;
  /** Epoch seconds when the window resets. */
  reset: number;
}

export interface RateLimitOptions {
  core?: number;
  search?: number;
}

const WINDOW_SECONDS: Record<RateLimitResource, number> = { core: 3600, search: 60 };

/** Which bucket a request path draws from. */
export function resourceFor(path: string): RateLimitResource {
  return path.startsWith('/search/') ? 'search' : 'core';
}

export class RateLimiter {
  private readonly limits: Record<RateLimitResource, number>;
  private readonly windows = new Map<RateLimitResource, { start: number; used: number }>();

  constructor(
    options: RateLimitOptions,
    private readonly clock: () => Date,
  ) {
    this.limits = { core: options.core ?? 5000, search: options.search ?? 30 };
  }

  private window(resource: RateLimitResource) {
    const now = Math.floor(this.clock().getTime() / 1000);
    const current = this.windows.get(resource);
    if (current && now < current.start + WINDOW_SECONDS[resource]) return current;
    const fresh = { start: now, used: 0 };
    this.windows.set(resource, fresh);
    return fresh;
  }

  /**
   * The current state of a bucket.
   *
   * @example
   * limiter.status('core'); // { resource: 'core', limit: 5000, remaining: 5000, used: 0, reset: ... }
   */
  status(resource: RateLimitResource): RateLimitStatus {
    const window = this.window(resource);
    const limit = this.limits[resource];
    return {
      resource,
      limit,
      used: window.used,
      remaining: Math.max(limit - window.used, 0),
      reset: window.start + WINDOW_SECONDS[resource],
    };
  }

  isExhausted(resource: RateLimitResource): boolean {
    return this.status(resource).remaining === 0;
  }

  consume(resource: RateLimitResource): void {
    const window = this.window(resource);
    if (window.used < this.limits[resource]) window.used += 1;
  }

  /** The `x-ratelimit-*` headers GitHub sends on every response. */
  headers(resource: RateLimitResource): Record<string, string> {
    const status = this.status(resource);
    return {
      'x-ratelimit-limit': String(status.limit),
      'x-ratelimit-remaining': String(status.remaining),
      'x-ratelimit-used': String(status.used),
      'x-ratelimit-reset': String(status.reset),
      'x-ratelimit-resource': resource,
    };
  }
}
