import type { Clock } from './clock.js';
import { ConcurrencyLimit } from './concurrency-limit.js';
import type { GitHubClientSettings } from './github-client-settings.js';
import { type GitHubLimit, GitHubRateLimitError } from './github-rate-limit-error.js';
import { readPrimaryLimit, type ResponseHeaders } from './rate-limit-headers.js';
import { SlidingWindowLog } from './sliding-window-log.js';

/** What the gate needs to know about a request before letting it go. */
export interface GateRequest {
  /** The primary-limit bucket (`rateLimitResourceFor`). */
  resource: string;
  /** Counts against the content-creation windows (`isContentCreating`). */
  contentCreating: boolean;
}

interface Pause {
  limit: GitHubLimit;
  untilMs: number;
}

/**
 * Everything that paces one installation's requests: the content-creation windows, the concurrency
 * cap, and pauses after a rate limit (a secondary limit pauses the whole installation, an exhausted
 * primary bucket pauses that bucket). One gate per installation, so installations never queue
 * behind each other.
 *
 * Hand-rolled rather than Bottleneck (which `@octokit/plugin-throttling` uses) because Sheriff needs
 * two sliding windows at once, a pause that holds back every queued request of the installation
 * (plugin-throttling's retry delay does not: octokit/plugin-throttling.js#629), waits that can be
 * refused up front when longer than allowed, and an injectable clock; Bottleneck offers a
 * fixed-interval reservoir on the real clock and is no longer maintained.
 */
export class InstallationGate {
  private readonly slots: ConcurrencyLimit;
  private readonly writes: SlidingWindowLog;
  private secondaryPauseUntil = 0;
  private readonly primaryPauseUntil = new Map<string, number>();

  constructor(
    /** The installation id, or `app`. */
    readonly installation: string,
    private readonly settings: GitHubClientSettings,
    private readonly clock: Clock,
  ) {
    this.slots = new ConcurrencyLimit(settings.concurrency);
    this.writes = new SlidingWindowLog([
      { limit: settings.writesPerMinute, windowMs: 60_000 },
      { limit: settings.writesPerHour, windowMs: 3_600_000 },
    ]);
  }

  /**
   * Waits until the request may be sent and returns the release for its concurrency slot. Throws
   * `GitHubRateLimitError` instead of waiting longer than `maxRateLimitWaitMs`.
   */
  async admit(request: GateRequest): Promise<() => void> {
    await this.waitOutPause(request.resource);
    if (request.contentCreating) await this.waitForWriteSlot();
    for (;;) {
      await this.waitOutPause(request.resource);
      const release = await this.slots.acquire();
      // A pause may have begun while this request queued for a slot.
      if (!this.pauseFor(request.resource)) return release;
      release();
    }
  }

  /** Holds back requests after a rate limit, until `untilMs` (a later pause already in force wins). */
  pause(limit: 'primary' | 'secondary', untilMs: number, resource = 'core'): void {
    if (limit === 'secondary') {
      this.secondaryPauseUntil = Math.max(this.secondaryPauseUntil, untilMs);
    } else {
      this.primaryPauseUntil.set(resource, Math.max(this.primaryPauseUntil.get(resource) ?? 0, untilMs));
    }
  }

  /**
   * Reads a response's rate-limit headers: once a bucket's `x-ratelimit-remaining` reaches 0, later
   * requests on it wait for the reset (or fail fast) rather than being sent to be refused. Only when
   * GitHub names the bucket the request was classified into (or none): a bucket Sheriff cannot
   * tell apart from `core` must not pause `core`.
   */
  observe(headers: ResponseHeaders, resource: string): void {
    const state = readPrimaryLimit(headers, this.clock.now());
    if (state?.remaining !== 0 || state.resetAtMs === undefined) return;
    if ((state.resource ?? resource) === resource) this.pause('primary', state.resetAtMs, resource);
  }

  /** Requests of this installation holding a concurrency slot. */
  get inFlight(): number {
    return this.slots.inFlight;
  }

  private pauseFor(resource: string): Pause | undefined {
    const now = this.clock.now();
    const primary = this.primaryPauseUntil.get(resource) ?? 0;
    if (this.secondaryPauseUntil <= now && primary <= now) return undefined;
    return this.secondaryPauseUntil >= primary
      ? { limit: 'secondary', untilMs: this.secondaryPauseUntil }
      : { limit: 'primary', untilMs: primary };
  }

  private async waitOutPause(resource: string): Promise<void> {
    for (let pause = this.pauseFor(resource); pause; pause = this.pauseFor(resource)) {
      await this.waitUntil(pause.limit, pause.untilMs);
    }
  }

  private async waitForWriteSlot(): Promise<void> {
    const at = this.writes.nextSlot(this.clock.now());
    this.refuseIfTooLong('content-creation', at);
    this.writes.reserve(at);
    await this.waitUntil('content-creation', at);
  }

  private async waitUntil(limit: GitHubLimit, untilMs: number): Promise<void> {
    this.refuseIfTooLong(limit, untilMs);
    const waitMs = untilMs - this.clock.now();
    if (waitMs > 0) await this.clock.sleep(waitMs);
  }

  private refuseIfTooLong(limit: GitHubLimit, untilMs: number): void {
    const now = this.clock.now();
    if (untilMs - now > this.settings.maxRateLimitWaitMs) {
      throw new GitHubRateLimitError(limit, this.installation, new Date(untilMs), now);
    }
  }
}
