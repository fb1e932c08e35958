/**
 * Counts events over a short sliding window in fixed buckets (cheap enough to call on every
 * delivery): `perSecond()` is the rate over the last `windowMs`.
 *
 * @example
 * const meter = new RateMeter(1000, 10);
 * meter.mark(); meter.perSecond(); // 1
 */
export class RateMeter {
  private readonly buckets: number[];
  private readonly bucketMs: number;
  private current = 0;
  private currentStart = 0;

  constructor(
    private readonly windowMs: number,
    bucketCount: number,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.buckets = new Array<number>(bucketCount).fill(0);
    this.bucketMs = windowMs / bucketCount;
  }

  mark(count = 1): void {
    this.advance();
    this.buckets[this.current]! += count;
  }

  perSecond(): number {
    this.advance();
    const total = this.buckets.reduce((sum, value) => sum + value, 0);
    return (total * 1000) / this.windowMs;
  }

  private advance(): void {
    const now = this.now();
    const elapsed = Math.floor((now - this.currentStart) / this.bucketMs);
    if (elapsed <= 0) return;
    // Clear every bucket we moved past (all of them after a long quiet spell).
    for (let step = 1; step <= Math.min(elapsed, this.buckets.length); step += 1)
      this.buckets[(this.current + step) % this.buckets.length] = 0;
    this.current = (this.current + elapsed) % this.buckets.length;
    this.currentStart += elapsed * this.bucketMs;
  }
}
