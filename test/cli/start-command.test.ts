import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { waitFor } from '../support/sheriff-harness.js';

const MAIN = new URL('../../src/cli/main.ts', import.meta.url).pathname;

/**
 * `sheriff start` as a newcomer runs it: no credentials, no database server. It must take its
 * port and answer /healthz before the store is open, say what is missing, become ready, and stop
 * cleanly on SIGTERM.
 */
describe('sheriff start with nothing configured', () => {
  let child: ChildProcess;
  let dataDir: string;
  const lines: Array<Record<string, unknown>> = [];

  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'sheriff-start-'));
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      LOG_LEVEL: 'info',
    };
    for (const name of ['WEBHOOK_SECRET', 'APP_ID', 'PRIVATE_KEY', 'PRIVATE_KEY_PATH', 'DATABASE_URL'])
      delete env[name];
    child = spawn(process.execPath, ['--import', 'tsx', MAIN, 'start'], {
      env,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    createInterface({ input: child.stdout! }).on('line', (line) => {
      try {
        lines.push(JSON.parse(line) as Record<string, unknown>);
      } catch {
        // not a log line
      }
    });
  });
  afterAll(() => {
    if (child.exitCode === null) child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers /healthz, says what is missing, becomes ready, and exits 0 on SIGTERM', async () => {
    await waitFor(() => lines.some((line) => line.msg === 'listening; opening the store'), 60_000);
    const url = lines.find((line) => line.msg === 'listening; opening the store')!.url as string;
    const health = await fetch(`${url}/healthz`);
    expect(health.status).toBe(200);

    const messages = lines.map((line) => String(line.msg));
    expect(messages.some((message) => message.includes('WEBHOOK_SECRET'))).toBe(true);
    expect(messages.some((message) => message.includes('APP_ID') && message.includes('app.yml'))).toBe(true);

    await waitFor(async () => (await fetch(`${url}/readyz`)).status === 200, 60_000);
    expect(await (await fetch(`${url}/readyz`)).json()).toMatchObject({ status: 'ready', store: 'pglite' });

    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  }, 120_000);
});
