import { DEFAULT_GITHUB_CLIENT_SETTINGS } from '../../src/github/github-client-settings.js';
import { readSettings, SettingsError } from '../../src/settings/read-settings.js';

describe('GitHub client settings', () => {
  it("default to GitHub's documented limits", () => {
    expect(readSettings({}).github).toEqual({
      writesPerMinute: 80,
      writesPerHour: 500,
      concurrency: 10,
      maxRateLimitWaitMs: 15_000,
      maxRetries: 3,
      retryBaseMs: 1000,
      etagCacheBytes: 32 * 1024 * 1024,
    });
    expect(readSettings({}).github).toEqual(DEFAULT_GITHUB_CLIENT_SETTINGS);
  });

  it('are read from the environment', () => {
    const { github } = readSettings({
      GITHUB_WRITES_PER_MINUTE: '20',
      GITHUB_WRITES_PER_HOUR: '200',
      GITHUB_CONCURRENCY: '4',
      GITHUB_MAX_RATE_LIMIT_WAIT_MS: '5000',
      GITHUB_MAX_RETRIES: '1',
      GITHUB_RETRY_BASE_MS: '250',
      GITHUB_ETAG_CACHE_BYTES: '0',
    });
    expect(github).toEqual({
      writesPerMinute: 20,
      writesPerHour: 200,
      concurrency: 4,
      maxRateLimitWaitMs: 5000,
      maxRetries: 1,
      retryBaseMs: 250,
      etagCacheBytes: 0,
    });
  });

  it('refuse limits that cannot work, naming the variable', () => {
    expect(() => readSettings({ GITHUB_WRITES_PER_MINUTE: '0' })).toThrow(SettingsError);
    expect(() => readSettings({ GITHUB_CONCURRENCY: '101' })).toThrow(/GITHUB_CONCURRENCY/);
  });
});
