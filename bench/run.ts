/**
 * `npm run bench`: the ack path and pipeline of Sheriff against a Probot no-op baseline, on each
 * store. See bench/README.md for how to read it. Flags:
 *   --json                 print the result object as the last line of stdout
 *   --store pglite|postgres|both   (default both)
 *   --count N              deliveries in the saturation phase (default 6000)
 *   --rate R --seconds S   the paced phase (default 200/s for 10 s)
 *   --connections C        concurrent connections at saturation (default 50)
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { percentile, type SendResult, sendPaced, sendSaturated } from './load.js';
import { type ServerProcess, startServer } from './processes.js';
import { createGitHubDouble, type GitHubDouble } from '../src/github-double/index.js';
import { BENCH_EXTRA_ISSUES, BENCH_EXTRA_PULLS, BENCH_ISSUES, BENCH_REPO, buildStream } from './stream.js';

const SECRET = 'bench-secret';
const PAYLOAD_BYTES = 25 * 1024;
const ADMIN_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

type StoreName = 'pglite' | 'postgres';

interface StoreResult {
  store: StoreName;
  events_per_s: number;
  ack_p50_ms: number;
  ack_p99_ms: number;
  e2e_p50_ms: number;
  e2e_p99_ms: number;
  command_e2e_p50_ms: number;
  command_e2e_p99_ms: number;
  /** Release failure delivered to tracking issue opened (the first failure of each paced job). */
  mttd_p50_ms: number;
  mttd_p99_ms: number;
  tracking_issues_opened: number;
  api_requests_per_event: number;
  api_writes_per_event: number;
  rss_mb: number;
  baseline_events_per_s: number;
  ratio_to_baseline: number;
  paced_rate_per_s: number;
  non_2xx: number;
}

const { values: flags } = parseArgs({
  options: {
    json: { type: 'boolean', default: false },
    store: { type: 'string', default: 'both' },
    count: { type: 'string', default: '6000' },
    rate: { type: 'string', default: '200' },
    seconds: { type: 'string', default: '10' },
    connections: { type: 'string', default: '50' },
  },
});
const count = Number(flags.count);
const rate = Number(flags.rate);
const pacedCount = rate * Number(flags.seconds);
const connections = Number(flags.connections);
const stores: StoreName[] = flags.store === 'both' ? ['pglite', 'postgres'] : [flags.store as StoreName];

const progress = process.stderr.isTTY
  ? (label: string, done: number, total: number) => {
      const width = 30;
      const filled = Math.round((done / total) * width);
      process.stderr.write(
        `\r${label.padEnd(28)} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}`,
      );
      if (done >= total) process.stderr.write('\n');
    }
  : () => {};

const round = (value: number) => Math.round(value * 10) / 10;
const ok = (results: SendResult[]) => results.filter((result) => result.status >= 200 && result.status < 300);

async function measureBaseline(): Promise<number> {
  const server = await startServer('probot-baseline', { WEBHOOK_SECRET: SECRET });
  try {
    const warm = buildStream(500, SECRET, PAYLOAD_BYTES).map((d) => ({ ...d, id: `warm-${d.id}` }));
    await sendSaturated(server.url, warm, connections);
    const stream = buildStream(count, SECRET, PAYLOAD_BYTES);
    const { results, seconds } = await sendSaturated(server.url, stream, connections, (done) =>
      progress('baseline (Probot no-op)', done, count),
    );
    progress('baseline (Probot no-op)', count, count);
    return ok(results).length / seconds;
  } finally {
    await server.stop();
  }
}

