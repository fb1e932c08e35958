import { decideTargets, type RetestContext } from '../../../plugins/retest-release/decide-targets.js';
import type { ReleaseRun } from '../../../plugins/retest-release/release-runs.js';

function run(job: string, state: string, overrides: Partial<ReleaseRun> = {}): ReleaseRun {
  return {
    runId: `prow:${job}:${state}`,
    trackingKey: `example-ack/lambda-controller/${job}`,
    source: 'status',
    system: 'prow',
    repository: 'example-ack/lambda-controller',
    job,
    jobType: 'postsubmit',
    sha: 'c342365ab4634a382d40dd2532411d2f9e2a42b8',
    ref: null,
    defaultBranch: 'main',
    url: `https://prow.example-ack.dev/view/s3/logs/${job}/1`,
    buildId: '1',
    state,
    stage: null,
    ...overrides,
  };
}

const context = (runs: ReleaseRun[], notes: string[] = []): RetestContext => ({
  label: 'this tracking issue',
  runs,
  notes,
});

describe('which runs /retest-release means', () => {
  it('takes every failed job of the context when no job is named', () => {
    const failed = run('post-a-release', 'failure');
    const errored = run('post-b-release', 'error');
    const decision = decideTargets(
      [],
      context([failed, run('post-c-release', 'success'), errored]),
      new Map(),
      [],
    );
    expect(decision.targets).toEqual([failed, errored]);
    expect(decision.lines).toEqual([]);
  });

  it('says nothing is failing when every job of the context passed', () => {
    expect(decideTargets([], context([run('post-a-release', 'success')]), new Map(), [])).toEqual({
      targets: [],
      lines: ['No release job of this tracking issue is failing: nothing to re-run.'],
    });
  });

  it('says when it knows no run of the context at all', () => {
    expect(decideTargets([], context([]), new Map(), []).lines).toEqual([
      'Sheriff knows no release run of this tracking issue: nothing to re-run.',
    ]);
  });

  it('takes a named job from the context, or else from the repository, each run once', () => {
    const inContext = run('post-a-release', 'failure');
    const elsewhere = run('post-b-release', 'failure');
    const decision = decideTargets(
      ['post-a-release', 'post-b-release', 'post-a-release'],
      context([inContext]),
      new Map([['post-b-release', elsewhere]]),
      [],
    );
    expect(decision.targets).toEqual([inContext, elsewhere]);
  });

  it('does not re-run a named job whose latest run passed', () => {
    const decision = decideTargets(
      ['post-a-release'],
      context([run('post-a-release', 'success')]),
      new Map(),
      [],
    );
    expect(decision.targets).toEqual([]);
    expect(decision.lines).toEqual([
      '- `post-a-release`: its latest run passed (success, commit `c342365ab463`, [logs](https://prow.example-ack.dev/view/s3/logs/post-a-release/1)): nothing to re-run.',
    ]);
  });

  it('answers an unknown name with the known release jobs, or says none is known yet', () => {
    expect(decideTargets(['nope'], context([]), new Map(), ['post-a-release', 'release']).lines).toEqual([
      '- `nope`: not a release job Sheriff knows here. Known release jobs: `post-a-release`, `release`.',
    ]);
    expect(decideTargets(['nope'], context([]), new Map(), []).lines).toEqual([
      '- `nope`: not a release job Sheriff knows here; it has recorded no release run in this repository yet.',
    ]);
  });

  it('keeps the context’s notes first', () => {
    const notes = ['This pull request is not merged: its code has no release runs to re-run.'];
    expect(decideTargets([], context([], notes), new Map(), []).lines).toEqual(notes);
  });
});
