import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  burstConcurrencyFor,
  describeMissingSettings,
  readSettings,
  SettingsError,
} from '../../src/settings/read-settings.js';

describe('readSettings', () => {
  it('defaults to the embedded store under ./.data on port 3000 with a 25 MiB body cap', () => {
    const settings = readSettings({});
    expect(settings.port).toBe(3000);
    expect(settings.store).toEqual({ backend: 'pglite', dataDir: expect.stringMatching(/\.data$/) });
    expect(settings.maxBodyBytes).toBe(25 * 1024 * 1024);
    expect(settings.webhookSecrets).toEqual([]);
  });

  it('pauses the work during a burst on PGlite and keeps two jobs on PostgreSQL, unless told otherwise', () => {
    const unset = readSettings({}).worker;
    expect(unset.burstConcurrency).toBeUndefined();
    expect(unset.burstMaxPauseMs).toBe(10_000);
    expect(burstConcurrencyFor('pglite', unset.burstConcurrency)).toBe(0);
    expect(burstConcurrencyFor('postgres', unset.burstConcurrency)).toBe(2);
    const set = readSettings({ WORKER_BURST_CONCURRENCY: '3', WORKER_BURST_MAX_PAUSE_MS: '500' }).worker;
    expect(burstConcurrencyFor('pglite', set.burstConcurrency)).toBe(3);
    expect(set.burstMaxPauseMs).toBe(500);
    expect(() => readSettings({ WORKER_BURST_CONCURRENCY: '-1' })).toThrow(SettingsError);
  });

  it('uses PostgreSQL when DATABASE_URL is set', () => {
    expect(readSettings({ DATABASE_URL: 'postgres://sheriff:pw@db:5432/sheriff' }).store).toEqual({
      backend: 'postgres',
      databaseUrl: 'postgres://sheriff:pw@db:5432/sheriff',
    });
  });

  it('collects rotated secrets without blanks or repeats', () => {
    expect(readSettings({ WEBHOOK_SECRET: 'a', WEBHOOK_SECRETS: 'b, a,,c' }).webhookSecrets).toEqual([
      'a',
      'b',
      'c',
    ]);
  });

  it('reads every token list the same way: inline, comma-separated, and one a line from a file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sheriff-settings-'));
    const file = join(dir, 'tokens');
    writeFileSync(file, 'from-file\n\nrotated\n');
    try {
      const settings = readSettings({
        WEBHOOK_SECRET_FILE: file,
        PROWJOB_TOKEN: 'inline',
        PROWJOB_TOKEN_FILE: file,
        FLAGGER_TOKENS: 'f1,f2',
      });
      expect(settings.webhookSecrets).toEqual(['from-file', 'rotated']);
      expect(settings.prowjobTokens).toEqual(['inline', 'from-file', 'rotated']);
      expect(settings.flaggerTokens).toEqual(['f1', 'f2']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('names every invalid variable', () => {
    expect(() => readSettings({ PORT: 'eighty', LOG_LEVEL: 'loud' })).toThrow(SettingsError);
    expect(() => readSettings({ PORT: 'eighty', LOG_LEVEL: 'loud' })).toThrow(/PORT: .*LOG_LEVEL: /);
  });

  it('says what is missing and how to register the App', () => {
    const missing = describeMissingSettings(readSettings({}));
    expect(missing).toHaveLength(2);
    expect(missing[0]).toMatch(/WEBHOOK_SECRET/);
    expect(missing[1]).toMatch(/APP_ID.*PRIVATE_KEY.*app\.yml/);
    expect(
      describeMissingSettings(readSettings({ WEBHOOK_SECRET: 's', APP_ID: '1', PRIVATE_KEY: 'k' })),
    ).toEqual([]);
  });
});
