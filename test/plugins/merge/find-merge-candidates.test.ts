import { findMergeCandidates } from '../../../plugins/merge/find-merge-candidates.js';
import { exampleOf } from '../../support/webhook-examples.js';

describe('findMergeCandidates (event-driven, no polling)', () => {
  it('takes the PR of a label change, with its labels', () => {
    const payload = exampleOf('pull_request', 'labeled');
    payload.pull_request.labels = [
      { id: 1, node_id: 'L1', url: '', name: 'lgtm', color: 'ededed', default: false, description: null },
    ];
    expect(findMergeCandidates('pull_request', payload)).toEqual({
      kind: 'pulls',
      pulls: [{ number: payload.pull_request.number, labels: ['lgtm'] }],
    });
  });

  it('ignores PR actions that cannot make a PR mergeable', () => {
    expect(findMergeCandidates('pull_request', exampleOf('pull_request', 'closed'))).toEqual({
      kind: 'none',
    });
  });

  it('takes the open PRs at the head of a success status, and nothing for other states', () => {
    expect(findMergeCandidates('status', { state: 'success', sha: 'abc123' })).toEqual({
      kind: 'head',
      sha: 'abc123',
    });
    expect(findMergeCandidates('status', { state: 'failure', sha: 'abc123' })).toEqual({ kind: 'none' });
    expect(findMergeCandidates('status', { state: 'pending', sha: 'abc123' })).toEqual({ kind: 'none' });
  });

  it('takes the PRs of a passed check run, or its head when GitHub lists none (a fork)', () => {
    const check = { status: 'completed', conclusion: 'success', head_sha: 'abc123' };
    expect(
      findMergeCandidates('check_run', {
        action: 'completed',
        check_run: { ...check, pull_requests: [{ number: 7 }] },
      }),
    ).toEqual({ kind: 'pulls', pulls: [{ number: 7 }] });
    expect(
      findMergeCandidates('check_suite', {
        action: 'completed',
        check_suite: { ...check, pull_requests: [] },
      }),
    ).toEqual({ kind: 'head', sha: 'abc123' });
    expect(
      findMergeCandidates('workflow_run', {
        action: 'completed',
        workflow_run: { ...check, conclusion: 'failure', pull_requests: [{ number: 7 }] },
      }),
    ).toEqual({ kind: 'none' });
    expect(findMergeCandidates('check_run', { action: 'created', check_run: check })).toEqual({
      kind: 'none',
    });
  });
});
