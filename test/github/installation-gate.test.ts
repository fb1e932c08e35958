import { DEFAULT_GITHUB_CLIENT_SETTINGS } from '../../src/github/github-client-settings.js';
import { GitHubRateLimitError } from '../../src/github/github-rate-limit-error.js';
import { InstallationGate } from '../../src/github/installation-gate.js';
import { ManualClock, until } from './manual-clock.js';

const START = '2025-05-14T10:00:00Z';
const core = { resource: 'core', contentCreating: false };

function gate(clock: ManualClock, settings: Partial<typeof DEFAULT_GITHUB_CLIENT_SETTINGS> = {}) {
  return new InstallationGate('11', { ...DEFAULT_GITHUB_CLIENT_SETTINGS, ...settings }, clock);
}

function exhausted(clock: ManualClock, resource: string, resetInSeconds: number) {
  return {
    'x-ratelimit-remaining': '0',
    'x-ratelimit-resource': resource,
    'x-ratelimit-reset': String(clock.now() / 1000 + resetInSeconds),
    date: new Date(clock.now()).toUTCString(),
  };
}

describe('InstallationGate', () => {
  it('lets `concurrency` requests in, and the next one when a slot is released', async () => {
    const clock = new ManualClock(START);
    const subject = gate(clock, { concurrency: 2 });
    const first = await subject.admit(core);
    await subject.admit(core);
    let third = false;
    const waiting = subject.admit(core).then((release) => {
      third = true;
      return release;
    });
    await new Promise((resolve) => setImmediate(resolve));
    expect(third).toBe(false);
    first();
    await waiting;
    expect(subject.inFlight).toBe(2);
  });

  it('pauses a bucket whose remaining reached 0, and only that bucket', async () => {
    const clock = new ManualClock(START);
    const subject = gate(clock);
    subject.observe(exhausted(clock, 'search', 5), 'search');

    (await subject.admit(core))();
    const search = subject.admit({ resource: 'search', contentCreating: false });
    await until(() => clock.parked.length === 1, 'the search waits');
    expect(clock.parked).toEqual([clock.now() + 5000]);
    clock.advance(5000);
    (await search)();
  });

  it('does not pause core for a bucket it cannot tell apart from core', async () => {
    const clock = new ManualClock(START);
    const subject = gate(clock);
    subject.observe(exhausted(clock, 'integration_manifest', 3000), 'core');
    (await subject.admit(core))();
    expect(clock.sleeps).toEqual([]);
  });

  it('refuses up front to wait longer than allowed', async () => {
    const clock = new ManualClock(START);
    const subject = gate(clock, { maxRateLimitWaitMs: 1000 });
    subject.pause('secondary', clock.now() + 60_000);
    await expect(subject.admit(core)).rejects.toBeInstanceOf(GitHubRateLimitError);
    await expect(subject.admit({ resource: 'search', contentCreating: true })).rejects.toMatchObject({
      limit: 'secondary',
      delayMs: 60_000,
    });
  });
});
