import { includesLogin, sameLogin } from '../../src/permissions/github-login.js';
import type { LgtmIntent } from './parse-lgtm.js';

/** The label Prow's lgtm plugin sets, and Tide (Sheriff's merge plugin) requires. */
export const LGTM_LABEL = 'lgtm';

/** Which check the commenter needs, in Prow's order: none for the PR author. */
export type LgtmCheck = 'none' | 'collaborator' | 'owners';

/**
 * The permission check an lgtm request needs. The author needs none: adding is refused and
 * cancelling is allowed either way.
 *
 * @example
 * lgtmCheck('ana', 'erin', { reviewersFromOwners: false }); // 'collaborator'
 */
export function lgtmCheck(
  commenter: string,
  prAuthor: string,
  config: { reviewersFromOwners: boolean },
): LgtmCheck {
  if (sameLogin(commenter, prAuthor)) return 'none';
  return config.reviewersFromOwners ? 'owners' : 'collaborator';
}

export interface LgtmFacts {
  readonly intent: LgtmIntent;
  readonly commenter: string;
  readonly prAuthor: string;
  /** From the webhook. */
  readonly assignees: readonly string[];
  /** From the webhook. */
  readonly labels: readonly string[];
  readonly reviewersFromOwners: boolean;
  /** Known when {@link lgtmCheck} said `collaborator`. */
  readonly isCollaborator?: boolean;
  /** Known when {@link lgtmCheck} said `owners`: an approver or reviewer of a changed file. */
  readonly isOwnersReviewer?: boolean;
}

export type LgtmDecision =
  | { readonly kind: 'refuse'; readonly message: string }
  | {
      readonly kind: 'apply';
      /** Prow assigns a collaborator who is not assigned yet, for a cancel too. */
      readonly assignCommenter: boolean;
      readonly label: 'add' | 'remove' | undefined;
    };

/**
 * Prow's lgtm `handle`: the author may not lgtm their own PR (but may cancel); anyone else must be
 * a collaborator, or with `reviewersFromOwners` an OWNERS approver or reviewer of a changed file;
 * a collaborator not yet assigned is assigned; the label is added only if absent and removed only
 * if present. Pure.
 *
 * @example
 * decideLgtm({ intent: 'add', commenter: 'ana', prAuthor: 'erin', assignees: [], labels: [],
 *   reviewersFromOwners: false, isCollaborator: true });
 * // { kind: 'apply', assignCommenter: true, label: 'add' }
 */
export function decideLgtm(facts: LgtmFacts): LgtmDecision {
  const isAuthor = sameLogin(facts.commenter, facts.prAuthor);
  if (isAuthor && facts.intent === 'add') return { kind: 'refuse', message: 'you cannot LGTM your own PR.' };
  if (!isAuthor && !facts.reviewersFromOwners && facts.isCollaborator !== true) {
    return { kind: 'refuse', message: 'changing LGTM is restricted to collaborators' };
  }
  if (!isAuthor && facts.reviewersFromOwners && facts.isOwnersReviewer !== true) {
    return {
      kind: 'refuse',
      message: 'adding LGTM is restricted to approvers and reviewers in OWNERS files.',
    };
  }
  const has = facts.labels.some((label) => label.toLowerCase() === LGTM_LABEL);
  return {
    kind: 'apply',
    assignCommenter:
      !isAuthor && !facts.reviewersFromOwners && !includesLogin(facts.assignees, facts.commenter),
    label: facts.intent === 'add' ? (has ? undefined : 'add') : has ? 'remove' : undefined,
  };
}
