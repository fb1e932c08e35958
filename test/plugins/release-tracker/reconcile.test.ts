import type { JobRun } from '../../../plugins/release-tracker/job-run.js';
import { mayOpenIssue, reconcile, type TrackerPolicy } from '../../../plugins/release-tracker/reconcile.js';
import type { TrackerAction, TrackerPlan } from '../../../plugins/release-tracker/tracker-action.js';
import {
  type HumanMarks,
  type TrackerSnapshot,
  withOpenedIssue,
} from '../../../plugins/release-tracker/tracker-state.js';
import { STATUS_START, trackingMarker } from '../../../plugins/release-tracker/tracking-marker.js';
import { aPolicy, aRun, aSnapshot, KEY, ROUTING } from './tracker-builders.js';

/** One thing that happens to a key: a run, people acting, or GitHub's view of the issue changing. */
type Step =
  | { run: 'F' | 'S' | 'aborted'; stage?: string; hour?: number }
  | { stageOf: number; stage: string }
  | { marks: Partial<HumanMarks> }
  | { issue: 'open' | 'closed' };

/** Feeds steps through `reconcile` as the shell would; one line per run: its actions, in order. */
function play(steps: readonly Step[], policy: TrackerPolicy = aPolicy()): string[] {
  let snapshot: TrackerSnapshot = aSnapshot();
  let issueState: 'open' | 'closed' = 'open';
  let hour = 0;
  const runs = new Map<number, JobRun>();
  const lines: string[] = [];
  for (const step of steps) {
    if ('marks' in step) {
      snapshot = { ...snapshot, marks: { ...snapshot.marks, ...step.marks } };
      continue;
    }
    if ('issue' in step) {
      issueState = step.issue;
      continue;
    }
    let run: JobRun;
    let stageOnly = false;
    if ('stageOf' in step) {
      run = { ...runs.get(step.stageOf)!, stage: step.stage };
      stageOnly = true;
    } else {
      hour = step.hour ?? hour + 1;
      const state = step.run === 'F' ? 'failure' : step.run === 'S' ? 'success' : 'aborted';
      run = aRun(hour, { state, stage: step.stage ?? null });
      runs.set(hour, run);
    }
    const now = new Date(Date.parse(run.finishedAt!) + 60_000).toISOString();
    const tracked = snapshot.state.episode?.issue ?? null;
    const plan = reconcile(
      snapshot,
      {
        run,
        stageOnly,
        issue: tracked ? { state: issueState } : null,
        routing: mayOpenIssue(snapshot, run, policy) ? ROUTING : null,
        now,
      },
      policy,
    );
    let next = plan.next;
    if (plan.actions.some((action) => action.type === 'open-issue')) {
      next = withOpenedIssue(next, { repository: 'example-ack/community', number: 100 + lines.length });
      issueState = 'open';
    }
    snapshot = {
      ...snapshot,
      state: next,
      // The store clears issue-scoped marks when an issue opens or an episode ends.
      marks: plan.events.some((event) => event.type === 'opened' || event.type === 'ended')
        ? { ...snapshot.marks, ackedBy: null, snoozedUntil: null, humanActionAt: null, humanClosedAt: null }
        : snapshot.marks,
    };
    lines.push(plan.actions.map(summary).join(', ') || '-');
  }
  return lines;
}

function summary(action: TrackerAction): string {
  return action.type === 'comment' ? `comment:${action.kind}` : action.type;
}

const OPEN = 'ensure-labels, open-issue';
const EDIT = 'update-status';
const RECOVER = 'comment:recovery, close-issue';

