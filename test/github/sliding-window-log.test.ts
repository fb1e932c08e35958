import { SlidingWindowLog } from '../../src/github/sliding-window-log.js';

function take(log: SlidingWindowLog, nowMs: number): number {
  const at = log.nextSlot(nowMs);
  log.reserve(at);
  return at;
}

describe('SlidingWindowLog', () => {
  it('admits `limit` at once, then the next when the oldest leaves the window', () => {
    const log = new SlidingWindowLog([{ limit: 3, windowMs: 60_000 }]);
    expect([take(log, 0), take(log, 10), take(log, 20)]).toEqual([0, 10, 20]);
    expect(take(log, 30)).toBe(60_000);
    // Reservations are served in order: the next one queues behind the one waiting.
    expect(take(log, 40)).toBe(60_010);
  });

  it('honours every window at once (a minute and an hour)', () => {
    const log = new SlidingWindowLog([
      { limit: 2, windowMs: 60_000 },
      { limit: 3, windowMs: 3_600_000 },
    ]);
    expect([take(log, 0), take(log, 0), take(log, 0)]).toEqual([0, 0, 60_000]);
    expect(log.nextSlot(60_000)).toBe(3_600_000);
  });

  it('forgets what left the longest window', () => {
    const log = new SlidingWindowLog([{ limit: 1, windowMs: 1000 }]);
    take(log, 0);
    expect(log.nextSlot(5000)).toBe(5000);
  });
});
