import { flipsOf, isFlaky, renderPattern } from '../../../plugins/release-tracker/flaky-history.js';
import type { HistoryOutcome } from '../../../plugins/release-tracker/flaky-history.js';
import { mayOpenIssue, reconcile, type TrackerPolicy } from '../../../plugins/release-tracker/reconcile.js';
import type { TrackerAction, TrackerPlan } from '../../../plugins/release-tracker/tracker-action.js';
import { type TrackerSnapshot, withOpenedIssue } from '../../../plugins/release-tracker/tracker-state.js';
import { aPolicy, aRun, aSnapshot, ROUTING } from './tracker-builders.js';

/**
 * Feeds a pass/fail sequence through `reconcile` with the history the shell reads from
 * `job_runs`; one line per run: its actions, in order. `closed` marks a person closing the issue
 * before that run.
 */
function play(
  sequence: string,
  policy: TrackerPolicy = aPolicy(),
): { lines: string[]; plans: TrackerPlan[] } {
  let snapshot: TrackerSnapshot = aSnapshot();
  let issueState: 'open' | 'closed' = 'open';
  const history: HistoryOutcome[] = [];
  const lines: string[] = [];
  const plans: TrackerPlan[] = [];
  let hour = 0;
  for (const step of sequence.split(' ')) {
    if (step === 'closed') {
      issueState = 'closed';
      continue;
    }
    hour += 1;
    const run = aRun(hour, { state: step === 'F' ? 'failure' : 'success' });
    history.push(step === 'F' ? 'failed' : 'passed');
    const tracked = snapshot.state.episode?.issue ?? null;
    const plan = reconcile(
      snapshot,
      {
        run,
        stageOnly: false,
        issue: tracked ? { state: issueState } : null,
        routing: mayOpenIssue(snapshot, run, policy, history) ? ROUTING : null,
        now: run.finishedAt!,
        history: [...history],
      },
      policy,
    );
    let next = plan.next;
    if (plan.actions.some((action) => action.type === 'open-issue')) {
      next = withOpenedIssue(next, { repository: 'example-ack/community', number: 100 + hour });
      issueState = 'open';
    }
    snapshot = { ...snapshot, state: next };
    plans.push(plan);
    lines.push(plan.actions.map(summary).join(', ') || '-');
  }
  return { lines, plans };
}

function summary(action: TrackerAction): string {
  if (action.type === 'comment') return `comment:${action.kind}`;
  if (action.type === 'add-labels') return `add-labels:${action.labels.join('+')}`;
  return action.type;
}

const OPEN = 'ensure-labels, open-issue';
const EDIT = 'update-status';
const CLOSE = 'comment:recovery, close-issue';
const LABEL = 'ensure-labels, add-labels:kind/tests/flaky, update-status';

describe('flaky history', () => {
  it.each<[HistoryOutcome[], number, string]>([
    [[], 0, ''],
    [['failed', 'failed'], 0, '✗✗'],
    [['passed', 'failed', 'passed', 'failed', 'failed', 'passed'], 4, '✓✗✓✗✗✓'],
  ])('%j flips %i times: %s', (history, flips, pattern) => {
    expect(flipsOf(history)).toBe(flips);
    expect(renderPattern(history)).toBe(pattern);
  });

  it('is flaky above the threshold, within the latest runs only, and never when disabled', () => {
    const policy = aPolicy().flaky;
    const flapping: HistoryOutcome[] = ['failed', 'passed', 'failed', 'passed', 'failed'];
    expect(isFlaky(flapping, policy)).toBe(true);
    expect(isFlaky(flapping.slice(1), policy)).toBe(false);
    expect(isFlaky([...flapping, ...Array<HistoryOutcome>(10).fill('failed')], policy)).toBe(false);
    expect(isFlaky(flapping, { ...policy, enabled: false })).toBe(false);
    expect(isFlaky(undefined, policy)).toBe(false);
  });
});

describe('reconcile: a flapping job is flaky, not broken', () => {
  describe.each<[string, string, string[], Record<string, unknown>?]>([
    [
      'until it is found flaky it opens and closes; then one issue stays open through the flips',
      'F S F S F S F S',
      [OPEN, CLOSE, OPEN, CLOSE, OPEN, EDIT, EDIT, EDIT],
    ],
    [
      'a job turning flaky after a longer failure opens its next issue as flaky',
      'F F S F S F S',
      [OPEN, EDIT, CLOSE, OPEN, CLOSE, OPEN, EDIT],
      { closeAfter: 1 },
    ],
    [
      'with closeAfter 2 the open issue gets the flaky label instead of closing',
      'F S F S F S',
      [OPEN, EDIT, EDIT, EDIT, LABEL, EDIT],
      { closeAfter: 2 },
    ],
    [
      'a flaky job gets an issue even below openAfter',
      'F S F S F',
      ['-', '-', '-', '-', OPEN],
      { openAfter: 3 },
    ],
    [
      'once the job is stable again it closes',
      'F S F S F S S S S S S S',
      [OPEN, CLOSE, OPEN, CLOSE, OPEN, EDIT, EDIT, EDIT, EDIT, EDIT, EDIT, CLOSE],
    ],
    [
      'a person closing a flaky issue is respected: no new issue at the next failure',
      'F S F S F closed S F',
      [OPEN, CLOSE, OPEN, CLOSE, OPEN, '-', '-'],
    ],
    [
      'flaky detection off: every flip opens or closes',
      'F S F S F S',
      [OPEN, CLOSE, OPEN, CLOSE, OPEN, CLOSE],
      { flaky: { enabled: false } },
    ],
  ])('%s', (_name, sequence, expected, overrides) => {
    it(`gives ${expected.join(' | ')}`, () => {
      expect(play(sequence, aPolicy(overrides)).lines).toEqual(expected);
    });
  });

  it('labels the issue kind/tests/flaky instead of kind/tests/failing and shows the pattern', () => {
    const { plans } = play('F S F S F');
    const open = plans[4]!.actions.find((action) => action.type === 'open-issue') as Extract<
      TrackerAction,
      { type: 'open-issue' }
    >;
    expect(open.title).toBe(
      '[release-flaky] lambda-controller v1.7.3: post-lambda-controller-release is flaky',
    );
    expect(open.labels).toEqual([
      'kind/tests/flaky',
      'area/prow',
      'service/lambda',
      'priority/critical-urgent',
      'sheriff/tracking',
    ]);
    expect(open.body).toContain(
      '**Status: flaky** (4 flips between pass and fail in the last 5 runs; this issue stays open until the job is stable)',
    );
    expect(open.body).toContain('- **Recent runs** (oldest first): ✗✓✗✓✗');
  });

  it('sends no reminders for a flaky job', () => {
    const { plans } = play('F S F S F F F F F F', aPolicy({ remindAt: [3] }));
    expect(
      plans
        .flatMap((plan) => plan.actions)
        .some((action) => action.type === 'comment' && action.kind === 'reminder'),
    ).toBe(false);
  });
});
