import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { StoreLocation } from '../../src/store/open-store.js';
import { sendWebhook, TEST_SECRET } from '../support/sheriff-harness.js';
import { BACKENDS, createScratchLocation, type ScratchLocation } from '../support/stores.js';
import { webhookExample } from '../support/webhook-examples.js';

const CHILD = new URL('../support/processes/sheriff-child.ts', import.meta.url).pathname;

interface Child {
  process: ChildProcess;
  lines: Array<Record<string, string>>;
  next(
    predicate: (line: Record<string, string>) => boolean,
    timeoutMs?: number,
  ): Promise<Record<string, string>>;
  exited: Promise<NodeJS.Signals | number | null>;
}

function startChild(location: StoreLocation, env: Record<string, string>): Child {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD], {
    env: {
      ...process.env,
      ...(location.backend === 'postgres'
        ? { DATABASE_URL: location.databaseUrl }
        : { DATA_DIR: location.dataDir ?? '' }),
      PORT: '0',
      HOST: '127.0.0.1',
      WEBHOOK_SECRET: TEST_SECRET,
      LOG_LEVEL: 'silent',
      WORKER_POLL_MS: '50',
      WORKER_LEASE_MS: '1000',
      REDELIVERY_ENABLED: 'false',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines: Array<Record<string, string>> = [];
  const waiters: Array<() => void> = [];
  createInterface({ input: child.stdout! }).on('line', (text) => {
    try {
      lines.push(JSON.parse(text));
    } catch {
      return;
    }
    for (const wake of waiters.splice(0)) wake();
  });
  const exited = new Promise<NodeJS.Signals | number | null>((resolve) =>
    child.on('exit', (code, signal) => resolve(signal ?? code)),
  );
  return {
    process: child,
    lines,
    exited,
    async next(predicate, timeoutMs = 20_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = lines.find(predicate);
        if (found) return found;
        if (Date.now() > deadline)
          throw new Error(`child did not report in time; saw ${JSON.stringify(lines)}`);
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
          setTimeout(resolve, 100);
        });
      }
    },
  };
}

describe.each(BACKENDS)('a worker killed mid-handling on %s', (backend) => {
  let scratch: ScratchLocation;
  const children: Child[] = [];

  beforeEach(async () => {
    scratch = await createScratchLocation(backend);
  });
  afterEach(async () => {
    for (const child of children.splice(0)) {
      if (child.process.exitCode === null && child.process.signalCode === null) child.process.kill('SIGKILL');
      await child.exited;
    }
    await scratch.dispose();
  });

  it('loses nothing: after a restart the unfinished work runs', async () => {
    const doomed = startChild(scratch.location, { HANG_ON_EVENT: '1' });
    children.push(doomed);
    const { listening } = await doomed.next((line) => 'listening' in line);
    const response = await sendWebhook(listening!, 'issues', webhookExample('issues', 'opened'), {
      delivery: 'crash-1',
    });
    expect(response.status).toBe(202);
    await doomed.next((line) => line.handling === 'crash-1');

    doomed.process.kill('SIGKILL');
    expect(await doomed.exited).toBe('SIGKILL');

    const restarted = startChild(scratch.location, {});
    children.push(restarted);
    await restarted.next((line) => line.handled === 'crash-1');
    expect(restarted.lines.filter((line) => line.handled === 'crash-1')).toHaveLength(1);
  });
});
