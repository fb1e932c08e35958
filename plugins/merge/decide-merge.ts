import type { MergeConfig } from './merge-config.js';

/** A pull request as the merge decision sees it. */
export interface MergePull {
  readonly state: string;
  readonly draft: boolean;
  readonly merged: boolean;
  readonly labels: readonly string[];
  /** GitHub's `mergeable`: `false` for conflicts, `null` while GitHub computes it. */
  readonly mergeable?: boolean | null;
}

/** One check of the head: a check run (latest per name) or a commit status (latest per context). */
export interface CheckResult {
  readonly name: string;
  readonly state: 'success' | 'pending' | 'failure';
}

export type MergeVerdict = { readonly merge: true } | { readonly merge: false; readonly reason: string };

/**
 * Tide's label rules: open, not a draft, every required label, no blocking label or prefix.
 * Cheap (no request): run it on the webhook's labels first, then again on fresh ones.
 *
 * @example
 * decideMergeLabels({ state: 'open', draft: false, merged: false, labels: ['lgtm'] }, config);
 * // { merge: false, reason: 'Needs approved label.' }
 */
export function decideMergeLabels(
  pull: MergePull,
  config: Pick<MergeConfig, 'requiredLabels' | 'blockingLabels' | 'blockingLabelPrefixes'>,
): MergeVerdict {
  if (pull.state !== 'open' || pull.merged) return { merge: false, reason: 'Not open.' };
  if (pull.draft) return { merge: false, reason: 'Is a draft.' };
  const missing = config.requiredLabels.filter((label) => !pull.labels.includes(label));
  if (missing.length > 0)
    return { merge: false, reason: `Needs ${missing.join(', ')} label${plural(missing)}.` };
  const blocking = pull.labels.filter(
    (label) =>
      config.blockingLabels.includes(label) ||
      config.blockingLabelPrefixes.some((prefix) => label.startsWith(prefix)),
  );
  if (blocking.length > 0) {
    return { merge: false, reason: `Should not have ${blocking.join(', ')} label${plural(blocking)}.` };
  }
  return { merge: true };
}

/**
 * Whether the head's checks allow merging: the required ones passed (all reported ones when
 * none is configured; a head with no check at all passes, as with Tide and no required
 * contexts), and GitHub sees no conflict.
 *
 * @example
 * decideMergeChecks({ ...pull, mergeable: true }, [{ name: 'ci', state: 'pending' }], []);
 * // { merge: false, reason: 'Not mergeable. Check ci is pending.' }
 */
export function decideMergeChecks(
  pull: Pick<MergePull, 'mergeable'>,
  checks: readonly CheckResult[],
  requiredChecks: readonly string[],
): MergeVerdict {
  if (pull.mergeable === false) return { merge: false, reason: 'Not mergeable. It has conflicts.' };
  const considered =
    requiredChecks.length === 0
      ? checks
      : requiredChecks.map(
          (name) => checks.find((check) => check.name === name) ?? { name, state: 'missing' as const },
        );
  for (const check of considered) {
    if (check.state === 'success') continue;
    const how =
      check.state === 'missing'
        ? 'has not reported'
        : check.state === 'pending'
          ? 'is pending'
          : 'has failed';
    return { merge: false, reason: `Not mergeable. Check ${check.name} ${how}.` };
  }
  return { merge: true };
}

function plural(items: readonly string[]): string {
  return items.length > 1 ? 's' : '';
}
