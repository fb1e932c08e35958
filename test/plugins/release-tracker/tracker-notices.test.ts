import { reconcile } from '../../../plugins/release-tracker/reconcile.js';
import { humanMarkNotice, trackerNotices } from '../../../plugins/release-tracker/tracker-notices.js';
import { type TrackerSnapshot, withOpenedIssue } from '../../../plugins/release-tracker/tracker-state.js';
import { aPolicy, aRun, aSnapshot, KEY, ROUTING } from './tracker-builders.js';

const ISSUE = { repository: 'example-ack/community', number: 2311 };

/** Runs `outcomes` through reconcile as the shell does, returning each step's notices. */
function noticesOf(outcomes: ReadonlyArray<'F' | 'S'>, policy = aPolicy({ remindAt: [3] })) {
  let snapshot: TrackerSnapshot = aSnapshot();
  return outcomes.map((outcome, index) => {
    const run = aRun(index + 1, { state: outcome === 'F' ? 'failure' : 'success' });
    const now = new Date(Date.parse(run.finishedAt!) + 60_000).toISOString();
    const tracked = snapshot.state.episode?.issue ?? null;
    const plan = reconcile(
      snapshot,
      { run, stageOnly: false, issue: tracked ? { state: 'open' } : null, routing: ROUTING, now },
      policy,
    );
    const opened = plan.actions.some((action) => action.type === 'open-issue') ? ISSUE : null;
    const next = opened ? withOpenedIssue(plan.next, opened) : plan.next;
    const notices = trackerNotices(KEY, snapshot.state, { ...plan, next }, now, opened);
    snapshot = { ...snapshot, state: next };
    return notices;
  });
}

describe('the notices a reconciliation publishes', () => {
  it('says opened, escalated at a reminder count, and resolved: nothing for a mere status edit', () => {
    const steps = noticesOf(['F', 'F', 'F', 'S']);
    expect(steps.map((notices) => notices.map((notice) => notice.kind))).toEqual([
      ['opened'],
      [],
      ['escalated'],
      ['resolved'],
    ]);
    const [opened] = steps[0]!;
    expect(opened).toMatchObject({
      trackingKey: KEY,
      repository: 'example-ack/lambda-controller',
      area: ROUTING.area,
      severity: ROUTING.severity,
      failures: 1,
      issue: { ...ISSUE, url: 'https://github.com/example-ack/community/issues/2311' },
    });
    // One thread per episode: every notice of it names the same episode, with distinct ids.
    const all = steps.flat();
    expect(new Set(all.map((notice) => notice.episode)).size).toBe(1);
    expect(new Set(all.map((notice) => notice.id)).size).toBe(all.length);
    expect(steps[3]![0]!.failures).toBe(0);
  });

  it('gives the same ids when the same runs are reconciled again (a retried job publishes nothing new)', () => {
    expect(
      noticesOf(['F', 'F', 'F'])
        .flat()
        .map((notice) => notice.id),
    ).toEqual(
      noticesOf(['F', 'F', 'F'])
        .flat()
        .map((notice) => notice.id),
    );
  });

  it('turns /ack and /snooze on an open episode into notices, and nothing without one', () => {
    const run = aRun(1, { state: 'failure' });
    const plan = reconcile(
      aSnapshot(),
      { run, stageOnly: false, issue: null, routing: ROUTING, now: run.finishedAt! },
      aPolicy(),
    );
    const state = withOpenedIssue(plan.next, ISSUE);
    const at = '2025-05-14T18:00:00.000Z';
    expect(humanMarkNotice(KEY, state, { kind: 'acknowledged', actor: 'ana-lambda' }, at)).toMatchObject({
      kind: 'acknowledged',
      actor: 'ana-lambda',
      issue: { number: 2311 },
    });
    const until = '2025-05-15T18:00:00.000Z';
    expect(
      humanMarkNotice(KEY, state, { kind: 'snoozed', actor: 'ana-lambda', until }, at)?.snoozedUntil,
    ).toBe(until);
    expect(humanMarkNotice(KEY, aSnapshot().state, { kind: 'acknowledged', actor: 'x' }, at)).toBeNull();
  });
});
