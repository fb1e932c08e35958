import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createGitHubDouble } from '../../../src/github-double/index.js';
import { startWorld, TEST_PRIVATE_KEY, type WorldHarness } from '../../support/github-world.js';
import { startHarness, waitFor } from '../../support/sheriff-harness.js';
import { BACKENDS, createScratchLocation } from '../../support/stores.js';
import { TRACKER_ONLY } from './tracker-world.js';
import { COMMUNITY, type Json, SOAK_JOB, soakProwJob, watchWorld } from './flagger-world.js';

const PROWJOB_TOKEN = 'prowjob-test-token';
const FRESHNESS = 'plugin:release-tracker/freshness';
const T0 = Date.parse('2025-05-20T02:00:00Z');
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const at = (offsetMs: number) => new Date(T0 + offsetMs).toISOString();

/** A version marker served over loopback, as a bucket serves one: the content and its Last-Modified. */
class MarkerServer {
  content = 'https://storage.example.dev/releases/1.33.0-alpha.4+v1.33.0-alpha.3-378-g22ce1230da';
  lastModified = new Date(T0 - DAY);
  fetches = 0;
  private readonly server: Server = createServer((_request, response) => {
    this.fetches += 1;
    response.writeHead(200, {
      'content-type': 'text/plain',
      'last-modified': this.lastModified.toUTCString(),
    });
    response.end(`${this.content}\n`);
  });

  async listen(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/markers/master/latest-ci-updown-green.txt`;
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

describe.each(BACKENDS)('the freshness watchdog end to end on %s', (backend) => {
  let harness: WorldHarness;
  let marker: MarkerServer;
  let markerUrl: string;
  let now: Date;

  beforeEach(async () => {
    marker = new MarkerServer();
    markerUrl = await marker.listen();
    now = new Date(T0);
  });
  /** Starts Sheriff on the world; only the marker test has the marker rule. */
  const start = async (options: { marker: boolean }) => {
    harness = await startWorld(backend, watchWorld(options.marker ? markerUrl : undefined), {
      // The marker server is on loopback, which Sheriff refuses unless the operator allows it.
      env: { PROWJOB_TOKEN, OUTBOUND_ALLOWED_HOSTS: '127.0.0.1' },
      extra: { plugins: TRACKER_ONLY, clock: () => now },
    });
  };
  afterEach(async () => {
    await harness.close();
    await marker.close();
  });

  const postProwJob = async (job: Json) => {
    const response = await fetch(`${harness.url}/api/v1/prowjobs`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${PROWJOB_TOKEN}` },
      body: JSON.stringify(job),
    });
    expect(response.status).toBe(202);
  };
  const settled = (count: number) => harness.waitFor(() => harness.handled.length >= count);
  /** Moves Sheriff's clock and runs the schedules that are due, as a replica's scheduler tick does. */
  const tickAt = async (offsetMs: number) => {
    now = new Date(T0 + offsetMs);
    const ran = await harness.sheriff.scheduler.tick();
    expect(ran).toContain(FRESHNESS);
  };
  const requests = () => harness.double.actions().map((action) => `${action.method} ${action.path}`);
  const issueCreates = () =>
    harness.double.actions().filter((action) => action.method === 'POST' && action.path.endsWith('/issues'));

  it('opens an issue for a job with no success within 3 days after a tick, once per span, and closes it on the next success', async () => {
    await start({ marker: false });
    await postProwJob(soakProwJob('success', at(0), 1));
    await settled(1);
    await tickAt(2 * DAY);
    expect(issueCreates()).toEqual([]);

    await tickAt(3 * DAY + HOUR);
    const created = issueCreates();
    expect(created).toHaveLength(1);
    const body = created[0]!.body as { title: string; body: string; labels: string[] };
    expect(body.title).toBe(
      `[release-failure] lambda-controller: ${SOAK_JOB} failed at stage stale: no success within 3d (last success 2025-05-20 02:00 UTC; last run 2025-05-20 02:00 UTC, success)`,
    );
    expect(body.body).toContain(
      `- **Job**: \`${SOAK_JOB}\` (Prow periodic) in \`example-ack/lambda-controller\``,
    );
    expect(body.labels).toContain('area/prow');

    // Another tick in the same span adds nothing.
    harness.double.clearRequests();
    await tickAt(3 * DAY + 2 * HOUR);
    expect(harness.double.actions()).toEqual([]);
    // The next span of silence is one more failure: the status block says so, no comment.
    await tickAt(6 * DAY + HOUR);
    expect(requests()).toEqual([`PATCH /repos/${COMMUNITY}/issues/1`]);
    expect((harness.double.actions()[0]!.body as { body: string }).body).toContain(
      '**Status: failing** (2 consecutive failures)',
    );
    harness.double.clearRequests();

    await postProwJob(soakProwJob('success', at(6 * DAY + 3 * HOUR), 2));
    await settled(2);
    expect(requests()).toEqual([
      `POST /repos/${COMMUNITY}/issues/1/comments`,
      `PATCH /repos/${COMMUNITY}/issues/1`,
    ]);
    expect(harness.double.issue(COMMUNITY, 1)?.state).toBe('closed');
  });

  it('leaves a job failing loudly to its own issue', async () => {
    await start({ marker: false });
    await postProwJob(soakProwJob('failure', at(0), 1));
    await settled(1);
    expect(issueCreates()).toHaveLength(1);
    harness.double.clearRequests();
    await tickAt(3 * DAY + HOUR);
    expect(harness.double.actions()).toEqual([]);
  });

  it('counts a job that never reported from when the rule started watching it', async () => {
    await start({ marker: false });
    // Any event of the repository makes it known (its config is loaded and kept).
    const other = soakProwJob('success', at(0), 1);
    other.spec.job = 'post-lambda-controller-release';
    await postProwJob(other);
    await settled(1);
    await tickAt(HOUR);
    await tickAt(3 * DAY);
    expect(issueCreates()).toEqual([]);

    await tickAt(3 * DAY + 2 * HOUR);
    expect((issueCreates()[0]?.body as { title: string }).title).toBe(
      `[release-failure] lambda-controller: ${SOAK_JOB} failed at stage stale: no success within 3d (last success never; last run never)`,
    );
  });

  it('opens an issue for a marker that stopped changing, naming its producer, and closes it when it changes', async () => {
    await start({ marker: true });
    await postProwJob(soakProwJob('success', at(-HOUR), 1));
    await settled(1);
    await tickAt(0);
    expect(marker.fetches).toBe(1);
    expect(issueCreates()).toEqual([]);

    // Unchanged since its Last-Modified (a day before the first fetch), for more than 3 days now.
    await tickAt(2 * DAY + HOUR);
    const created = issueCreates();
    expect(created.map((action) => (action.body as { title: string }).title)).toEqual([
      `[release-failure] lambda-controller: marker:${markerUrl.replace('http://', '')} failed at stage stale: unchanged for over 3d, since 2025-05-19 02:00 UTC; producer last success 2025-05-20 01:00 UTC`,
    ]);
    const stale = created[0]!.body as { body: string };
    expect(stale.body).toContain(`[logs](${markerUrl})`);
    const number = harness.double.state.repos.get(COMMUNITY)!.issues.size;
    harness.double.clearRequests();

    marker.content = 'https://storage.example.dev/releases/1.34.0-alpha.1+v1.34.0-alpha.0-112-g9f3a0b7c21';
    marker.lastModified = new Date(T0 + 2 * DAY + 90 * 60_000);
    await tickAt(2 * DAY + 2 * HOUR);
    expect(requests()).toEqual([
      `POST /repos/${COMMUNITY}/issues/${number}/comments`,
      `PATCH /repos/${COMMUNITY}/issues/${number}`,
    ]);
    expect((harness.double.actions()[0]!.body as { body: string }).body).toContain(
      'changed again at 2025-05-22 03:30 UTC. It was stale for',
    );
    expect(harness.double.issue(COMMUNITY, number)?.state).toBe('closed');
  });
});

