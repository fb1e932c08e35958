import {
  approvalEventsFrom,
  replaceSource,
  reviewStateEvent,
} from '../../../plugins/approve/approval-events.js';
import { foldApprovals } from '../../../plugins/approve/fold-approvals.js';
import { commandsFor, genericComment, pullRequestDescription } from '../support/prow-comments.js';

const carrier = { source: 'comment:1', login: 'ana', at: '2025-05-14T10:00:00Z', url: 'https://x/1' };
const PULL = { author: 'erin', url: 'https://github.com/acme/widgets/pull/7' };
const OPTIONS = { requireSelfApproval: true, ignoreReviewState: false };

/** What one comment by ana leaves standing for ana, through the real lexer and routing. */
function intentOf(body: string, shape: Parameters<typeof genericComment>[0] = { body }) {
  const tokens = commandsFor('approve', genericComment({ pullRequest: true, ...shape, body }));
  const approvals = foldApprovals(approvalEventsFrom(tokens, carrier), PULL, OPTIONS);
  const ana = approvals.find((approval) => approval.login === 'ana');
  if (tokens.length === 0) return 'no command';
  return ana ? (ana.noIssue ? 'approves, no-issue' : 'approves') : 'withdraws';
}

describe('/approve, /approve no-issue, /approve cancel, /remove-approve (prow.md 1.4 step 3)', () => {
  it.each([
    ['/approve', 'approves'],
    ['/APPROVE', 'approves'],
    ['/Approve', 'approves'],
    ['/approve with nits', 'approves'],
    ['/approve no-issue', 'approves, no-issue'],
    ['/approve No-Issue', 'approves, no-issue'],
    ['/approve no-issue please', 'approves'],
    ['/approve cancel', 'withdraws'],
    ['/approve CANCEL', 'withdraws'],
    ['/approve nocancel', 'withdraws'],
    ['/approve cancelled', 'withdraws'],
    ['/remove-approve', 'withdraws'],
    ['/REMOVE-APPROVE', 'withdraws'],
    ['/remove-approve now', 'withdraws'],
    ['/approve\r\n', 'approves'],
    ['```\n/approve\n```', 'approves'],
    ['please /approve', 'no command'],
    ['> /approve', 'no command'],
    ['  /approve', 'no command'],
    ['`/approve`', 'no command'],
    ['/approved', 'no command'],
    ['/approve!', 'no command'],
    ['/approve\n/approve cancel', 'withdraws'],
    ['/approve cancel\n/approve', 'approves'],
    ['/approve no-issue\n/approve', 'approves, no-issue'],
    ['/lgtm\n/approve\n/hold', 'approves'],
  ])('%j: ana %s', (body, expected) => {
    expect(intentOf(body)).toBe(expected);
  });

  it('ignores an edited comment and a closed PR is left to the handler', () => {
    expect(intentOf('/approve', { body: '/approve', action: 'edited' })).toBe('no command');
  });

  it('is a PR command: on an issue nothing is routed', () => {
    expect(commandsFor('approve', genericComment({ body: '/approve', pullRequest: false }))).toEqual([]);
  });

  it('routes a PR description to the plugin, which reads descriptions from the pull_request event', () => {
    const description = pullRequestDescription('Fixes #12\n/approve', 'erin');
    expect(commandsFor('approve', description).map((token) => token.normalizedName)).toEqual(['approve']);
  });
});

describe('review states (prow.md 1.4 step 3)', () => {
  it.each([
    ['APPROVED', 'approve'],
    ['approved', 'approve'],
    ['CHANGES_REQUESTED', 'withdraw'],
    ['COMMENTED', undefined],
    ['DISMISSED', undefined],
  ])('%s gives %s', (state, action) => {
    expect(reviewStateEvent(state, carrier)?.action).toBe(action);
  });
});

describe('replaceSource', () => {
  const event = (source: string) => ({ ...carrier, source, action: 'approve' as const, noIssue: false });

  it('appends a new carrier and replaces an old one in place, so a retry adds nothing', () => {
    const events = [event('comment:1'), event('comment:2')];
    expect(replaceSource(events, 'comment:3', [event('comment:3')]).map((e) => e.source)).toEqual([
      'comment:1',
      'comment:2',
      'comment:3',
    ]);
    expect(replaceSource(events, 'comment:1', [event('comment:1')]).map((e) => e.source)).toEqual([
      'comment:1',
      'comment:2',
    ]);
    expect(replaceSource(events, 'comment:1', [])).toEqual([event('comment:2')]);
  });
});
