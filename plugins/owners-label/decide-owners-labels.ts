import type { OwnersIndex } from '../../src/owners/owners-index.js';

/** What owners-label does on one PR event. */
export interface OwnersLabelsDecision {
  /** Labels to add in one request, sorted; empty: nothing to do. */
  readonly add: readonly string[];
  /** Labels OWNERS asks for that the repository does not have: skipped (and logged), as Prow does. */
  readonly missing: readonly string[];
}

/**
 * Prow's owners-label: the union of `FindLabelsForFile` over the changed files, sorted.
 *
 * @example
 * labelsForChangedFiles(index, ['services/ec2/helm/values.yaml']); // ['area/helm', 'area/release', 'service/ec2']
 */
export function labelsForChangedFiles(owners: OwnersIndex, changedFiles: readonly string[]): string[] {
  const labels = new Set<string>();
  for (const file of changedFiles) for (const label of owners.labels(file)) labels.add(label);
  return [...labels].sort();
}

/**
 * Which of the needed labels to add: those the PR does not carry yet and the repository has.
 * Names compare exactly, as in Prow (`sets.Set[string]`); labels are never removed.
 *
 * @example
 * decideOwnersLabels(['area/helm', 'service/ec2'], ['service/ec2'], ['area/helm', 'service/ec2', 'lgtm']);
 * // { add: ['area/helm'], missing: [] }
 */
export function decideOwnersLabels(
  needed: readonly string[],
  current: readonly string[],
  repoLabels: readonly string[],
): OwnersLabelsDecision {
  const on = new Set(current);
  const exists = new Set(repoLabels);
  const wanted = [...new Set(needed)].filter((label) => !on.has(label)).sort();
  return {
    add: wanted.filter((label) => exists.has(label)),
    missing: wanted.filter((label) => !exists.has(label)),
  };
}
