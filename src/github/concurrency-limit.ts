/**
 * At most `max` holders at once; the rest wait in arrival order.
 *
 * @example
 * const release = await slots.acquire();
 * try { await send(); } finally { release(); }
 */
export class ConcurrencyLimit {
  private active = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(private readonly max: number) {}

  /** Resolves with a release function once a slot is free; calling the release twice frees one slot. */
  async acquire(): Promise<() => void> {
    if (this.active < this.max) {
      this.active += 1;
    } else {
      // The releasing holder hands its slot straight over, so `active` stays as it is.
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    }
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.waiting.shift();
      if (next) next();
      else this.active -= 1;
    };
  }

  get inFlight(): number {
    return this.active;
  }
}
