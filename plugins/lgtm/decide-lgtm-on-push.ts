import type { LgtmConfig } from './lgtm-config.js';

/** The comment Prow posts when a push removes lgtm. */
export const LGTM_REMOVED_NOTICE = 'New changes are detected. LGTM label has been removed.';

/** What must be looked up before deciding about a push; nothing when there is no lgtm to lose. */
export interface PushLookups {
  /** Check whether the PR author is in this team (`stickyTeam`). */
  readonly stickyTeam?: string;
  /** Compare the git trees of the previous and the new head commit (`keepOnUnchangedTree`). */
  readonly compareTrees: boolean;
}

export interface PushFacts {
  readonly hasLgtm: boolean;
  readonly merged: boolean;
  readonly authorIsSticky?: boolean;
  /** The new head commit has the same tree as the previous one; `false` when either is unknown. */
  readonly treeUnchanged?: boolean;
}

/**
 * The lookups a `pull_request` `synchronize` needs: none unless the PR has lgtm (from the webhook)
 * and is not merged.
 *
 * @example
 * pushLookups({ hasLgtm: true, merged: false }, { keepOnUnchangedTree: true, ... }); // { compareTrees: true }
 */
export function pushLookups(
  facts: Pick<PushFacts, 'hasLgtm' | 'merged'>,
  config: Pick<LgtmConfig, 'stickyTeam' | 'keepOnUnchangedTree'>,
): PushLookups | undefined {
  if (!facts.hasLgtm || facts.merged) return undefined;
  return {
    ...(config.stickyTeam ? { stickyTeam: config.stickyTeam } : {}),
    compareTrees: config.keepOnUnchangedTree,
  };
}

/**
 * Prow's lgtm `handlePullRequest`: new commits remove lgtm, except on a PR by a sticky-team member
 * or, with `keepOnUnchangedTree`, when the content did not change. Sheriff compares the tree of
 * the push's `before` and `after` commits instead of a tree hash Prow stores in a comment at
 * `/lgtm`: every push that changes the tree removes lgtm, so while lgtm is on, `before` has the
 * tree that was approved. Pure.
 *
 * @example
 * decideLgtmOnPush({ hasLgtm: true, merged: false, treeUnchanged: false }); // 'remove'
 */
export function decideLgtmOnPush(facts: PushFacts): 'keep' | 'remove' | undefined {
  if (!facts.hasLgtm || facts.merged) return undefined;
  if (facts.authorIsSticky === true || facts.treeUnchanged === true) return 'keep';
  return 'remove';
}
