import { chooseRedeliveries, type HookDeliveryAttempt } from '../../src/github/choose-redeliveries.js';

const now = new Date('2025-05-14T12:00:00Z');
const policy = { now, windowMs: 3 * 86_400_000, settleMs: 120_000, maxPerRun: 10, maxRequestsPerGuid: 3 };
const minutesAgo = (minutes: number) => new Date(now.getTime() - minutes * 60_000).toISOString();
const attempt = (id: number, guid: string, minutes: number, status = 502): HookDeliveryAttempt => ({
  id,
  guid,
  delivered_at: minutesAgo(minutes),
  status_code: status,
  event: 'issue_comment',
});

describe('chooseRedeliveries', () => {
  it('asks again for deliveries the store never recorded, oldest first, using the newest attempt', () => {
    const chosen = chooseRedeliveries(
      [attempt(1, 'a', 60), attempt(2, 'b', 30), attempt(3, 'a', 20)],
      new Set(),
      new Map(),
      policy,
    );
    expect(chosen.map((c) => [c.guid, c.id])).toEqual([
      ['a', 3],
      ['b', 2],
    ]);
  });

  it('skips stored deliveries, even if GitHub saw a failure (we stored it, then timed out)', () => {
    expect(chooseRedeliveries([attempt(1, 'a', 60, 503)], new Set(['a']), new Map(), policy)).toEqual([]);
  });

  it('redelivers one GitHub recorded as OK if the store never saw it (a lost store)', () => {
    expect(chooseRedeliveries([attempt(1, 'a', 60, 202)], new Set(), new Map(), policy)).toHaveLength(1);
  });

  it('leaves alone what is outside the window, still settling, too large, or asked for too often', () => {
    const chosen = chooseRedeliveries(
      [
        attempt(1, 'old', 3 * 24 * 60 + 1),
        attempt(2, 'fresh', 1),
        attempt(3, 'huge', 60, 413),
        attempt(4, 'tired', 60),
        attempt(5, 'ok', 60),
      ],
      new Set(),
      new Map([['tired', 3]]),
      policy,
    );
    expect(chosen.map((c) => c.guid)).toEqual(['ok']);
  });

  it('bounds the number of requests per run', () => {
    const many = Array.from({ length: 25 }, (_, i) => attempt(i, `g${i}`, 100 - i));
    expect(chooseRedeliveries(many, new Set(), new Map(), policy)).toHaveLength(10);
  });
});
