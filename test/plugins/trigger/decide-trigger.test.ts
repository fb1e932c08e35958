import { lexCommands } from '../../../src/commands/lex-commands.js';
import {
  CANNOT_TRIGGER,
  decideTrigger,
  ONLY_TRUSTED_REVOKE,
  STALE_OK_TO_TEST,
  type TriggerInput,
} from '../../../plugins/trigger/decide-trigger.js';
import type { HeadCheck } from '../../../plugins/trigger/head-checks.js';
import { parseTriggerCommands } from '../../../plugins/trigger/parse-trigger-commands.js';
import type { ProwJob } from '../../../plugins/trigger/prow-jobs.js';
import { noGangwayMessage } from '../../../plugins/trigger/render-gangway-replies.js';

const HEAD = 'abc1234def5678';
const CHECKS: HeadCheck[] = [
  { kind: 'workflow', name: 'ci', runId: 42, status: 'completed', conclusion: 'failure' },
  { kind: 'workflow', name: 'docs', runId: 43, status: 'completed', conclusion: 'success' },
  { kind: 'workflow', name: 'lint', runId: 44, status: 'completed', conclusion: 'timed_out' },
  { kind: 'workflow', name: 'e2e', runId: 45, status: 'in_progress', conclusion: null },
  { kind: 'workflow', name: 'fork', runId: 46, status: 'completed', conclusion: 'action_required' },
  {
    kind: 'check-run',
    name: 'prow/unit',
    checkRunId: 7,
    suiteId: 70,
    status: 'completed',
    conclusion: 'failure',
  },
];

function decide(body: string, overrides: Partial<TriggerInput> = {}) {
  return decideTrigger({
    intent: parseTriggerCommands(lexCommands(body, { stripFences: true })),
    commenterTrusted: true,
    pullTrusted: false,
    okToTestStale: false,
    labels: [],
    okToTestLabel: 'ok-to-test',
    needsOkToTestLabel: 'needs-ok-to-test',
    headSha: HEAD,
    checks: CHECKS,
    requiredChecks: [],
    prowJobs: [],
    gangway: true,
    ...overrides,
  });
}

const untrusted = { commenterTrusted: false, pullTrusted: false };

describe('who may trigger (prow.md 1.7 "Who may trigger")', () => {
  it.each([
    ['a trusted user on an untrusted PR', { commenterTrusted: true, pullTrusted: false }, true],
    ['anyone on a trusted PR', { commenterTrusted: false, pullTrusted: true }, true],
    ['an untrusted user on an untrusted PR', untrusted, false],
  ])('%s: runs=%s', (_, trust, runs) => {
    const plan = decide('/retest', trust);
    expect(plan.actions.length > 0).toBe(runs);
    expect(plan.reply).toBe(runs ? null : CANNOT_TRIGGER);
  });

  it('refuses with a distinct reason when ok-to-test was given for an earlier commit', () => {
    expect(decide('/test all', { ...untrusted, okToTestStale: true }).reply).toBe(STALE_OK_TO_TEST);
  });

  it('answers help requests only to those who may trigger', () => {
    expect(decide('/test ?', untrusted).reply).toBe(CANNOT_TRIGGER);
    expect(decide('/test ?').reply).toContain('- `/test ci`');
  });
});

describe('/ok-to-test (prow.md 1.7)', () => {
  it('from a trusted user: adds ok-to-test, removes needs-ok-to-test, records the grant, approves held runs', () => {
    const plan = decide('/ok-to-test', { labels: ['needs-ok-to-test'] });
    expect(plan).toEqual({
      addLabels: ['ok-to-test'],
      removeLabels: ['needs-ok-to-test'],
      grant: 'record',
      actions: [{ kind: 'approve-run', runId: 46, name: 'fork' }],
      prowRuns: [],
      reply: null,
    });
  });

  it('from an untrusted user on an untrusted PR: refused', () => {
    expect(decide('/ok-to-test', untrusted)).toMatchObject({
      addLabels: [],
      grant: null,
      reply: CANNOT_TRIGGER,
    });
  });

  it('cancel from a trusted user: swaps the labels back and revokes', () => {
    expect(decide('/ok-to-test cancel', { labels: ['ok-to-test'] })).toMatchObject({
      addLabels: ['needs-ok-to-test'],
      removeLabels: ['ok-to-test'],
      grant: 'revoke',
    });
  });

  it('cancel from an untrusted user: Prow’s refusal', () => {
    expect(decide('/ok-to-test cancel', untrusted).reply).toBe(ONLY_TRUSTED_REVOKE);
  });
});

