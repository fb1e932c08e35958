import { startWorld, type WorldHarness } from '../support/github-world.js';
import { BACKENDS } from '../support/stores.js';
import { WORLD_FIXTURE_SECRET } from '../support/webhook-examples.js';
import { COMMUNITY, crierStatus, TRACKER_ONLY, TRACKER_WORLD } from './release-tracker/tracker-world.js';

describe.each(BACKENDS)('flaky detection end to end on %s', (backend) => {
  let harness: WorldHarness;

  beforeEach(async () => {
    harness = await startWorld(backend, TRACKER_WORLD, {
      env: { WEBHOOK_SECRETS: WORLD_FIXTURE_SECRET },
      extra: { plugins: TRACKER_ONLY },
    });
  });
  afterEach(async () => {
    await harness.close();
  });

  /** Runs of the release job, one a minute, in order: each handled before the next is sent. */
  const runs = async (pattern: string, from = 0) => {
    for (const [index, step] of [...pattern].entries()) {
      await harness.send('status', crierStatus(from + index, step === 'F' ? 'failure' : 'success'));
      await harness.waitFor(() => harness.handled.length >= from + index + 1);
    }
  };
  const issues = () => [...harness.double.state.repos.get(COMMUNITY)!.issues.values()];

  it('labels a flapping job flaky and keeps one issue open instead of re-opening on every failure', async () => {
    await runs('FSFSF');
    // Two flips in, it still looked broken-then-fixed; at the fourth flip it is flaky.
    expect(issues().map((issue) => [issue.number, issue.state, issue.title])).toEqual([
      [
        1,
        'closed',
        '[release-failure] lambda-controller c342365ab463: post-lambda-controller-release failed',
      ],
      [
        2,
        'closed',
        '[release-failure] lambda-controller c342365ab463: post-lambda-controller-release failed',
      ],
      [3, 'open', '[release-flaky] lambda-controller c342365ab463: post-lambda-controller-release is flaky'],
    ]);
    const flaky = harness.double.issue(COMMUNITY, 3)!;
    expect(flaky.labels).toContain('kind/tests/flaky');
    expect(flaky.labels).not.toContain('kind/tests/failing');
    expect(flaky.body).toContain('- **Recent runs** (oldest first): ✗✓✗✓✗');

    harness.double.clearRequests();
    await runs('SFSFFS', 5);
    // Six more runs, three of them failures: no issue opened, closed or commented on; only the status block moves.
    expect(issues().map((issue) => [issue.number, issue.state])).toEqual([
      [1, 'closed'],
      [2, 'closed'],
      [3, 'open'],
    ]);
    expect(new Set(harness.double.actions().map((action) => `${action.method} ${action.path}`))).toEqual(
      new Set([`PATCH /repos/${COMMUNITY}/issues/3`]),
    );
    expect(harness.double.comments(COMMUNITY, 3)).toEqual([]);
    const body = harness.double.issue(COMMUNITY, 3)!.body!;
    // The last 10 runs (flaky.runs) are the ones looked at and shown.
    expect(body).toContain('- **Recent runs** (oldest first): ✓✗✓✗✓✗✓✗✗✓');
    expect(body).toContain('**Status: flaky** (8 flips between pass and fail in the last 10 runs;');
  });
});
