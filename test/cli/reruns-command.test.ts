import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { RerunAudit } from '../../src/rerun/rerun-audit.js';
import { openStore, type StoreLocation } from '../../src/store/open-store.js';
import { BACKENDS, createScratchLocation, type ScratchLocation } from '../support/stores.js';

const run = promisify(execFile);
const CLI = new URL('../../src/cli/main.ts', import.meta.url).pathname;

function envOf(location: StoreLocation): Record<string, string> {
  const { DATABASE_URL: _url, DATA_DIR: _dir, ...env } = process.env as Record<string, string>;
  return location.backend === 'postgres'
    ? { ...env, DATABASE_URL: location.databaseUrl }
    : { ...env, DATA_DIR: location.dataDir ?? '' };
}

describe.each(BACKENDS)('sheriff reruns on %s', (backend) => {
  let scratch: ScratchLocation;

  beforeAll(async () => {
    scratch = await createScratchLocation(backend);
    const store = await openStore(scratch.location);
    const audit = new RerunAudit(store.db);
    const base = {
      repository: 'example-ack/lambda-controller',
      trackingKey: null,
      requestedBy: 'ana-lambda',
      context: 'example-ack/community#1',
    };
    const prow = await audit.add({
      ...base,
      requestId: 'd-1',
      job: 'post-lambda-controller-release',
      runId: 'prow:post-lambda-controller-release:1',
      backend: 'gangway',
    });
    await audit.finish(prow.id, 'started', 'execution 1 TRIGGERED', 'https://prow.example.dev/view/1');
    await audit.add({
      ...base,
      requestId: 'd-2',
      job: 'release',
      runId: 'actions:x:1:1',
      backend: 'actions',
    });
    await store.close();
  });
  afterAll(async () => {
    await scratch.dispose();
  });

  const reruns = (...args: string[]) =>
    run(process.execPath, ['--import', 'tsx', CLI, 'reruns', ...args], { env: envOf(scratch.location) });

  it('prints the audit as JSON, filtered by job', async () => {
    const { stdout } = await reruns('--json', '--job', 'post-lambda-controller-release');
    const records = JSON.parse(stdout) as Array<Record<string, unknown>>;
    expect(records).toEqual([
      expect.objectContaining({
        job: 'post-lambda-controller-release',
        backend: 'gangway',
        requestedBy: 'ana-lambda',
        state: 'started',
        detail: 'execution 1 TRIGGERED',
        url: 'https://prow.example.dev/view/1',
      }),
    ]);
  });

  it('prints one line per re-run and its answer', async () => {
    const { stdout } = await reruns('--job', 'release');
    const lines = stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(
      /^\S+ {2}example-ack\/lambda-controller {2}release {2}queued {2}by ana-lambda on example-ack\/community#1 {2}via actions$/,
    );
    expect(lines[1]).toBe('    -');
  });

  it('refuses a bad --limit, naming it', async () => {
    const failure = await reruns('--limit', '0').then(
      () => undefined,
      (error: { code: number; stderr: string }) => error,
    );
    expect(failure?.code).toBe(1);
    expect(failure?.stderr).toContain('--limit: an integer from 1 to 1000, not 0');
  });
});