describe('the freshness watchdog on two replicas sharing one PostgreSQL store', () => {
  it('runs each tick on one replica only, and a restarted replica keeps the schedule and its issue', async () => {
    const double = createGitHubDouble(watchWorld());
    const server = await double.listen();
    const scratch = await createScratchLocation('postgres');
    let now = new Date(T0);
    const options = {
      location: scratch.location,
      env: {
        APP_ID: '1',
        PRIVATE_KEY: TEST_PRIVATE_KEY,
        GITHUB_API_URL: server.baseUrl,
        PROWJOB_TOKEN,
        OUTBOUND_ALLOWED_HOSTS: '127.0.0.1',
      },
      extra: { plugins: TRACKER_ONLY, clock: () => now },
    };
    // One after the other: both migrate the same database on start.
    const replicas = [await startHarness('postgres', options), await startHarness('postgres', options)];
    try {
      const response = await fetch(`${replicas[0]!.url}/api/v1/prowjobs`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${PROWJOB_TOKEN}` },
        body: JSON.stringify(soakProwJob('success', at(0), 1)),
      });
      expect(response.status).toBe(202);
      await waitFor(() => replicas[0]!.handled.length + replicas[1]!.handled.length >= 1);

      now = new Date(T0 + 3 * DAY + HOUR);
      const ran = await Promise.all(replicas.map((replica) => replica.sheriff.scheduler.tick()));
      expect(ran.filter((names) => names.includes(FRESHNESS))).toHaveLength(1);
      expect(double.actions().filter((action) => action.path === `/repos/${COMMUNITY}/issues`)).toHaveLength(
        1,
      );

      // A restart: the schedule's next run is in the store, so an early tick does nothing.
      await replicas[1]!.close();
      replicas[1] = await startHarness('postgres', options);
      now = new Date(T0 + 3 * DAY + HOUR + 60_000);
      expect(await replicas[1]!.sheriff.scheduler.tick()).not.toContain(FRESHNESS);
      now = new Date(T0 + 3 * DAY + 2 * HOUR);
      expect(await replicas[1]!.sheriff.scheduler.tick()).toContain(FRESHNESS);
      expect(double.actions().filter((action) => action.path === `/repos/${COMMUNITY}/issues`)).toHaveLength(
        1,
      );
    } finally {
      for (const replica of replicas) await replica.close();
      await server.close();
      await scratch.dispose();
    }
  });
});
