import type { ApprovalDecision } from './decide-approval.js';
import type { Approval } from './fold-approvals.js';

/** The first line of every notifier; Sheriff finds its own notifier by it, as Prow does. */
export const NOTIFIER_PREFIX = '[APPROVALNOTIFIER]';

export interface NotifierContext {
  readonly owner: string;
  readonly repo: string;
  /** The PR's base branch: OWNERS links point there. */
  readonly branch: string;
  readonly issueRequired: boolean;
  readonly associatedIssue: number | null;
  readonly manuallyApprovedBy: string | null;
  readonly commandHelpLink?: string | undefined;
  readonly prProcessLink: string;
  /** Default `https://github.com`. */
  readonly webUrl?: string;
}

/**
 * Prow's approval notifier (`approvers/owners.go` `GetMessage`): the verdict, who approved, whom
 * to ask, the OWNERS files still waiting (struck through once approved), and the hidden
 * `<!-- META={"approvers":[...]} -->` with Prow's `GetCCs`. Commands appear only in inline code,
 * never at the start of a line, so the notifier triggers nothing.
 *
 * @example
 * renderApprovalNotifier(decision, approvals, { owner: 'acme', repo: 'widgets', branch: 'main', ... });
 * // '[APPROVALNOTIFIER] This PR is **NOT APPROVED**\n\nThis pull-request has been approved by: ...'
 */
export function renderApprovalNotifier(
  decision: ApprovalDecision,
  approvals: readonly Approval[],
  context: NotifierContext,
): string {
  const web = context.webUrl ?? 'https://github.com';
  const manual = context.manuallyApprovedBy !== null;
  const open = !decision.state.filesApproved && !manual;
  const lines: string[] = [
    `${NOTIFIER_PREFIX} This PR is **${decision.approved ? 'APPROVED' : 'NOT APPROVED'}**`,
    '',
  ];
  if (!decision.requirementsMet && manual) {
    lines.push('Approval requirements bypassed by manually added approval.', '');
  }
  lines.push(`This pull-request has been approved by:${listApprovals(approvals)}`);
  if (open) lines.push(askFor(decision, web, context.prProcessLink));
  lines.push('');
  if (context.issueRequired) lines.push(issueSection(decision, context), '');
  if (context.commandHelpLink) {
    lines.push(
      `The full list of commands accepted by this bot can be found [here](${context.commandHelpLink}?repo=${encodeURIComponent(`${context.owner}/${context.repo}`)}).`,
      '',
    );
  }
  lines.push(
    `The pull request process is described [here](${context.prProcessLink})`,
    '',
    open ? '<details open>' : '<details >',
    'Needs approval from an approver in each of these files:',
    '',
    ...decision.state.ownersFiles.map((unit) => {
      const link = `${web}/${context.owner}/${context.repo}/blob/${context.branch}/${unit.ownersFile}`;
      return unit.approved
        ? `- ~~[${unit.ownersFile}](${link})~~ [${unit.approvedBy.join(',')}]`
        : `- **[${unit.ownersFile}](${link})**`;
    }),
    '',
    'Approvers can indicate their approval by writing `/approve` in a comment',
    'Approvers can cancel approval by writing `/approve cancel` in a comment',
    '</details>',
    `<!-- META=${JSON.stringify({ approvers: decision.suggestion.approvers })} -->`,
  );
  return lines.join('\n');
}

function listApprovals(approvals: readonly Approval[]): string {
  return approvals
    .map((approval, index) => `${index === 0 ? ' ' : ', '}${renderApproval(approval)}`)
    .join('');
}

function renderApproval(approval: Approval): string {
  return `*<a href="${escapeAttribute(approval.url)}" title="${approval.how}">${approval.login}</a>*`;
}

/** Prow's "please assign ..." sentence: assigned approvers to ask, others to assign. */
function askFor(decision: ApprovalDecision, web: string, prProcessLink: string): string {
  const { assigned, toAssign } = decision.suggestion;
  const people = (logins: readonly string[]) =>
    logins.map((login) => `[${login}](${web}/${login})`).join(', ');
  let ask: string;
  if (assigned.length > 0 && toAssign.length > 0) {
    ask = `ask for approval from ${people(assigned)} and additionally assign ${people(toAssign)} for approval`;
  } else if (assigned.length > 0) {
    ask = `ask for approval from ${people(assigned)}`;
  } else if (toAssign.length > 0) {
    ask = `assign ${people(toAssign)} for approval`;
  } else {
    ask = 'ask for approval from an approver';
  }
  return `**Once this PR has been reviewed and has the lgtm label**, please ${ask}. For more information see [the Code Review Process](${prProcessLink}).`;
}

function issueSection(decision: ApprovalDecision, context: NotifierContext): string {
  if (context.associatedIssue !== null) return `Associated issue: *#${context.associatedIssue}*`;
  if (decision.noIssueApprovals.length > 0) {
    return `Associated issue requirement bypassed by:${listApprovals(decision.noIssueApprovals)}`;
  }
  if (context.manuallyApprovedBy !== null) {
    return '*No associated issue*. Requirement bypassed by manually added approval.';
  }
  return '*No associated issue*. Update pull-request body to add a reference to an issue, or get approval with `/approve no-issue`';
}

function escapeAttribute(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}
