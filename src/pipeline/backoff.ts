/**
 * Delay before attempt `attempt + 1`: exponential from `baseMs`, capped at `maxMs`, with full
 * jitter on the upper half so that many jobs failing together (a GitHub outage) do not all
 * retry in the same instant.
 */
export function backoffDelay(
  attempt: number,
  baseMs: number,
  maxMs: number,
  random: () => number = Math.random,
): number {
  const exponential = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(exponential / 2 + (random() * exponential) / 2);
}
