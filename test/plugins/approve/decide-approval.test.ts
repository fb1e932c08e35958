import { decideApprovedLabel, decideApproval } from '../../../plugins/approve/decide-approval.js';
import { findAssociatedIssue } from '../../../plugins/approve/find-associated-issue.js';
import type { Approval } from '../../../plugins/approve/fold-approvals.js';
import { indexOwners } from '../../owners/owners-builders.js';

const owners = indexOwners({
  '': { approvers: ['root-a'] },
  docs: { approvers: ['carol'] },
  pkg: { approvers: ['pam', 'pete'] },
});

const approval = (login: string, noIssue = false): Approval => ({
  login,
  how: 'Approved',
  url: `https://x/${login}`,
  noIssue,
});

function decide(approvals: string[], overrides: Partial<Parameters<typeof decideApproval>[0]> = {}) {
  return decideApproval({
    owners,
    changedFiles: ['docs/guide.md', 'pkg/main.go'],
    approvals: approvals.map((login) => approval(login)),
    assignees: [],
    prNumber: 7,
    issueRequired: false,
    associatedIssue: null,
    manuallyApprovedBy: null,
    ...overrides,
  });
}

describe('decideApproval (prow.md 1.4 steps 4-6, 2.4)', () => {
  it('needs one approver per required OWNERS file', () => {
    const decision = decide(['carol']);
    expect(decision.state.unapprovedOwnersFiles).toEqual(['pkg/OWNERS']);
    expect(decision.approved).toBe(false);
    expect(decide(['carol', 'pete']).approved).toBe(true);
  });

  it('lists a non-approver without covering any file', () => {
    const decision = decide(['mallory']);
    expect(decision.state.unapprovedOwnersFiles).toEqual(['docs/OWNERS', 'pkg/OWNERS']);
    expect(decision.approved).toBe(false);
  });

  it('lets a root approver cover every file', () => {
    expect(decide(['root-a']).approved).toBe(true);
  });

  it('suggests the smallest covering set of leaf approvers, deterministically per PR', () => {
    const suggestion = decide([]).suggestion;
    expect(suggestion.approvers).toHaveLength(2);
    expect(suggestion.approvers).toContain('carol');
    expect(decide([]).suggestion).toEqual(suggestion);
    expect(decide(['carol']).suggestion.approvers).toEqual(suggestion.approvers.filter((l) => l !== 'carol'));
  });

  it('splits suggestions into assigned ones and ones to assign', () => {
    const { suggestion } = decide([], { assignees: ['carol'] });
    expect(suggestion.assigned).toEqual(['carol']);
    expect(suggestion.toAssign).toHaveLength(1);
  });

  it('with issue_required, needs an associated issue or an approver’s no-issue', () => {
    const required = { issueRequired: true };
    expect(decide(['root-a'], required).approved).toBe(false);
    expect(decide(['root-a'], { ...required, associatedIssue: 12 }).approved).toBe(true);
    const noIssue = decideApproval({
      ...baseInput(),
      ...required,
      approvals: [approval('root-a', true)],
    });
    expect(noIssue.approved).toBe(true);
    // A no-issue from someone who approves nothing here does not count.
    const outsider = decideApproval({
      ...baseInput(),
      ...required,
      approvals: [approval('root-a'), approval('mallory', true)],
    });
    expect(outsider.noIssueApprovals).toEqual([]);
    expect(outsider.approved).toBe(false);
  });

  it('counts a hand-added approved label as approved (ManuallyApproved)', () => {
    const decision = decide([], { manuallyApprovedBy: 'boss' });
    expect(decision.requirementsMet).toBe(false);
    expect(decision.approved).toBe(true);
  });
});

function baseInput() {
  return {
    owners,
    changedFiles: ['docs/guide.md', 'pkg/main.go'],
    approvals: [],
    assignees: [],
    prNumber: 7,
    issueRequired: false,
    associatedIssue: null,
    manuallyApprovedBy: null,
  };
}

describe('decideApprovedLabel (prow.md 1.4 step 6)', () => {
  it.each([
    [true, false, 'add'],
    [true, true, null],
    [false, true, 'remove'],
    [false, false, null],
  ] as const)('approved=%s, label on=%s: %s', (approved, labelOn, expected) => {
    expect(decideApprovedLabel(approved, labelOn)).toBe(expected);
  });
});

describe('findAssociatedIssue (Prow associatedIssueRegexFormat)', () => {
  it.each([
    ['Fixes #42', 42],
    ['Fixes #42 and #43', 42],
    ['#42 at the start', null],
    ['See https://github.com/acme/tools/issues/7', 7],
    ['See https://github.com/other/tools/issues/7', null],
    ['no reference', null],
    ['', null],
  ])('%j -> %j', (body, expected) => {
    expect(findAssociatedIssue(body, 'acme')).toBe(expected);
  });
});
