import type { GitHubAction } from '../../../src/github-double/index.js';
import { createLogger } from '../../../src/logging/logger.js';
import { startWorld, type WorldHarness } from '../../support/github-world.js';
import { BACKENDS } from '../../support/stores.js';
import { TRACKER_ONLY } from './tracker-world.js';
import {
  CANARY,
  COMMUNITY,
  FLAGGER_ROLLBACK_ORDER,
  flaggerFixture,
  lambdaPromoted,
  stuckPromoting,
  watchWorld,
} from './flagger-world.js';

const TOKEN = 'flagger-test-token-3f9c';
const KEY = `example-ack/lambda-controller/${encodeURIComponent(CANARY)}`;

/** Everything Sheriff logs, as text, to prove what never appears in it. */
function captureLog() {
  const lines: string[] = [];
  const log = createLogger('trace', { write: (line: string) => void lines.push(line) });
  return { log, text: () => lines.join('') };
}

describe.each(BACKENDS)('Flagger canaries end to end on %s', (backend) => {
  let harness: WorldHarness;
  let logged: ReturnType<typeof captureLog>;

  beforeEach(async () => {
    logged = captureLog();
    harness = await startWorld(backend, watchWorld(), {
      env: { FLAGGER_TOKEN: TOKEN },
      extra: { plugins: TRACKER_ONLY, log: logged.log },
    });
  });
  afterEach(async () => {
    await harness.close();
  });

  /** Posts a body as Flagger does: JSON, no auth header; the token and repository in the URL. */
  const post = (body: unknown, url = `/api/v1/flagger/${TOKEN}?repository=example-ack/lambda-controller`) =>
    fetch(`${harness.url}${url}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': 'Go-http-client/1.1' },
      body: JSON.stringify(body),
    });
  const settled = (count: number) => harness.waitFor(() => harness.handled.length >= count);
  const requests = () => harness.double.actions().map((action) => `${action.method} ${action.path}`);
  const bodyOf = (action: GitHubAction | undefined) => (action?.body ?? {}) as Record<string, unknown>;
  const deliveries = async () =>
    harness.sheriff.store.db.selectFrom('deliveries').select(['id', 'source', 'action']).execute();

  it('opens one issue for a rollback on the progress deadline, sent in the order Flagger sends it, and closes it as promoted', async () => {
    for (const [index, name] of FLAGGER_ROLLBACK_ORDER.entries()) {
      expect((await post(flaggerFixture(name))).status).toBe(202);
      await settled(index + 1);
      if (index === 0) {
        // The rollback event still says Progressing: its message is what counts.
        expect(requests()).toEqual([`POST /repos/${COMMUNITY}/issues`]);
        harness.double.clearRequests();
      }
    }
    // The Failed event, the failed post-rollout and the repeat are the same revision: no news.
    expect(requests()).toEqual([]);
    const issue = harness.double.issue(COMMUNITY, 1)!;
    expect(issue.title).toBe(
      `[release-failure] lambda-controller: ${CANARY} failed at stage rollback: progress deadline exceeded`,
    );
    expect(issue.labels).toEqual(
      expect.arrayContaining(['kind/tests/failing', 'service/lambda', 'priority/critical-urgent']),
    );
    expect(issue.body).toContain(`<!-- sheriff:tracking v1 key=${KEY} -->`);
    expect(issue.body).toContain(
      `- **Job**: \`${CANARY}\` (Flagger canary) in \`example-ack/lambda-controller\``,
    );
    expect(issue.body).toContain('- **First failure**: unknown commit, 2025-05-21 14:22 UTC');
    expect(issue.body).toContain('- @ana-lambda: approver of area `lambda`');

    expect((await post(lambdaPromoted())).status).toBe(202);
    await settled(FLAGGER_ROLLBACK_ORDER.length + 1);
    expect(requests()).toEqual([
      `POST /repos/${COMMUNITY}/issues/1/comments`,
      `PATCH /repos/${COMMUNITY}/issues/1`,
    ]);
    const recovery = String(bodyOf(harness.double.actions()[0]).body);
    expect(recovery).toMatch(
      new RegExp(
        `\\nCanary \`${CANARY}\` promoted: revision \`9x2lqz4c8w\` rolled out at \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d UTC\\.`,
      ),
    );
    expect(recovery).toContain('(since 2025-05-21 14:22 UTC, 1 failing run). Closing this issue.');
    expect(harness.double.issue(COMMUNITY, 1)?.state).toBe('closed');
  });

  it('stores the same payload posted twice once, and acts once', async () => {
    const payload = flaggerFixture('event-failed-canary-failed-scaling-down');
    const first = await post(payload);
    const again = await post(payload);
    expect(first.status).toBe(202);
    expect(again.status).toBe(200);
    const ids = [((await first.json()) as { id: string }).id, ((await again.json()) as { id: string }).id];
    expect(ids[0]).toMatch(/^flagger:ack-system\/lambda-controller:7b4f6c9d85:[0-9a-f]{32}$/);
    expect(ids[1]).toBe(ids[0]);
    await settled(1);
    expect(await deliveries()).toEqual([{ id: ids[0], source: 'flagger', action: 'event' }]);
    expect(requests().filter((request) => request.endsWith('/issues'))).toHaveLength(1);

    // The same post through the query-string form of the URL is the same delivery.
    const query = await post(
      payload,
      `/api/v1/flagger?token=${TOKEN}&repository=example-ack/lambda-controller`,
    );
    expect(query.status).toBe(200);
  });

  it('refuses a missing or wrong token with 401, stores nothing, and never logs the token', async () => {
    const payload = flaggerFixture('event-failed-canary-failed-scaling-down');
    expect((await post(payload, '/api/v1/flagger?repository=example-ack/lambda-controller')).status).toBe(
      401,
    );
    expect(
      (await post(payload, '/api/v1/flagger/not-the-token?repository=example-ack/lambda-controller')).status,
    ).toBe(401);
    expect((await post(payload, '/api/v1/flagger?token=not-the-token-either')).status).toBe(401);
    expect(await deliveries()).toEqual([]);

    // Accepted posts, a 404 under the path and a bad body all go through the logs too.
    expect((await post(payload)).status).toBe(202);
    expect((await post(payload, `/api/v1/flagger?token=${TOKEN}`)).status).toBe(400);
    const missing = await fetch(`${harness.url}/api/v1/flagger/${TOKEN}`, { method: 'GET' });
    expect(missing.status).toBe(404);
    await settled(1);
    const text = logged.text();
    expect(text).toContain('Flagger post refused: missing or invalid token');
    expect(text).not.toContain(TOKEN);
    expect(text).not.toContain('not-the-token');
  });

  it('answers 403 to a gate or rollback hook (never a 2xx that approves or rolls back) and acts on nothing', async () => {
    // confirm-rollout, confirm-promotion, pre-rollout, rollout and confirm-traffic-increase are all sent as
    // Progressing with the webhook's own metadata; a rollback hook with the current phase.
    for (const phase of ['Progressing', 'Waiting', 'WaitingPromotion']) {
      const gate = flaggerFixture('post-rollout-failed');
      gate.phase = phase;
      const response = await post(gate);
      expect(response.status).toBe(403);
      expect(((await response.json()) as { message: string }).message).toMatch(
        /^Sheriff is not a Flagger gate/,
      );
    }
    expect(await deliveries()).toEqual([]);
    expect(harness.double.actions()).toEqual([]);
  });

  it('tracks a canary stuck in Promoting as failed once its deadline warnings reach stuckAfter (3)', async () => {
    for (let minute = 1; minute <= 2; minute += 1)
      expect((await post(stuckPromoting(minute))).status).toBe(202);
    await settled(2);
    expect(harness.double.actions()).toEqual([]);
    // A retried post is the same delivery: it does not count again.
    expect((await post(stuckPromoting(2))).status).toBe(200);

    expect((await post(stuckPromoting(3))).status).toBe(202);
    await settled(3);
    expect(requests()).toEqual([`POST /repos/${COMMUNITY}/issues`]);
    expect(harness.double.issue(COMMUNITY, 1)?.title).toBe(
      `[release-failure] lambda-controller: ${CANARY} failed at stage promoting-stuck`,
    );
  });

  it('does nothing for the promotion of a canary that never failed', async () => {
    expect((await post(flaggerFixture('post-rollout-succeeded'))).status).toBe(202);
    await settled(1);
    expect(harness.double.actions()).toEqual([]);
    const run = await harness.sheriff.store.db
      .selectFrom('job_runs')
      .select(['job', 'state', 'release', 'source'])
      .executeTakeFirstOrThrow();
    expect(run).toEqual({
      job: 'prod-us-west-2/ack-system/s3-controller',
      state: 'success',
      release: true,
      source: 'flagger',
    });
  });
});
