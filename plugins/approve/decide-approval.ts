import type { OwnersIndex } from '../../src/owners/owners-index.js';
import {
  type ApprovalState,
  type ApproverSuggestion,
  checkApprovals,
  suggestApprovers,
} from '../../src/owners/suggest-approvers.js';
import type { Approval } from './fold-approvals.js';

/** Everything the approval of one PR depends on; no I/O. */
export interface ApprovalInput {
  readonly owners: OwnersIndex;
  readonly changedFiles: readonly string[];
  /** The folded approvals (see `foldApprovals`). */
  readonly approvals: readonly Approval[];
  readonly assignees: readonly string[];
  /** Seeds the shuffle of suggested approvers, as Prow does. */
  readonly prNumber: number;
  readonly issueRequired: boolean;
  /** The issue the PR body references, if any. */
  readonly associatedIssue: number | null;
  /** A person who added the approved label by hand (Prow `ManuallyApproved`). */
  readonly manuallyApprovedBy: string | null;
}

/** Where the PR stands, in Prow's terms. */
export interface ApprovalDecision {
  readonly state: ApprovalState;
  readonly suggestion: ApproverSuggestion;
  /** Approvals with `no-issue` from people who can approve some required OWNERS file. */
  readonly noIssueApprovals: readonly Approval[];
  /** Prow `RequirementsMet`: files approved, and the issue requirement met. */
  readonly requirementsMet: boolean;
  /** Prow `IsApproved`: requirements met, or approved by hand. */
  readonly approved: boolean;
}

/**
 * Prow's approval of a PR: every required OWNERS file covered by a standing approval, and, with
 * `issueRequired`, an associated issue or an approver's `/approve no-issue`; a hand-added label
 * bypasses both. Suggestions are Prow's `GetCCs`, seeded by the PR number.
 *
 * @example
 * decideApproval({ owners, changedFiles: ['docs/a.md'], approvals: [carol], assignees: [], prNumber: 7,
 *   issueRequired: false, associatedIssue: null, manuallyApprovedBy: null }).approved; // true
 */
export function decideApproval(input: ApprovalInput): ApprovalDecision {
  const logins = input.approvals.map((approval) => approval.login);
  const request = { changedFiles: input.changedFiles, approvals: logins };
  const state = checkApprovals(input.owners, request);
  const suggestion = suggestApprovers(input.owners, {
    ...request,
    assignees: input.assignees,
    seed: input.prNumber,
  });
  const canApprove = new Set(state.ownersFiles.flatMap((unit) => unit.approvers));
  const noIssueApprovals = input.approvals.filter(
    (approval) => approval.noIssue && canApprove.has(approval.login.toLowerCase()),
  );
  const issueMet = !input.issueRequired || input.associatedIssue !== null || noIssueApprovals.length > 0;
  const requirementsMet = state.filesApproved && issueMet;
  return {
    state,
    suggestion,
    noIssueApprovals,
    requirementsMet,
    approved: requirementsMet || input.manuallyApprovedBy !== null,
  };
}

/** What to do with the approved label: add it when approved and absent, remove it when not. */
export function decideApprovedLabel(approved: boolean, labelOn: boolean): 'add' | 'remove' | null {
  if (approved && !labelOn) return 'add';
  if (!approved && labelOn) return 'remove';
  return null;
}
