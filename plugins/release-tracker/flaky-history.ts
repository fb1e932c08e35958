import type { FlakyPolicy } from './release-tracker-config.js';

/** A counted run's outcome, as a job's recent history lists it. */
export type HistoryOutcome = 'passed' | 'failed';

/**
 * How many times the outcome changes from one run to the next.
 *
 * @example
 * flipsOf(['passed', 'failed', 'passed', 'failed', 'failed']); // 3
 */
export function flipsOf(history: readonly HistoryOutcome[]): number {
  let flips = 0;
  for (let index = 1; index < history.length; index += 1)
    if (history[index] !== history[index - 1]) flips += 1;
  return flips;
}

/**
 * Whether the recent runs (oldest first, the latest `flaky.runs` of them) flip more than
 * `flaky.flips` times: the job is flaky, not broken.
 *
 * @example
 * isFlaky(['failed', 'passed', 'failed', 'passed', 'failed'], { enabled: true, runs: 10, flips: 3, label: 'kind/tests/flaky' }); // true
 */
export function isFlaky(history: readonly HistoryOutcome[] | undefined, policy: FlakyPolicy): boolean {
  if (!history || !policy.enabled) return false;
  return flipsOf(history.slice(-policy.runs)) > policy.flips;
}

/**
 * The pass/fail pattern people read in the issue, oldest first.
 *
 * @example
 * renderPattern(['passed', 'failed', 'passed']); // '✓✗✓'
 */
export function renderPattern(history: readonly HistoryOutcome[]): string {
  return history.map((outcome) => (outcome === 'passed' ? '✓' : '✗')).join('');
}
