import type { Clock } from '../../src/github/clock.js';

interface Sleeper {
  wakeAt: number;
  wake: () => void;
}

/**
 * A clock that only moves when the test says so: `sleep` parks until `advance` passes its wake
 * time. With `autoAdvance`, a sleep moves the clock at once instead (for tests that only need to
 * know how long the client waited).
 */
export class ManualClock implements Clock {
  private current: number;
  private sleepers: Sleeper[] = [];
  /** Every sleep asked for, in milliseconds, in order. */
  readonly sleeps: number[] = [];

  constructor(
    start: Date | string,
    private readonly options: { autoAdvance?: boolean } = {},
  ) {
    this.current = new Date(start).getTime();
  }

  now(): number {
    return this.current;
  }

  sleep(ms: number): Promise<void> {
    this.sleeps.push(ms);
    if (ms <= 0) return Promise.resolve();
    if (this.options.autoAdvance) {
      this.current += ms;
      return Promise.resolve();
    }
    return new Promise((wake) => this.sleepers.push({ wakeAt: this.current + ms, wake }));
  }

  /** Wake times of the sleeps still parked, earliest first. */
  get parked(): number[] {
    return this.sleepers.map((sleeper) => sleeper.wakeAt).sort((a, b) => a - b);
  }

  /** Moves time forward and wakes every sleeper that is due. */
  advance(ms: number): void {
    this.current += ms;
    const due = this.sleepers.filter((sleeper) => sleeper.wakeAt <= this.current);
    this.sleepers = this.sleepers.filter((sleeper) => sleeper.wakeAt > this.current);
    for (const sleeper of due.sort((a, b) => a.wakeAt - b.wakeAt)) sleeper.wake();
  }
}

/**
 * Lets the event loop run until `condition` holds. The bound only stops a broken test from hanging;
 * nothing is asserted about how long it took.
 */
export async function until(condition: () => boolean, what: string): Promise<void> {
  const giveUpAt = Date.now() + 10_000;
  while (!condition()) {
    if (Date.now() > giveUpAt) throw new Error(`never happened: ${what}`);
    await new Promise((resolve) => setImmediate(resolve));
  }
}
