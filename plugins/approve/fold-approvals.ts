import type { ApprovalEvent } from './approval-events.js';

/** A standing approval, as the notifier lists it. */
export interface Approval {
  /** As written by GitHub (the notifier shows it); compare lower-cased. */
  readonly login: string;
  /** Prow's `How`: the link title in the "approved by" list. */
  readonly how: 'Approved' | 'Author self-approved';
  readonly url: string;
  readonly noIssue: boolean;
}

export interface FoldOptions {
  /** Prow `require_self_approval`: without it the author approves implicitly, first. */
  readonly requireSelfApproval: boolean;
  /** Prow `ignore_review_state`: review states (`review:<id>` events) are skipped. */
  readonly ignoreReviewState: boolean;
}

/**
 * Prow's approvers fold (`approve.go` `handle`, `approvers.Approvers`): the PR author first as
 * "Author self-approved" unless self-approval is required (even when the author is no OWNERS
 * approver: listed, but covering nothing), then every event in order, the latest intent per
 * login winning. A later plain `/approve` keeps an earlier `no-issue` one. Sorted by login.
 *
 * @example
 * foldApprovals(events, { author: 'erin', url: prUrl }, { requireSelfApproval: false, ignoreReviewState: false });
 * // [{ login: 'alice', how: 'Approved', ... }, { login: 'erin', how: 'Author self-approved', ... }]
 */
export function foldApprovals(
  events: readonly ApprovalEvent[],
  pull: { readonly author: string; readonly url: string },
  options: FoldOptions,
): Approval[] {
  const approvals = new Map<string, Approval>();
  const authorKey = pull.author.toLowerCase();
  if (!options.requireSelfApproval) {
    approvals.set(authorKey, {
      login: pull.author,
      how: 'Author self-approved',
      url: pull.url,
      noIssue: false,
    });
  }
  for (const event of events) {
    if (options.ignoreReviewState && event.source.startsWith('review:')) continue;
    const key = event.login.toLowerCase();
    if (event.action === 'withdraw') {
      approvals.delete(key);
      continue;
    }
    const earlier = approvals.get(key);
    if (earlier?.noIssue && !event.noIssue) continue;
    approvals.set(key, {
      login: event.login,
      how: key === authorKey ? 'Author self-approved' : 'Approved',
      url: event.url,
      noIssue: event.noIssue,
    });
  }
  return [...approvals.values()].sort((a, b) => compareLogins(a.login, b.login));
}

function compareLogins(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  return x < y ? -1 : x > y ? 1 : 0;
}
