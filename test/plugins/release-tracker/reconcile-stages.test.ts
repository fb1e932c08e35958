import { type TrackerObservation, reconcile } from '../../../plugins/release-tracker/reconcile.js';
import type { BlockingFailure } from '../../../plugins/release-tracker/release-stage-graph.js';
import type { TrackerSnapshot } from '../../../plugins/release-tracker/tracker-state.js';
import { ACK_STAGES, aPolicy, aRun, aSnapshot, ROUTING } from './tracker-builders.js';

const policy = aPolicy({ stages: ACK_STAGES });
const CHART_KEY = 'example-ack/lambda-controller/update-ack-chart';
const UPSTREAM: BlockingFailure = {
  key: 'example-ack/lambda-controller/post-lambda-controller-release',
  job: 'post-lambda-controller-release',
  stage: 'image-build',
  issue: { repository: 'example-ack/community', number: 2311 },
};

/** A failing or passing run of ACK's umbrella chart bump, `n` hours in. */
const chartRun = (n: number, state: 'failure' | 'success' = 'failure') =>
  aRun(n, { runId: `prow:update-ack-chart:${n}`, job: 'update-ack-chart', state });

function observe(
  n: number,
  blockedBy: BlockingFailure | null,
  state: 'failure' | 'success' = 'failure',
): TrackerObservation {
  const run = chartRun(n, state);
  return { run, stageOnly: false, issue: null, routing: ROUTING, now: run.finishedAt!, blockedBy };
}

const chartSnapshot = (): TrackerSnapshot => {
  const snapshot = aSnapshot();
  return { ...snapshot, key: CHART_KEY, state: { ...snapshot.state, job: 'update-ack-chart' } };
};

describe('reconcile with release stages: a downstream failure is folded into its upstream issue', () => {
  it('comments "blocked by" on the upstream issue once, and opens no issue of its own', () => {
    const first = reconcile(chartSnapshot(), observe(1, UPSTREAM), policy);
    expect(
      first.actions.map((action) => [action.type, 'issue' in action ? action.issue.number : null]),
    ).toEqual([['comment', 2311]]);
    const comment = first.actions[0] as Extract<(typeof first.actions)[number], { type: 'comment' }>;
    expect(comment.kind).toBe('blocked');
    expect(comment.body).toContain(
      '`update-ack-chart` (`example-ack/lambda-controller`) failed too for `v1.7.3`: [logs](https://prow.example-ack.dev/view/s3/example-ack-prow-logs/logs/post-lambda-controller-release/1). It is blocked by this failure (stage `image-build` comes before it), so Sheriff files no issue of its own for it while this one is open.',
    );
    expect(first.events).toEqual([]);
    expect(first.next.episode).toMatchObject({ issue: null, blockedBy: UPSTREAM });

    const again = reconcile({ ...chartSnapshot(), state: first.next }, observe(2, UPSTREAM), policy);
    expect(again.actions).toEqual([]);
    expect(again.reason).toBe('blocked by post-lambda-controller-release: folded into its issue');
  });

  it('opens its own issue once the upstream no longer fails, and forgets the fold', () => {
    const folded = reconcile(chartSnapshot(), observe(1, UPSTREAM), policy).next;
    const own = reconcile({ ...chartSnapshot(), state: folded }, observe(2, null), policy);
    expect(own.actions.map((action) => action.type)).toEqual(['ensure-labels', 'open-issue']);
    expect(own.next.episode?.blockedBy).toBeNull();
  });

  it('ends a folded episode silently when the job passes', () => {
    const folded = reconcile(chartSnapshot(), observe(1, UPSTREAM), policy).next;
    const passed = reconcile({ ...chartSnapshot(), state: folded }, observe(2, null, 'success'), policy);
    expect(passed.actions).toEqual([]);
    expect(passed.next.episode).toBeNull();
  });

  it('shows the stage chain in the issue of a job the graph knows', () => {
    const run = aRun(1);
    const opened = reconcile(
      aSnapshot(),
      { run, stageOnly: false, issue: null, routing: ROUTING, now: run.finishedAt! },
      policy,
    );
    const open = opened.actions.find((action) => action.type === 'open-issue') as { body: string };
    expect(open.body).toContain(
      '- **Release stages**: git-tag ✓ → image-build ✗ (or a later stage of the same job: see the logs) → image-push (blocked) → helm-publish (blocked) → olm-bundle (blocked) → umbrella-chart (blocked)',
    );
    const without = reconcile(
      aSnapshot(),
      { run, stageOnly: false, issue: null, routing: ROUTING, now: run.finishedAt! },
      aPolicy(),
    );
    expect(
      (without.actions.find((action) => action.type === 'open-issue') as { body: string }).body,
    ).not.toContain('Release stages');
  });
});
