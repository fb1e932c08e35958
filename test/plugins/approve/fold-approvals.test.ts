import type { ApprovalEvent } from '../../../plugins/approve/approval-events.js';
import { foldApprovals } from '../../../plugins/approve/fold-approvals.js';

const PULL = { author: 'erin', url: 'https://github.com/acme/widgets/pull/7' };
const DEFAULTS = { requireSelfApproval: false, ignoreReviewState: false };

function event(
  login: string,
  action: 'approve' | 'withdraw',
  extra: Partial<ApprovalEvent> = {},
): ApprovalEvent {
  return {
    source: `comment:${login}`,
    login,
    at: '',
    url: `https://x/${login}`,
    action,
    noIssue: false,
    ...extra,
  };
}

const logins = (events: ApprovalEvent[], options = DEFAULTS) =>
  foldApprovals(events, PULL, options).map(
    (approval) => `${approval.login}:${approval.how}${approval.noIssue ? ':no-issue' : ''}`,
  );

describe('the approvals fold (prow.md 1.4 steps 2-4)', () => {
  it('adds the author first as self-approved, even without OWNERS rights', () => {
    expect(logins([])).toEqual(['erin:Author self-approved']);
  });

  it('needs the author to /approve when self-approval is required', () => {
    const options = { ...DEFAULTS, requireSelfApproval: true };
    expect(logins([], options)).toEqual([]);
    expect(logins([event('Erin', 'approve')], options)).toEqual(['Erin:Author self-approved']);
  });

  it("records anyone's /approve, sorted by login, case-insensitively", () => {
    expect(logins([event('Zed', 'approve'), event('ana', 'approve')])).toEqual([
      'ana:Approved',
      'erin:Author self-approved',
      'Zed:Approved',
    ]);
  });

  it('keeps the latest intent per login', () => {
    expect(logins([event('ana', 'approve'), event('ANA', 'withdraw')])).toEqual([
      'erin:Author self-approved',
    ]);
    expect(logins([event('ana', 'withdraw'), event('ana', 'approve')])).toEqual([
      'ana:Approved',
      'erin:Author self-approved',
    ]);
  });

  it('lets the author withdraw their implied approval', () => {
    expect(logins([event('erin', 'withdraw')])).toEqual([]);
  });

  it('never lets a later plain /approve override an earlier no-issue one', () => {
    expect(logins([event('ana', 'approve', { noIssue: true }), event('ana', 'approve')])).toEqual([
      'ana:Approved:no-issue',
      'erin:Author self-approved',
    ]);
  });

  it('counts review states unless ignore_review_state, and reads a review body after its state', () => {
    const review = event('ana', 'approve', { source: 'review:5' });
    const body = event('ana', 'withdraw', { source: 'review-body:5' });
    expect(logins([review])).toEqual(['ana:Approved', 'erin:Author self-approved']);
    expect(logins([review], { ...DEFAULTS, ignoreReviewState: true })).toEqual(['erin:Author self-approved']);
    expect(logins([review, body])).toEqual(['erin:Author self-approved']);
    const changes = event('ana', 'withdraw', { source: 'review:6' });
    expect(logins([event('ana', 'approve'), changes])).toEqual(['erin:Author self-approved']);
  });
});
