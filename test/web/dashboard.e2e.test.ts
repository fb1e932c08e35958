import type { ReleaseHealth } from '../../src/web/release-health.js';
import { startWorld, type WorldHarness } from '../support/github-world.js';
import { BACKENDS } from '../support/stores.js';
import { WORLD_FIXTURE_SECRET, worldGitHubDelivery } from '../support/webhook-examples.js';
import {
  COMMUNITY,
  CONTROLLER,
  crierStatus,
  STATUS_FIXTURE,
  TRACKER_ONLY,
  TRACKER_WORLD,
} from '../plugins/release-tracker/tracker-world.js';

const TOKEN = 'dashboard-test-token';
const JOB = 'post-lambda-controller-release';
/** The day after the fixture's runs: they are inside the 7-day window. */
const NOW = new Date('2025-05-15T09:00:00Z');

describe.each(BACKENDS)('the release-health dashboard on %s', (backend) => {
  let harness: WorldHarness;

  const start = async (env: Record<string, string>) => {
    harness = await startWorld(backend, TRACKER_WORLD, {
      env: { WEBHOOK_SECRETS: WORLD_FIXTURE_SECRET, ...env },
      extra: { plugins: TRACKER_ONLY, clock: () => NOW },
    });
  };
  afterEach(async () => {
    await harness.close();
  });

  const basic = `Basic ${Buffer.from(`anyone:${TOKEN}`).toString('base64')}`;
  const health = async (): Promise<ReleaseHealth> => {
    const response = await fetch(`${harness.url}/api/v1/release-health`, {
      headers: { authorization: basic },
    });
    expect(response.status).toBe(200);
    return (await response.json()) as ReleaseHealth;
  };
  const deliver = async (body: string, headers: Record<string, string>) => {
    const response = await fetch(`${harness.url}/api/github/webhooks`, { method: 'POST', headers, body });
    expect(response.status).toBe(202);
  };

  it('is off unless configured, and says how to turn it on', async () => {
    await start({});
    const response = await fetch(`${harness.url}/dashboard`);
    expect(response.status).toBe(404);
    expect(((await response.json()) as { message: string }).message).toContain('DASHBOARD_TOKEN');
  });

  it('asks a browser for the token, and refuses a wrong one', async () => {
    await start({ DASHBOARD_TOKEN: TOKEN });
    const anonymous = await fetch(`${harness.url}/dashboard`);
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('www-authenticate')).toMatch(/^Basic /);
    const wrong = await fetch(`${harness.url}/api/v1/release-health`, {
      headers: { authorization: `Bearer not-${TOKEN}` },
    });
    expect(wrong.status).toBe(401);
    const bearer = await fetch(`${harness.url}/api/v1/release-health`, {
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    expect(bearer.status).toBe(200);
  });

  it('shows the failing job under its service area with its tracking issue, then its recovery', async () => {
    await start({ DASHBOARD_TOKEN: TOKEN });
    const { body, headers } = worldGitHubDelivery(STATUS_FIXTURE);
    await deliver(body, headers);
    await harness.waitFor(() => harness.handled.length >= 1);

    const failing = await health();
    expect(failing.totals).toMatchObject({ jobs: 1, failing: 1, openIssues: 1, episodes30d: 1 });
    expect(failing.areas).toHaveLength(1);
    const [area] = failing.areas;
    expect(area).toMatchObject({ area: 'lambda', severity: 'critical', status: 'failing', failing: 1 });
    expect(area!.jobs[0]).toMatchObject({
      repository: CONTROLLER,
      job: JOB,
      status: 'failing',
      recent: ['fail'],
      passRate: 0,
      runs: 1,
      issue: {
        repository: COMMUNITY,
        number: 1,
        failures: 1,
        url: `https://github.com/${COMMUNITY}/issues/1`,
      },
    });

    const metrics = await (await fetch(`${harness.url}/metrics`)).text();
    expect(metrics).toContain('sheriff_release_jobs{area="lambda",status="failing"} 1');
    expect(metrics).toContain('sheriff_release_open_tracking_issues{area="lambda"} 1');

    const page = await fetch(`${harness.url}/dashboard`, { headers: { authorization: basic } });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    const html = await page.text();
    expect(html).toContain('Area lambda');
    expect(html).toContain(`<code>${JOB}</code>`);
    expect(html).toContain(`href="https://github.com/${COMMUNITY}/issues/1"`);

    expect((await harness.send('status', crierStatus(2, 'success'))).status).toBe(202);
    await harness.waitFor(() => harness.handled.length >= 2);
    expect(harness.double.issue(COMMUNITY, 1)?.state).toBe('closed');

    const recovered = await health();
    expect(recovered.totals).toMatchObject({ jobs: 1, failing: 0, openIssues: 0 });
    expect(recovered.areas[0]).toMatchObject({ area: 'lambda', status: 'passing', failing: 0 });
    expect(recovered.areas[0]!.jobs[0]).toMatchObject({
      status: 'passing',
      recent: ['fail', 'pass'],
      passRate: 0.5,
      issue: null,
    });
    expect(recovered.totals.timeToRecoverySecondsMedian).toBeGreaterThan(0);
    const after = await (await fetch(`${harness.url}/metrics`)).text();
    expect(after).toContain('sheriff_release_jobs{area="lambda",status="failing"} 0');
    expect(after).toContain('sheriff_release_jobs{area="lambda",status="passing"} 1');
  });
});
