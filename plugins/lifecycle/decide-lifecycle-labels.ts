import { LIFECYCLE_VALUES, type LifecycleRequest } from './parse-lifecycle.js';

export interface LifecycleLabelDecision {
  /** Labels to remove, as the issue carries them; removed before adding. */
  readonly remove: readonly string[];
  readonly add: readonly string[];
  /** `/lifecycle frozen` on a PR: Prow refuses it with this reply. */
  readonly reply?: string;
}

const LIFECYCLE_LABELS = LIFECYCLE_VALUES.map((value) => `lifecycle/${value}`);

/**
 * Prow's lifecycle labels, line by line: adding a value first removes every other `lifecycle/*`
 * label (they exclude each other), removing drops the label only if present, and `frozen` cannot
 * be added to a PR. Sheriff sends only the net change of the whole comment. Pure.
 *
 * @example
 * decideLifecycleLabels([{ remove: false, value: 'rotten' }], ['lifecycle/stale'], false);
 * // { remove: ['lifecycle/stale'], add: ['lifecycle/rotten'] }
 */
export function decideLifecycleLabels(
  changes: LifecycleRequest['changes'],
  labels: readonly string[],
  isPullRequest: boolean,
): LifecycleLabelDecision {
  const has = (set: readonly string[], label: string) =>
    set.some((present) => present.toLowerCase() === label);
  let current = [...labels];
  let refusedFrozen = false;
  for (const { remove, value } of changes) {
    const label = `lifecycle/${value}`;
    if (remove) {
      current = current.filter((present) => present.toLowerCase() !== label);
    } else if (value === 'frozen' && isPullRequest) {
      refusedFrozen = true;
    } else if (!has(current, label)) {
      current = [...current.filter((present) => !LIFECYCLE_LABELS.includes(present.toLowerCase())), label];
    }
  }
  return {
    remove: labels.filter((label) => !has(current, label.toLowerCase())),
    add: current.filter((label) => !has(labels, label.toLowerCase())),
    ...(refusedFrozen ? { reply: 'The `lifecycle/frozen` label cannot be applied to Pull Requests.' } : {}),
  };
}