describe('which checks run (prow.md 1.7 "Which jobs run")', () => {
  it('/retest: the failed jobs of failed workflow runs and the suites of failed checks, not running or passed ones', () => {
    expect(decide('/retest').actions).toEqual([
      { kind: 'rerun-failed-jobs', runId: 42, name: 'ci' },
      { kind: 'rerun-failed-jobs', runId: 44, name: 'lint' },
      { kind: 'rerequest-suite', suiteId: 70, name: 'prow/unit' },
    ]);
  });

  it('/retest re-runs optional failed checks too; /retest-required only the required ones', () => {
    expect(decide('/retest', { requiredChecks: ['ci', 'docs'] }).actions).toHaveLength(3);
    expect(decide('/retest-required', { requiredChecks: ['ci', 'docs'] }).actions).toEqual([
      { kind: 'rerun-failed-jobs', runId: 42, name: 'ci' },
    ]);
  });

  it.each([
    ['/retest', 'There are no failed checks to re-run on abc1234.'],
    ['/retest-required', 'There are no failed required checks to re-run on abc1234.'],
  ])('%s with nothing failed says so', (body, reply) => {
    expect(decide(body, { checks: [CHECKS[1]!] }).reply).toBe(reply);
  });

  it('/test all: every finished check, approving held runs', () => {
    expect(decide('/test all').actions).toEqual([
      { kind: 'rerun-workflow', runId: 42, name: 'ci' },
      { kind: 'rerun-workflow', runId: 43, name: 'docs' },
      { kind: 'rerun-workflow', runId: 44, name: 'lint' },
      { kind: 'approve-run', runId: 46, name: 'fork' },
      { kind: 'rerequest-suite', suiteId: 70, name: 'prow/unit' },
    ]);
  });

  it('/test all with nothing finished: Prow’s reply and the list', () => {
    const reply = decide('/test all', { checks: [CHECKS[3]!] }).reply!;
    expect(reply.startsWith('No jobs can be run with `/test all`.')).toBe(true);
    expect(reply).toContain('- `/test e2e`');
  });

  it('/test <names>: those (case-sensitive names), whole runs; a running one is noted', () => {
    const plan = decide('/test docs, e2e');
    expect(plan.actions).toEqual([{ kind: 'rerun-workflow', runId: 43, name: 'docs' }]);
    expect(plan.reply).toBe('Still running, so not started again: `e2e`.');
  });

  it('/test unknown: not found, with the list of required and optional checks', () => {
    const reply = decide('/test CI', { requiredChecks: ['ci'] }).reply!;
    expect(reply).toBe(
      [
        'The specified target(s) for `/test` were not found: `CI`.',
        '',
        'The following commands are available to trigger required jobs:',
        '',
        '- `/test ci`',
        '',
        'The following commands are available to trigger optional jobs:',
        '',
        '- `/test docs`',
        '- `/test e2e`',
        '- `/test fork`',
        '- `/test lint`',
        '- `/test prow/unit`',
        '',
        'Use `/test all` to run all of them, `/retest` to re-run the failed ones, and `/retest-required` the failed required ones.',
      ].join('\n'),
    );
  });

  it('/test and /retest x: Prow’s help texts', () => {
    expect(decide('/test').reply).toMatch(/^The `\/test` command needs one or more targets\.\n\n/);
    expect(decide('/retest x').reply).toMatch(/^The `\/retest` command does not accept any targets\.\n\n/);
  });

  it('several commands in one comment: one plan, a whole re-run covering the failed-jobs one', () => {
    expect(decide('/retest\n/test ci').actions).toEqual([
      { kind: 'rerun-workflow', runId: 42, name: 'ci' },
      { kind: 'rerun-failed-jobs', runId: 44, name: 'lint' },
      { kind: 'rerequest-suite', suiteId: 70, name: 'prow/unit' },
    ]);
  });
});

