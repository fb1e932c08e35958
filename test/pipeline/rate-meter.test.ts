import { RateMeter } from '../../src/pipeline/rate-meter.js';

describe('RateMeter', () => {
  it('counts the events of the last window and forgets older ones', () => {
    let now = 0;
    const meter = new RateMeter(1000, 10, () => now);
    for (let i = 0; i < 50; i++) meter.mark();
    expect(meter.perSecond()).toBe(50);
    now = 500;
    meter.mark(30);
    expect(meter.perSecond()).toBe(80);
    // 1,050 ms after the first burst: its bucket has left the window, the second one has not.
    now = 1050;
    expect(meter.perSecond()).toBe(30);
    now = 60_000;
    expect(meter.perSecond()).toBe(0);
  });

  it('reports a rate per second for windows other than one second', () => {
    let now = 0;
    const meter = new RateMeter(250, 5, () => now);
    meter.mark(100);
    expect(meter.perSecond()).toBe(400);
    now = 300;
    expect(meter.perSecond()).toBe(0);
  });
});
