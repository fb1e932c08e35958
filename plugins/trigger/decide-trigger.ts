import { hasFailed, type HeadCheck } from './head-checks.js';
import { runsJobs, type TriggerHelp, type TriggerIntent } from './parse-trigger-commands.js';
import { needsRetest, type ProwJob } from './prow-jobs.js';
import { renderCheckList } from './render-check-list.js';
import { noGangwayMessage } from './render-gangway-replies.js';

/** Prow's refusal when neither the commenter nor the PR is trusted. */
export const CANNOT_TRIGGER =
  'Cannot trigger testing until a trusted user reviews the PR and leaves an `/ok-to-test` message.';
/** Sheriff's refusal when `ok-to-test` was given for an earlier head (Prow would run it). */
export const STALE_OK_TO_TEST =
  'Cannot trigger testing: `ok-to-test` was given for an earlier commit of this PR. A trusted user must review the new commits and leave an `/ok-to-test` message.';
/** Prow's refusal of `/ok-to-test cancel` from an untrusted user. */
export const ONLY_TRUSTED_REVOKE = 'Only trusted users can revoke `/ok-to-test`.';

const HELP_TEXT: Record<TriggerHelp, string> = {
  list: '',
  'test-needs-target': 'The `/test` command needs one or more targets.',
  'retest-takes-no-target': 'The `/retest` command does not accept any targets.',
};

/** One thing to ask GitHub to run. */
export type CheckAction =
  | { readonly kind: 'rerun-failed-jobs'; readonly runId: number; readonly name: string }
  | { readonly kind: 'rerun-workflow'; readonly runId: number; readonly name: string }
  | { readonly kind: 'approve-run'; readonly runId: number; readonly name: string }
  | { readonly kind: 'rerequest-suite'; readonly suiteId: number; readonly name: string };

/** A Prow job to start through Gangway; `retest` marks those `/retest` asked for (Prow labels them). */
export interface ProwRun {
  readonly name: string;
  readonly retest: boolean;
}

export interface TriggerInput {
  readonly intent: TriggerIntent;
  readonly commenterTrusted: boolean;
  /** Prow's TrustedPullRequest, with `ok-to-test` valid only for the head it was given on. */
  readonly pullTrusted: boolean;
  /** The `ok-to-test` label is on but was given for another head. */
  readonly okToTestStale: boolean;
  readonly labels: readonly string[];
  readonly okToTestLabel: string;
  readonly needsOkToTestLabel: string;
  readonly headSha: string;
  /** The head's checks; only read when something may run. */
  readonly checks: readonly HeadCheck[];
  /** Empty: every check is required. */
  readonly requiredChecks: readonly string[];
  /** The PR's Prow jobs; only read when something may run. */
  readonly prowJobs: readonly ProwJob[];
  /** Whether Gangway is configured, so Prow jobs can be started. */
  readonly gangway: boolean;
}

/** What the comment leads to; the shell carries it out in this order: labels, grant, runs, reply. */
export interface TriggerPlan {
  readonly addLabels: readonly string[];
  readonly removeLabels: readonly string[];
  /** Record that the head was cleared, or forget it. */
  readonly grant: 'record' | 'revoke' | null;
  readonly actions: readonly CheckAction[];
  /** Prow jobs to start through Gangway (empty without Gangway: the reply says why). */
  readonly prowRuns: readonly ProwRun[];
  /** One reply for the whole comment, or none. */
  readonly reply: string | null;
}

/** Whether the intent may run anything at all: a trusted commenter, or a trusted PR (Prow). */
export function mayRun(input: Pick<TriggerInput, 'commenterTrusted' | 'pullTrusted'>): boolean {
  return input.commenterTrusted || input.pullTrusted;
}

