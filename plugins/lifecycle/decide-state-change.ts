/** What `/close` and `/reopen` are decided on. */
export interface StateFacts {
  readonly isPullRequest: boolean;
  readonly isOpen: boolean;
  readonly isAuthor: boolean;
  /** Labels when the comment was made (from the webhook). */
  readonly labels: readonly string[];
  /** Known when {@link closeNeedsCollaborator} or {@link reopenNeedsCollaborator} said so. */
  readonly isCollaborator?: boolean;
}

export type StateDecision =
  | { readonly kind: 'refuse'; readonly message: string }
  | {
      readonly kind: 'close';
      readonly stateReason: 'completed' | 'not_planned';
      readonly message: string;
    }
  | { readonly kind: 'reopen'; readonly message: string };

/** Prow: an item with `lifecycle/stale` or `lifecycle/rotten` is inactive, and anyone may close it. */
function isActive(labels: readonly string[]): boolean {
  return !labels.some((label) => ['lifecycle/stale', 'lifecycle/rotten'].includes(label.toLowerCase()));
}

/**
 * Whether `/close` must ask GitHub if the commenter is a collaborator: only on an open, active
 * item the commenter did not author.
 */
export function closeNeedsCollaborator(facts: Omit<StateFacts, 'isCollaborator'>): boolean {
  return facts.isOpen && !facts.isAuthor && isActive(facts.labels);
}

/** Whether `/reopen` must ask GitHub if the commenter is a collaborator: on a closed item they did not author. */
export function reopenNeedsCollaborator(facts: Omit<StateFacts, 'isCollaborator'>): boolean {
  return !facts.isOpen && !facts.isAuthor;
}

/**
 * Prow's `/close` (only while open): the author or a collaborator may close, anyone may close an
 * inactive item; a PR cannot be closed as not planned. Pure.
 *
 * @example
 * decideClose('completed', { isPullRequest: false, isOpen: true, isAuthor: true, labels: [] });
 * // { kind: 'close', stateReason: 'completed', message: 'Closing this issue.' }
 */
export function decideClose(
  request: 'completed' | 'not-planned',
  facts: StateFacts,
): StateDecision | undefined {
  if (!facts.isOpen) return undefined;
  if (!facts.isAuthor && facts.isCollaborator !== true && isActive(facts.labels)) {
    return {
      kind: 'refuse',
      message: "You can't close an active issue/PR unless you authored it or you are a collaborator.",
    };
  }
  if (facts.isPullRequest) {
    return request === 'not-planned'
      ? { kind: 'refuse', message: 'PRs cannot be closed as Not Planned.' }
      : { kind: 'close', stateReason: 'completed', message: 'Closed this PR.' };
  }
  return request === 'not-planned'
    ? {
        kind: 'close',
        stateReason: 'not_planned',
        message: 'Closing this issue, marking it as "Not Planned".',
      }
    : { kind: 'close', stateReason: 'completed', message: 'Closing this issue.' };
}

/**
 * Prow's `/reopen` (only while closed): the author or a collaborator may reopen. Pure.
 *
 * @example
 * decideReopen({ isPullRequest: true, isOpen: false, isAuthor: false, labels: [], isCollaborator: false });
 * // { kind: 'refuse', message: "You can't reopen an issue/PR unless you authored it or you are a collaborator." }
 */
export function decideReopen(facts: StateFacts): StateDecision | undefined {
  if (facts.isOpen) return undefined;
  if (!facts.isAuthor && facts.isCollaborator !== true) {
    return {
      kind: 'refuse',
      message: "You can't reopen an issue/PR unless you authored it or you are a collaborator.",
    };
  }
  return { kind: 'reopen', message: facts.isPullRequest ? 'Reopened this PR.' : 'Reopened this issue.' };
}