async function withStoreEnv<T>(
  store: StoreName,
  run: (env: Record<string, string>) => Promise<T>,
): Promise<T> {
  if (store === 'pglite') {
    const dir = mkdtempSync(join(tmpdir(), 'sheriff-bench-'));
    try {
      return await run({ DATA_DIR: dir });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  const name = `sheriff_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  try {
    return await run({ DATABASE_URL: url.toString() });
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}

async function waitHandled(server: ServerProcess, ids: readonly string[], timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (ids.some((id) => !server.handledAt.has(id))) {
    if (Date.now() > deadline) throw new Error('not every accepted delivery was handled in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const APP_KEY = generateKeyPairSync('rsa', {
  modulusLength: 2048,
  privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
  publicKeyEncoding: { type: 'spki', format: 'pem' },
}).privateKey;

/** The GitHub the bench's payloads talk about: their repository, with issues and PRs to act on. */
function benchDouble(): GitHubDouble {
  return createGitHubDouble(
    {
      repos: {
        [BENCH_REPO]: {
          defaultBranch: 'main',
          labels: ['do-not-merge/hold'],
          issues: [
            ...Array.from({ length: BENCH_ISSUES }, (_, i) => ({
              number: i + 1,
              title: `Change ${i + 1}`,
              user: 'Codertocat',
              state: 'open' as const,
              pull: (i + 1) % 2 === 1,
              labels: [],
            })),
            ...Array.from({ length: 100 }, (_, i) => ({
              number: BENCH_EXTRA_ISSUES + i,
              title: `Report ${i}`,
              user: 'Codertocat',
              state: 'open' as const,
              labels: [],
            })),
            ...Array.from({ length: 100 }, (_, i) => ({
              number: BENCH_EXTRA_PULLS + i,
              title: `Feature ${i}`,
              user: 'Codertocat',
              state: 'open' as const,
              pull: true,
              labels: [],
              files: ['README.md'],
            })),
          ],
        },
      },
    },
    // The double's own response checks cost CPU on the load generator's core; the tests run them.
    { validateResponses: false },
  );
}

async function measureSheriff(store: StoreName, baseline: number): Promise<StoreResult> {
  const double = benchDouble();
  const github = await double.listen();
  try {
    return await measureWithGitHub(store, baseline, double, github.baseUrl);
  } finally {
    await github.close();
  }
}

async function measureWithGitHub(
  store: StoreName,
  baseline: number,
  double: GitHubDouble,
  githubUrl: string,
): Promise<StoreResult> {
  return withStoreEnv(store, async (storeEnv) => {
    const server = await startServer('sheriff-server', {
      ...storeEnv,
      APP_ID: '1',
      PRIVATE_KEY: APP_KEY,
      GITHUB_API_URL: githubUrl,
      // GitHub allows 80 content-creating requests a minute per installation, and Sheriff paces
      // itself to that. The double is local and unlimited; the bench measures Sheriff, not the pacing.
      GITHUB_WRITES_PER_MINUTE: '1000000',
      GITHUB_WRITES_PER_HOUR: '1000000',
      PORT: '0',
      HOST: '127.0.0.1',
      WEBHOOK_SECRET: SECRET,
      LOG_LEVEL: 'warn',
      REDELIVERY_ENABLED: 'false',
      WORKER_CONCURRENCY: '16',
    });
    try {
      const warm = buildStream(500, SECRET, PAYLOAD_BYTES).map((d) => ({ ...d, id: `warm-${d.id}` }));
      await sendSaturated(server.url, warm, connections);
      await waitHandled(
        server,
        warm.map((d) => d.id),
        60_000,
      );

      const requestsBefore = double.requests.length;
      const stream = buildStream(count, SECRET, PAYLOAD_BYTES);
      const label = `sheriff ${store} saturation`;
      const saturated = await sendSaturated(server.url, stream, connections, (done) =>
        progress(label, done, count),
      );
      progress(label, count, count);
      await waitHandled(
        server,
        ok(saturated.results).map((r) => r.id),
        120_000,
      );

      const paced = buildStream(pacedCount, SECRET, PAYLOAD_BYTES).map((d) => ({
        ...d,
        id: `paced-${d.id}`,
      }));
      const pacedLabel = `sheriff ${store} ${rate}/s`;
      const pacedResults = await sendPaced(server.url, paced, rate, (done) =>
        progress(pacedLabel, done, pacedCount),
      );
      progress(pacedLabel, pacedCount, pacedCount);
      const accepted = ok(pacedResults);
      await waitHandled(
        server,
        accepted.map((r) => r.id),
        60_000,
      );
      const e2e = accepted.map((r) => server.handledAt.get(r.id)! - r.sentAt);
      const commands = new Set(paced.filter((d) => d.command).map((d) => d.id));
      const firstFailures = new Map<string, string>();
      for (const delivery of paced) {
        if (delivery.releaseFailure && !firstFailures.has(delivery.releaseFailure)) {
          firstFailures.set(delivery.releaseFailure, delivery.id);
        }
      }
      const firstFailureIds = new Set(firstFailures.values());
      const mttd = accepted
        .filter((r) => firstFailureIds.has(r.id))
        .map((r) => server.handledAt.get(r.id)! - r.sentAt);
      const commandE2e = accepted
        .filter((r) => commands.has(r.id))
        .map((r) => server.handledAt.get(r.id)! - r.sentAt);
      const measured = double.requests.slice(requestsBefore);
      const events = ok(saturated.results).length + accepted.length;
      const eventsPerSecond = ok(saturated.results).length / saturated.seconds;
      return {
        store,
        events_per_s: Math.round(eventsPerSecond),
        ack_p50_ms: round(
          percentile(
            accepted.map((r) => r.ackMs),
            50,
          ),
        ),
        ack_p99_ms: round(
          percentile(
            accepted.map((r) => r.ackMs),
            99,
          ),
        ),
        e2e_p50_ms: round(percentile(e2e, 50)),
        e2e_p99_ms: round(percentile(e2e, 99)),
        command_e2e_p50_ms: round(percentile(commandE2e, 50)),
        mttd_p50_ms: round(percentile(mttd, 50)),
        mttd_p99_ms: round(percentile(mttd, 99)),
        tracking_issues_opened: mttd.length,
        command_e2e_p99_ms: round(percentile(commandE2e, 99)),
        api_requests_per_event: round(measured.length / events),
        api_writes_per_event:
          Math.round((measured.filter((r) => r.method !== 'GET').length / events) * 1000) / 1000,
        rss_mb: server.peakRssMb(),
        baseline_events_per_s: Math.round(baseline),
        ratio_to_baseline: Math.round((eventsPerSecond / baseline) * 100) / 100,
        paced_rate_per_s: rate,
        non_2xx:
          saturated.results.length + pacedResults.length - ok(saturated.results).length - accepted.length,
      };
    } finally {
      await server.stop();
    }
  });
}

const baseline = await measureBaseline();
const results: StoreResult[] = [];
for (const store of stores) results.push(await measureSheriff(store, baseline));

const columns: Array<keyof StoreResult> = [
  'store',
  'events_per_s',
  'baseline_events_per_s',
  'ratio_to_baseline',
  'ack_p50_ms',
  'ack_p99_ms',
  'e2e_p50_ms',
  'e2e_p99_ms',
  'command_e2e_p99_ms',
  'mttd_p50_ms',
  'api_requests_per_event',
  'rss_mb',
  'non_2xx',
];
const table = [
  columns.map(String),
  ...results.map((result) => columns.map((column) => String(result[column]))),
];
const widths = columns.map((_, i) => Math.max(...table.map((row) => row[i]!.length)));
for (const row of table) console.log(row.map((cell, i) => cell.padStart(widths[i]!)).join('  '));
console.log(
  `(${count} deliveries of ${PAYLOAD_BYTES} B at saturation with ${connections} connections; latencies at ${rate}/s)`,
);
if (flags.json) {
  const [first] = results;
  console.log(
    JSON.stringify({
      ...first,
      by_store: Object.fromEntries(results.map((result) => [result.store, result])),
    }),
  );
}
