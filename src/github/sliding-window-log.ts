/** A limit of `limit` events in any `windowMs` interval. */
export interface WindowLimit {
  limit: number;
  windowMs: number;
}

/**
 * First-come-first-served reservations under several sliding windows at once (80 a minute and
 * 500 an hour). It keeps the reserved times, at most the largest `limit` of them, so it knows
 * exactly when the oldest reservation leaves each window; a refilled bucket would have to guess.
 *
 * @example
 * const writes = new SlidingWindowLog([{ limit: 3, windowMs: 60_000 }]);
 * writes.reserve(writes.nextSlot(0)); // 0, 0, 0, then nextSlot(0) is 60000
 */
export class SlidingWindowLog {
  /** Reserved times, never decreasing (reservations are served in order). */
  private readonly times: number[] = [];
  private readonly longestMs: number;

  constructor(private readonly limits: readonly WindowLimit[]) {
    this.longestMs = Math.max(0, ...limits.map((limit) => limit.windowMs));
  }

  /** The earliest time, not before `nowMs` nor before any earlier reservation, that every window admits. */
  nextSlot(nowMs: number): number {
    this.forgetBefore(nowMs - this.longestMs);
    let at = Math.max(nowMs, this.times.at(-1) ?? nowMs);
    for (const { limit, windowMs } of this.limits) {
      // With `limit` reservations, the oldest of the last `limit` must have left the window.
      const oldest = this.times[this.times.length - limit];
      if (oldest !== undefined) at = Math.max(at, oldest + windowMs);
    }
    return at;
  }

  /** Takes the slot `nextSlot` returned. */
  reserve(atMs: number): void {
    this.times.push(atMs);
  }

  private forgetBefore(horizonMs: number): void {
    let expired = 0;
    while (expired < this.times.length && this.times[expired]! <= horizonMs) expired += 1;
    if (expired > 0) this.times.splice(0, expired);
  }
}