/**
 * Prow's trigger rules for one comment (`generic-comment.go`): anyone may test a trusted PR, a
 * trusted user may test any PR, `/ok-to-test` from a trusted user clears the PR (labels, the runs
 * GitHub holds for approval, and the Prow jobs that run without being asked), `/retest` re-runs
 * failed checks and jobs, `/retest-required` the required ones, `/test-manual-required` the
 * required Prow jobs that run only when asked, `/test all` every finished check and auto-run
 * job, `/test x` the named ones; unknown names and malformed commands get the list. Prow jobs
 * asked for without Gangway are not started, and the reply says why.
 *
 * @example
 * decideTrigger({ intent: parseTriggerCommands(lexCommands('/retest')), commenterTrusted: true, ... });
 * // { actions: [{ kind: 'rerun-failed-jobs', runId: 42, name: 'ci' }], reply: null, ... }
 */
export function decideTrigger(input: TriggerInput): TriggerPlan {
  const { intent } = input;
  const add: string[] = [];
  const remove: string[] = [];
  const messages: string[] = [];
  const actions = new Map<string, CheckAction>();
  const prowRuns = new Map<string, ProwRun>();
  let grant: TriggerPlan['grant'] = null;
  const has = (label: string) => input.labels.includes(label);
  const queue = (action: CheckAction) => {
    const key = action.kind === 'rerequest-suite' ? `suite:${action.suiteId}` : `run:${action.runId}`;
    // Re-running a whole workflow covers re-running its failed jobs.
    if (actions.get(key)?.kind === 'rerun-workflow') return;
    actions.set(key, action);
  };
  const queueProw = (run: ProwRun) => {
    if (!prowRuns.has(run.name)) prowRuns.set(run.name, run);
  };

  if (intent.okToTestCancel) {
    if (input.commenterTrusted) {
      if (has(input.okToTestLabel)) remove.push(input.okToTestLabel);
      if (!has(input.needsOkToTestLabel)) add.push(input.needsOkToTestLabel);
      grant = 'revoke';
    } else {
      messages.push(ONLY_TRUSTED_REVOKE);
    }
  } else if (intent.okToTest) {
    if (input.commenterTrusted) {
      if (!has(input.okToTestLabel)) add.push(input.okToTestLabel);
      if (has(input.needsOkToTestLabel)) remove.push(input.needsOkToTestLabel);
      grant = 'record';
      for (const check of input.checks) if (waitsForApproval(check)) queue(runAction(check));
      // Prow starts the `/test all` set: the jobs an untrusted PR's push did not start.
      for (const job of input.prowJobs) if (job.autoRuns) queueProw({ name: job.name, retest: false });
    } else if (!input.pullTrusted) {
      messages.push(input.okToTestStale ? STALE_OK_TO_TEST : CANNOT_TRIGGER);
    }
  }

  if (runsJobs(intent)) {
    if (!mayRun(input)) {
      const refusal = input.okToTestStale ? STALE_OK_TO_TEST : CANNOT_TRIGGER;
      if (!messages.includes(refusal)) messages.push(refusal);
    } else {
      messages.push(...planRuns(input, queue, queueProw));
    }
  }
  if (prowRuns.size > 0 && !input.gangway) {
    messages.push(noGangwayMessage([...prowRuns.keys()]));
    prowRuns.clear();
  }

  return {
    addLabels: add,
    removeLabels: remove,
    grant,
    actions: [...actions.values()],
    prowRuns: [...prowRuns.values()],
    reply: messages.length > 0 ? messages.join('\n\n') : null,
  };
}

