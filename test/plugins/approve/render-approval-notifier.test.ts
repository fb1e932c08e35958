import { lexCommands } from '../../../src/commands/lex-commands.js';
import { decideApproval } from '../../../plugins/approve/decide-approval.js';
import type { Approval } from '../../../plugins/approve/fold-approvals.js';
import {
  type NotifierContext,
  renderApprovalNotifier,
} from '../../../plugins/approve/render-approval-notifier.js';
import { indexOwners } from '../../owners/owners-builders.js';

const owners = indexOwners({ docs: { approvers: ['carol'] }, pkg: { approvers: ['pam'] } });
const context: NotifierContext = {
  owner: 'acme',
  repo: 'widgets',
  branch: 'main',
  issueRequired: false,
  associatedIssue: null,
  manuallyApprovedBy: null,
  prProcessLink: 'https://example.com/process',
};
const carol: Approval = { login: 'carol', how: 'Approved', url: 'https://c/1', noIssue: false };
const erin: Approval = { login: 'erin', how: 'Author self-approved', url: 'https://p/7', noIssue: false };

function render(
  approvals: Approval[],
  overrides: Partial<typeof context> & { commandHelpLink?: string } = {},
) {
  const decision = decideApproval({
    owners,
    changedFiles: ['docs/a.md', 'pkg/b.go'],
    approvals,
    assignees: [],
    prNumber: 7,
    issueRequired: overrides.issueRequired ?? false,
    associatedIssue: overrides.associatedIssue ?? null,
    manuallyApprovedBy: overrides.manuallyApprovedBy ?? null,
  });
  return renderApprovalNotifier(decision, approvals, { ...context, ...overrides });
}

describe("the approval notifier (Prow's GetMessage)", () => {
  it('says what is missing, whom to ask, and carries the META with the suggested approvers', () => {
    expect(render([carol, erin])).toBe(
      [
        '[APPROVALNOTIFIER] This PR is **NOT APPROVED**',
        '',
        'This pull-request has been approved by: *<a href="https://c/1" title="Approved">carol</a>*, *<a href="https://p/7" title="Author self-approved">erin</a>*',
        '**Once this PR has been reviewed and has the lgtm label**, please assign [pam](https://github.com/pam) for approval. For more information see [the Code Review Process](https://example.com/process).',
        '',
        'The pull request process is described [here](https://example.com/process)',
        '',
        '<details open>',
        'Needs approval from an approver in each of these files:',
        '',
        '- ~~[docs/OWNERS](https://github.com/acme/widgets/blob/main/docs/OWNERS)~~ [carol]',
        '- **[pkg/OWNERS](https://github.com/acme/widgets/blob/main/pkg/OWNERS)**',
        '',
        'Approvers can indicate their approval by writing `/approve` in a comment',
        'Approvers can cancel approval by writing `/approve cancel` in a comment',
        '</details>',
        '<!-- META={"approvers":["pam"]} -->',
      ].join('\n'),
    );
  });

  it('closes the details and asks nobody once approved', () => {
    const pam: Approval = { ...carol, login: 'pam', url: 'https://c/2' };
    const text = render([carol, pam]);
    expect(text.startsWith('[APPROVALNOTIFIER] This PR is **APPROVED**\n')).toBe(true);
    expect(text).toContain('<details >');
    expect(text).not.toContain('please assign');
    expect(text.endsWith('<!-- META={"approvers":[]} -->')).toBe(true);
  });

  it('says when a hand-added label bypassed the requirements', () => {
    const text = render([], { manuallyApprovedBy: 'boss' });
    expect(text).toContain('This PR is **APPROVED**');
    expect(text).toContain('Approval requirements bypassed by manually added approval.');
  });

  it('has an issue section only with issue_required, and the command help link only when configured', () => {
    expect(render([])).not.toContain('associated issue');
    expect(render([], { issueRequired: true })).toContain(
      '*No associated issue*. Update pull-request body to add a reference to an issue, or get approval with `/approve no-issue`',
    );
    expect(render([], { issueRequired: true, associatedIssue: 12 })).toContain('Associated issue: *#12*');
    expect(render([], { commandHelpLink: 'https://example.com/commands' })).toContain(
      '[here](https://example.com/commands?repo=acme%2Fwidgets)',
    );
  });

  it('contains no command a bot could act on', () => {
    expect(lexCommands(render([erin]), { stripFences: false, stripHtmlComments: false })).toEqual([]);
  });
});