/** A Prow job as `readProwJobs` would give it; a required auto-run job that failed unless overridden. */
function prowJob(name: string, overrides: Partial<ProwJob> = {}): ProwJob {
  return {
    name,
    context: name,
    state: 'failure',
    required: true,
    autoRuns: true,
    manual: false,
    ...overrides,
  };
}

const PROW_JOBS: ProwJob[] = [
  prowJob('pull-unit'),
  prowJob('pull-lint', { state: 'error', required: false }),
  prowJob('pull-e2e', { state: 'success' }),
  prowJob('pull-docs', { state: null }),
  prowJob('pull-slow', { state: null, autoRuns: false, manual: true }),
  prowJob('pull-bench', { state: null, autoRuns: false, manual: true, required: false }),
  prowJob('pull-race', { state: 'pending' }),
];

describe('which Prow jobs run (prow.md 1.7 "Which jobs run")', () => {
  const prow = (body: string, overrides: Partial<TriggerInput> = {}) =>
    decide(body, { checks: [], prowJobs: PROW_JOBS, ...overrides });
  const names = (body: string, overrides: Partial<TriggerInput> = {}) =>
    prow(body, overrides).prowRuns.map((run) => `${run.name}${run.retest ? ' (retest)' : ''}`);

  it.each([
    ['/retest', ['pull-unit (retest)', 'pull-lint (retest)', 'pull-docs (retest)']],
    ['/retest-required', ['pull-unit (retest)', 'pull-docs (retest)']],
    ['/test-manual-required', ['pull-slow']],
    ['/test all', ['pull-unit', 'pull-lint', 'pull-e2e', 'pull-docs', 'pull-race']],
    ['/test pull-bench pull-race', ['pull-bench', 'pull-race']],
    ['/retest\n/test pull-unit', ['pull-unit (retest)', 'pull-lint (retest)', 'pull-docs (retest)']],
  ])('%j starts %j', (body, expected) => {
    expect(names(body)).toEqual(expected);
  });

  it('/ok-to-test from a trusted user starts the jobs that run without being asked', () => {
    expect(
      names('/ok-to-test', { prowJobs: [prowJob('pull-unit', { state: null }), PROW_JOBS[4]!] }),
    ).toEqual(['pull-unit']);
  });

  it('an untrusted user on an untrusted PR starts nothing', () => {
    expect(prow('/retest', untrusted)).toMatchObject({ prowRuns: [], reply: CANNOT_TRIGGER });
  });

  it('/test-manual-required with no such job says where they are listed', () => {
    expect(prow('/test-manual-required', { prowJobs: [PROW_JOBS[0]!] }).reply).toMatch(
      /^No required jobs run only when asked for.*plugins\.trigger\.presubmits/,
    );
  });

  it('without Gangway: nothing starts and the reply names the jobs and why', () => {
    const plan = prow('/retest-required', { gangway: false });
    expect(plan.prowRuns).toEqual([]);
    expect(plan.reply).toBe(noGangwayMessage(['pull-unit', 'pull-docs']));
  });

  it('without Gangway, GitHub checks still run and only the Prow part is refused', () => {
    const plan = decide('/retest', { prowJobs: [PROW_JOBS[0]!], gangway: false });
    expect(plan.actions).toHaveLength(3);
    expect(plan.reply).toBe(noGangwayMessage(['pull-unit']));
  });

  it('/test ? lists Prow jobs with the checks, optional ones apart', () => {
    const reply = decide('/test ?', {
      checks: [CHECKS[0]!],
      prowJobs: [PROW_JOBS[0]!, PROW_JOBS[1]!],
    }).reply!;
    expect(reply).toContain(
      'required jobs:\n\n- `/test ci`\n- `/test pull-unit`\n\nThe following commands are available to trigger optional jobs:\n\n- `/test pull-lint`',
    );
  });

  it('/test of a name that is only a Prow job is not "not found"', () => {
    expect(prow('/test pull-e2e').reply).toBeNull();
  });
});