/** Queues the runs the intent asks for; returns what to tell the commenter. */
function planRuns(
  input: TriggerInput,
  queue: (action: CheckAction) => void,
  queueProw: (run: ProwRun) => void,
): string[] {
  const { intent, checks, prowJobs } = input;
  const notes: string[] = [];
  let list = false;
  const required = (check: HeadCheck) =>
    input.requiredChecks.length === 0 || input.requiredChecks.includes(check.name);
  const short = input.headSha.slice(0, 7);

  for (const reason of intent.help) {
    list = true;
    if (HELP_TEXT[reason] !== '') notes.push(HELP_TEXT[reason]);
  }
  // Prow: `/retest` re-runs every failed job, optional ones too; `/retest-required` only required ones.
  for (const [asked, requiredOnly] of [
    [intent.retest, false],
    [intent.retestRequired, true],
  ] as const) {
    if (!asked) continue;
    const failed = checks.filter((check) => hasFailed(check) && (!requiredOnly || required(check)));
    const jobs = prowJobs.filter((job) => needsRetest(job) && (!requiredOnly || job.required));
    for (const check of failed) queue(retestAction(check));
    for (const job of jobs) queueProw({ name: job.name, retest: true });
    if (failed.length + jobs.length === 0) {
      notes.push(`There are no failed${requiredOnly ? ' required' : ''} checks to re-run on ${short}.`);
    }
  }
  if (intent.testManualRequired) {
    const manual = prowJobs.filter((job) => job.manual && job.required);
    for (const job of manual) queueProw({ name: job.name, retest: false });
    if (manual.length === 0) {
      notes.push(
        'No required jobs run only when asked for, so `/test-manual-required` has nothing to run. Such jobs are listed in `plugins.trigger.presubmits`.',
      );
    }
  }
  if (intent.testAll) {
    const runnable = checks.filter(canRun);
    const jobs = prowJobs.filter((job) => job.autoRuns);
    for (const check of runnable) queue(runAction(check));
    for (const job of jobs) queueProw({ name: job.name, retest: false });
    if (runnable.length + jobs.length === 0) {
      notes.push('No jobs can be run with `/test all`.');
      list = true;
    }
  }
  if (intent.targets.length > 0) {
    const unknown: string[] = [];
    const running: string[] = [];
    for (const target of intent.targets) {
      const check = checks.find((candidate) => candidate.name === target);
      const job = prowJobs.find((candidate) => candidate.name === target);
      if (!check && !job) unknown.push(target);
      if (job) queueProw({ name: job.name, retest: false });
      if (check && !canRun(check)) running.push(target);
      else if (check) queue(runAction(check));
    }
    if (unknown.length > 0) {
      notes.push(
        `The specified target(s) for \`/test\` were not found: ${unknown.map((name) => `\`${name}\``).join(', ')}.`,
      );
      list = true;
    }
    if (running.length > 0) {
      notes.push(`Still running, so not started again: ${running.map((name) => `\`${name}\``).join(', ')}.`);
    }
  }
  if (list) {
    const entries = [
      ...checks.map((check) => ({ name: check.name, required: required(check) })),
      ...prowJobs.map((job) => ({ name: job.name, required: job.required })),
    ];
    notes.push(renderCheckList(entries, input.headSha));
  }
  return notes;
}

/** GitHub runs a check again only once it has finished; a held fork run needs approval instead. */
function canRun(check: HeadCheck): boolean {
  return check.status === 'completed';
}

function waitsForApproval(check: HeadCheck): boolean {
  return check.kind === 'workflow' && check.conclusion === 'action_required';
}

/** `/retest`: only the failed jobs of a workflow run; another app's whole suite. */
function retestAction(check: HeadCheck): CheckAction {
  return check.kind === 'workflow'
    ? { kind: 'rerun-failed-jobs', runId: check.runId, name: check.name }
    : { kind: 'rerequest-suite', suiteId: check.suiteId, name: check.name };
}

/** `/test`: the whole workflow run (or its approval, when held); another app's whole suite. */
function runAction(check: HeadCheck): CheckAction {
  if (check.kind === 'check-run')
    return { kind: 'rerequest-suite', suiteId: check.suiteId, name: check.name };
  if (waitsForApproval(check)) return { kind: 'approve-run', runId: check.runId, name: check.name };
  return { kind: 'rerun-workflow', runId: check.runId, name: check.name };
}
