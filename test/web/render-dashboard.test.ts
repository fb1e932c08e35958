import type { ReleaseHealth } from '../../src/web/release-health.js';
import { renderDashboard } from '../../src/web/render-dashboard.js';

const hostile = '<img src=x onerror=alert(1)>';

const health = (url: string): ReleaseHealth => ({
  generatedAt: '2025-05-15T09:00:00.000Z',
  windowDays: 7,
  totals: {
    jobs: 1,
    failing: 1,
    openIssues: 0,
    episodes30d: 0,
    mttdSecondsMedian: null,
    timeToRecoverySecondsMedian: null,
  },
  areas: [
    {
      area: null,
      severity: null,
      status: 'failing',
      failing: 1,
      jobs: [
        {
          repository: 'acme/widgets',
          job: hostile,
          status: 'failing',
          lastRun: { mark: 'fail', finishedAt: '2025-05-14T17:20:00.000Z', url },
          recent: ['pass', 'fail'],
          passRate: 0.5,
          runs: 2,
          issue: null,
        },
      ],
    },
  ],
});

describe('the dashboard page', () => {
  it('escapes what payloads put in job names', () => {
    const html = renderDashboard(health('https://prow.example.dev/view/1'));
    expect(html).not.toContain(hostile);
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });

  it('links only http(s) run URLs: a javascript: URL from a payload stays text', () => {
    expect(renderDashboard(health('https://prow.example.dev/view/1'))).toContain(
      'href="https://prow.example.dev/view/1"',
    );
    expect(renderDashboard(health('javascript:alert(1)'))).not.toContain('href="javascript:');
  });

  it('says what to expect when there is nothing to show yet', () => {
    const empty = { ...health('https://x.dev'), areas: [] };
    expect(renderDashboard(empty)).toContain('No release run in the window yet');
  });
});
