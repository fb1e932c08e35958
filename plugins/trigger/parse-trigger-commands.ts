import type { CommandToken } from '../../src/commands/lex-commands.js';

/** Why a trigger command answers with the job list instead of running anything (Prow's help replies). */
export type TriggerHelp = 'list' | 'test-needs-target' | 'retest-takes-no-target';

/** What one comment asks of the trigger plugin, all its commands together. */
export interface TriggerIntent {
  /** `/retest`: the failed checks and jobs (and auto-run Prow jobs not reported yet). */
  readonly retest: boolean;
  /** `/retest-required`: as `/retest`, required ones only. */
  readonly retestRequired: boolean;
  /** `/test-manual-required`: the required Prow jobs that run only when asked. */
  readonly testManualRequired: boolean;
  /** `/test all`. */
  readonly testAll: boolean;
  /** `/test a b`, `/test a, b`: named checks, in order, without duplicates. */
  readonly targets: readonly string[];
  readonly help: readonly TriggerHelp[];
  readonly okToTest: boolean;
  readonly okToTestCancel: boolean;
}

/** True when the comment asks anything at all. */
export function asksAnything(intent: TriggerIntent): boolean {
  return runsJobs(intent) || intent.okToTest || intent.okToTestCancel;
}

/** True when the comment would run CI or answer with the job list (both need trust). */
export function runsJobs(intent: TriggerIntent): boolean {
  return (
    intent.retest ||
    intent.retestRequired ||
    intent.testManualRequired ||
    intent.testAll ||
    intent.targets.length > 0 ||
    intent.help.length > 0
  );
}

/**
 * Reads trigger commands with Prow's regexes (`trigger.go`, `pjutil/filter.go`, `help.go`), on
 * tokens lexed case-sensitively with fenced blocks dropped:
 *
 * | line | meaning |
 * |---|---|
 * | `/retest` | re-run failed checks (`^/retest\s*$`) |
 * | `/retest x` | help: takes no target |
 * | `/retest-required` | re-run failed required checks (`^/retest-required\s*$`; other text: no command) |
 * | `/test-manual-required` | required Prow jobs that run only when asked (`^/test-manual-required\s*$`) |
 * | `/test` | help: needs a target |
 * | `/test ?` | help: the list |
 * | `/test all`, `/test all, please` | all checks (`^/test all,?($|\s.*)`) |
 * | `/test a b`, `/test a, b` | the named checks |
 * | `/ok-to-test` | clear the PR; `/ok-to-test cancel` revokes; other text: no command |
 *
 * @example
 * parseTriggerCommands(lexCommands('/test e2e, unit', { stripFences: true })).targets; // ['e2e', 'unit']
 */
export function parseTriggerCommands(tokens: readonly CommandToken[]): TriggerIntent {
  let retest = false;
  let retestRequired = false;
  let testManualRequired = false;
  let testAll = false;
  let okToTest = false;
  let okToTestCancel = false;
  const targets: string[] = [];
  const help: TriggerHelp[] = [];
  for (const token of tokens) {
    const { name, argText, args } = token;
    if (name === 'retest') {
      if (argText === '') retest = true;
      else help.push('retest-takes-no-target');
    } else if (name === 'test') {
      if (argText === '') help.push('test-needs-target');
      else if (argText === '?') help.push('list');
      else if (/^all,?$/.test(args[0]!)) testAll = true;
      else {
        for (const arg of args) {
          const target = arg.replace(/,+$/, '');
          if (target !== '' && !targets.includes(target)) targets.push(target);
        }
      }
    } else if (name === 'retest-required') {
      if (argText === '') retestRequired = true;
    } else if (name === 'test-manual-required') {
      if (argText === '') testManualRequired = true;
    } else if (name === 'ok-to-test') {
      if (argText === '') okToTest = true;
      else if (argText === 'cancel') okToTestCancel = true;
    }
  }
  return {
    retest,
    retestRequired,
    testManualRequired,
    testAll,
    targets,
    help: [...new Set(help)],
    okToTest,
    okToTestCancel,
  };
}
