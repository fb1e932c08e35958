import { decideRetry, type FailedAttempt, type RetryPolicy } from '../../src/github/decide-retry.js';

const policy: RetryPolicy = { maxRetries: 3, retryBaseMs: 1000, maxRateLimitWaitMs: 15_000 };
const NOW = Date.parse('2025-05-14T10:00:00Z');
const DATE = new Date(NOW).toUTCString();

function failure(overrides: Partial<FailedAttempt>): FailedAttempt {
  return { status: 500, headers: {}, message: '', retries: 0, safeToResend: true, ...overrides };
}

describe('decideRetry', () => {
  describe('secondary limits', () => {
    it('waits for retry-after, installation-wide', () => {
      expect(decideRetry(failure({ status: 403, headers: { 'retry-after': '10' } }), policy, NOW)).toEqual({
        action: 'wait',
        cause: 'secondary',
        untilMs: NOW + 10_000,
      });
    });

    it('waits even for a POST that is not safe to resend: GitHub refused it, nothing was created', () => {
      const decision = decideRetry(
        failure({ status: 429, headers: { 'retry-after': '5' }, safeToResend: false }),
        policy,
        NOW,
      );
      expect(decision).toEqual({ action: 'wait', cause: 'secondary', untilMs: NOW + 5000 });
    });

    it('hands a wait longer than the maximum to the job queue', () => {
      expect(decideRetry(failure({ status: 403, headers: { 'retry-after': '60' } }), policy, NOW)).toEqual({
        action: 'retry-later',
        cause: 'secondary',
        untilMs: NOW + 60_000,
      });
    });

    it('without retry-after, waits a minute and doubles (GitHub: at least one minute, then back off)', () => {
      const longPolicy = { ...policy, maxRateLimitWaitMs: 10 * 60_000 };
      const message = 'You have exceeded a secondary rate limit. Please wait a few minutes.';
      expect(decideRetry(failure({ status: 403, message }), longPolicy, NOW)).toMatchObject({
        untilMs: NOW + 60_000,
      });
      expect(decideRetry(failure({ status: 403, message, retries: 2 }), longPolicy, NOW)).toMatchObject({
        untilMs: NOW + 240_000,
      });
    });

    it('stops after the maximum retries, and says when to come back', () => {
      expect(
        decideRetry(failure({ status: 403, headers: { 'retry-after': '1' }, retries: 3 }), policy, NOW),
      ).toEqual({ action: 'retry-later', cause: 'secondary', untilMs: NOW + 1000 });
    });
  });

  describe('primary limits', () => {
    const exhausted = (resetInSeconds: number) => ({
      'x-ratelimit-remaining': '0',
      'x-ratelimit-reset': String(NOW / 1000 + resetInSeconds),
      date: DATE,
    });

    it('waits for x-ratelimit-reset when it is near', () => {
      expect(decideRetry(failure({ status: 403, headers: exhausted(5) }), policy, NOW)).toEqual({
        action: 'wait',
        cause: 'primary',
        untilMs: NOW + 5000,
      });
    });

    it('gives the reset time to the job queue when it is far', () => {
      expect(decideRetry(failure({ status: 429, headers: exhausted(1800) }), policy, NOW)).toEqual({
        action: 'retry-later',
        cause: 'primary',
        untilMs: NOW + 1_800_000,
      });
    });

    it("measures the distance to the reset on GitHub's clock, not ours", () => {
      const skewedNow = NOW + 3_600_000; // our clock is an hour ahead of GitHub's
      expect(decideRetry(failure({ status: 403, headers: exhausted(5) }), policy, skewedNow)).toMatchObject({
        action: 'wait',
        untilMs: skewedNow + 5000,
      });
    });
  });

  it('fails at once on a 403 that is no rate limit (a missing permission)', () => {
    const headers = { 'x-ratelimit-remaining': '4000' };
    expect(
      decideRetry(
        failure({ status: 403, headers, message: 'Resource not accessible by integration' }),
        policy,
        NOW,
      ),
    ).toEqual({ action: 'fail' });
  });

  describe('server errors', () => {
    it('resends a safe request with exponential backoff', () => {
      expect(decideRetry(failure({ status: 502 }), policy, NOW)).toEqual({
        action: 'wait',
        cause: 'server-error',
        untilMs: NOW + 1000,
      });
      expect(decideRetry(failure({ status: 502, retries: 2 }), policy, NOW)).toMatchObject({
        untilMs: NOW + 4000,
      });
    });

    it('does not resend a request that may have created something', () => {
      expect(decideRetry(failure({ status: 502, safeToResend: false }), policy, NOW)).toEqual({
        action: 'fail',
      });
    });

    it('gives up after the maximum retries', () => {
      expect(decideRetry(failure({ status: 503, retries: 3 }), policy, NOW)).toEqual({ action: 'fail' });
    });
  });

  it.each([400, 401, 404, 422])('fails at once on %i', (status) => {
    expect(decideRetry(failure({ status }), policy, NOW)).toEqual({ action: 'fail' });
  });
});