describe('reconcile: the release tracker decision', () => {
  describe.each<[string, Step[], string[], Record<string, unknown>?]>([
    ['the first failure opens the issue', [{ run: 'F' }], [OPEN]],
    ['a second failure only edits the status block', [{ run: 'F' }, { run: 'F' }], [OPEN, EDIT]],
    [
      'a success comments the recovery, then closes',
      [{ run: 'F' }, { run: 'F' }, { run: 'S' }],
      [OPEN, EDIT, RECOVER],
    ],
    ['passing runs with nothing open do nothing', [{ run: 'S' }, { run: 'S' }], ['-', '-']],
    [
      'openAfter 3: the third consecutive failure opens it',
      [{ run: 'F' }, { run: 'F' }, { run: 'F' }],
      ['-', '-', OPEN],
      { openAfter: 3 },
    ],
    [
      'openAfter 2: a pass in between resets the count (a flake opens nothing)',
      [{ run: 'F' }, { run: 'S' }, { run: 'F' }, { run: 'F' }],
      ['-', '-', '-', OPEN],
      { openAfter: 2 },
    ],
    [
      'closeAfter 2: one pass edits, the second closes',
      [{ run: 'F' }, { run: 'S' }, { run: 'S' }],
      [OPEN, EDIT, RECOVER],
      { closeAfter: 2 },
    ],
    [
      'closeAfter 2: a failure while recovering keeps the issue open',
      [{ run: 'F' }, { run: 'S' }, { run: 'F' }, { run: 'S' }, { run: 'S' }],
      [OPEN, EDIT, EDIT, EDIT, RECOVER],
      { closeAfter: 2 },
    ],
    [
      'a new failing stage comments once',
      [
        { run: 'F', stage: 'image-push' },
        { run: 'F', stage: 'helm-publish' },
        { run: 'F', stage: 'helm-publish' },
      ],
      [OPEN, `${EDIT}, comment:stage`, EDIT],
    ],
    [
      'a stage learned for the first time is not news',
      [{ run: 'F' }, { run: 'F', stage: 'image-push' }],
      [OPEN, EDIT],
    ],
    [
      'a late workflow_job naming the stage of an applied run edits the block',
      [
        { run: 'F', hour: 1 },
        { stageOf: 1, stage: 'publish › Push' },
      ],
      [OPEN, EDIT],
    ],
    [
      'a late stage that differs from the known one also comments',
      [
        { run: 'F', hour: 1, stage: 'build' },
        { run: 'F', hour: 2 },
        { stageOf: 2, stage: 'push' },
      ],
      [OPEN, EDIT, `${EDIT}, comment:stage`],
    ],
    [
      'a reminder at each remindAt count, once',
      [{ run: 'F' }, { run: 'F' }, { run: 'F' }, { run: 'F' }],
      [OPEN, EDIT, `${EDIT}, comment:reminder`, EDIT],
      { remindAt: [3] },
    ],
    [
      'an /ack stops the reminders',
      [{ run: 'F' }, { marks: { ackedBy: 'ana-lambda' } }, { run: 'F' }, { run: 'F' }, { run: 'F' }],
      [OPEN, EDIT, EDIT, EDIT],
      { remindAt: [3] },
    ],
    [
      'a snooze holds a reminder back until it ends',
      [
        { run: 'F', hour: 1 },
        { marks: { snoozedUntil: '2025-05-14T23:00:00.000Z' } },
        { run: 'F', hour: 2 },
        { run: 'F', hour: 3 },
        { run: 'F', hour: 8 },
      ],
      [OPEN, EDIT, EDIT, `${EDIT}, comment:reminder`],
      { remindAt: [3] },
    ],
    [
      'the first failure after a human comment is news; the next is not',
      [
        { run: 'F', hour: 1 },
        { marks: { humanActionAt: '2025-05-14T20:30:00.000Z' } },
        { run: 'F', hour: 4 },
        { run: 'F', hour: 5 },
      ],
      [OPEN, `${EDIT}, comment:after-human`, EDIT],
    ],
    [
      'a human action before the issue opened is not news',
      [
        { marks: { humanActionAt: '2025-05-14T10:00:00.000Z' } },
        { run: 'F', hour: 1 },
        { run: 'F', hour: 2 },
      ],
      [OPEN, EDIT],
    ],
    [
      'a person closing the issue silences it until the job recovers; the next failure opens a new one',
      [{ run: 'F' }, { issue: 'closed' }, { run: 'F' }, { run: 'F' }, { run: 'S' }, { run: 'F' }],
      [OPEN, '-', '-', '-', OPEN],
    ],
    [
      "a person's close known from issues.closed (before GitHub's read shows it) is respected too",
      [
        { run: 'F' },
        { marks: { humanClosedAt: '2025-05-14T19:00:00.000Z' } },
        { run: 'F' },
        { run: 'S' },
        { run: 'F' },
      ],
      [OPEN, '-', '-', OPEN],
    ],
    [
      'a person reopening it makes the next failure news',
      [{ run: 'F' }, { issue: 'closed' }, { run: 'F' }, { issue: 'open' }, { run: 'F' }],
      [OPEN, '-', `${EDIT}, comment:after-human`],
    ],
    [
      'muted: nothing opens while muted; after /unmute the next failure opens the issue',
      [{ marks: { muted: true } }, { run: 'F' }, { run: 'F' }, { marks: { muted: false } }, { run: 'F' }],
      ['-', '-', OPEN],
    ],
    [
      'muted with an issue open: a pass is counted but does not close; after /unmute the next pass does',
      [{ run: 'F' }, { marks: { muted: true } }, { run: 'S' }, { marks: { muted: false } }, { run: 'S' }],
      [OPEN, '-', RECOVER],
    ],
    [
      'a run older than the last one counted changes nothing',
      [
        { run: 'F', hour: 5 },
        { run: 'S', hour: 2 },
        { run: 'F', hour: 6 },
      ],
      [OPEN, '-', EDIT],
    ],
    [
      'a cancelled run counts as neither',
      [{ run: 'F' }, { run: 'aborted' }, { run: 'S' }],
      [OPEN, '-', RECOVER],
    ],
  ])('%s', (_name, steps, expected, overrides) => {
    it('takes exactly these actions, run by run', () => {
      expect(play(steps, aPolicy(overrides))).toEqual(expected);
    });
  });

  describe('opening the issue', () => {
    const plan = reconcile(
      aSnapshot(),
      { run: aRun(0), stageOnly: false, issue: null, routing: ROUTING, now: '2025-05-14T17:20:02.000Z' },
      aPolicy(),
    );
    const open = plan.actions.find((action) => action.type === 'open-issue') as Extract<
      TrackerAction,
      { type: 'open-issue' }
    >;

    it('files it in the configured repository with the ACK labels, service and priority from the area', () => {
      expect(open.repository).toBe('example-ack/community');
      expect(open.labels).toEqual([
        'kind/tests/failing',
        'area/prow',
        'service/lambda',
        'priority/critical-urgent',
        'sheriff/tracking',
      ]);
      expect(plan.actions[0]).toEqual({
        type: 'ensure-labels',
        repository: 'example-ack/community',
        labels: open.labels,
      });
    });

    it('assigns the approvers who are people, up to maxAssignees, and mentions everyone with the reason', () => {
      expect(open.assignees).toEqual(['kai-release', 'lee-release']);
      expect(open.body).toContain('- @kai-release: approver of area `lambda` (`OWNERS`)');
      expect(open.body).toContain('- @example-ack/prow-oncall: approver of area `lambda` (config)');
      const one = reconcile(
        aSnapshot(),
        { run: aRun(0), stageOnly: false, issue: null, routing: ROUTING, now: '2025-05-14T17:20:02.000Z' },
        aPolicy({ maxAssignees: 1, mentionOwners: false }),
      ).actions[1] as Extract<TrackerAction, { type: 'open-issue' }>;
      expect(one.assignees).toEqual(['kai-release']);
      expect(one.body).toContain('- `kai-release`: approver');
    });

    it('carries the versioned marker first, the status block, the title with ref and job', () => {
      expect(open.body.startsWith(`${trackingMarker(KEY)}\n`)).toBe(true);
      expect(open.body).toContain(STATUS_START);
      expect(open.body).toContain(
        '- **First failure**: commit `c342365ab463` (`v1.7.3`), 2025-05-14 17:19 UTC',
      );
      expect(open.body).toContain('To retry the job, comment `/retest-release`.');
      expect(open.title).toBe(
        '[release-failure] lambda-controller v1.7.3: post-lambda-controller-release failed',
      );
    });

    it('reports the episode as opened, for the MTTD', () => {
      expect(plan.events).toEqual([
        { type: 'opened', firstFailureRunId: aRun(0).runId, firstFailureAt: '2025-05-14T17:19:37.000Z' },
      ]);
    });

    it('without labels.create, opens it without creating labels', () => {
      const actions = reconcile(
        aSnapshot(),
        { run: aRun(0), stageOnly: false, issue: null, routing: ROUTING, now: '2025-05-14T17:20:02.000Z' },
        aPolicy({ labels: { create: false } }),
      ).actions.map((action) => action.type);
      expect(actions).toEqual(['open-issue']);
    });
  });

  describe('recovering', () => {
    it('names the fixing commit and the time broken, and reports both', () => {
      const policy = aPolicy({ closeAfter: 2 });
      let snapshot = aSnapshot();
      const step = (run: JobRun): TrackerPlan => {
        const plan = reconcile(
          snapshot,
          {
            run,
            stageOnly: false,
            issue: snapshot.state.episode?.issue ? { state: 'open' } : null,
            routing: ROUTING,
            now: run.finishedAt!,
          },
          policy,
        );
        snapshot = {
          ...snapshot,
          state: withOpenedIssue(plan.next, { repository: 'example-ack/community', number: 7 }),
        };
        return plan;
      };
      step(aRun(0));
      step(aRun(1));
      step(aRun(3, { state: 'success', sha: 'f1xf1xf1xf1xf1x0000000000000000000000000' }));
      const plan = step(aRun(4, { state: 'success' }));
      const comment = plan.actions[0] as Extract<TrackerAction, { type: 'comment' }>;
      expect(comment.body).toContain('fixed by commit `f1xf1xf1xf1x` (`v1.7.3`), 2025-05-14 20:19 UTC');
      expect(comment.body).toContain('It was broken for 3h (since 2025-05-14 17:19 UTC, 2 failing runs)');
      expect(plan.events).toEqual([
        {
          type: 'ended',
          firstFailureRunId: aRun(0).runId,
          by: 'recovery',
          fixingSha: 'f1xf1xf1xf1xf1x0000000000000000000000000',
          brokenSeconds: 3 * 3600,
        },
      ]);
      expect(plan.next.episode).toBeNull();
    });
  });

  it('asks for the routing only when an issue may open', () => {
    const policy = aPolicy({ openAfter: 2 });
    expect(mayOpenIssue(aSnapshot(), aRun(0), policy)).toBe(false);
    expect(mayOpenIssue(aSnapshot(), aRun(0, { state: 'success' }), aPolicy())).toBe(false);
    expect(mayOpenIssue(aSnapshot({ muted: true }), aRun(0), aPolicy())).toBe(false);
    expect(mayOpenIssue(aSnapshot(), aRun(0), aPolicy())).toBe(true);
  });
});
