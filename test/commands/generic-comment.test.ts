import fc from 'fast-check';
import { isBotUser, toGenericComment } from '../../src/commands/generic-comment.js';
import { lexCommands } from '../../src/commands/lex-commands.js';
import {
  botUser,
  exampleOf,
  examplesOf,
  markAsPullRequest,
  worldRetestReleaseComment,
} from '../support/webhook-examples.js';

describe('toGenericComment', () => {
  describe('issue_comment', () => {
    it('reads the shared world’s /retest-release comment on a tracking issue', () => {
      const comment = toGenericComment('issue_comment', worldRetestReleaseComment());

      expect(comment).toEqual({
        event: 'issue_comment',
        action: 'created',
        body: expect.stringContaining('/retest-release'),
        authorLogin: 'ana-lambda',
        authorIsBot: false,
        repo: { owner: 'example-ack', name: 'community', fullName: 'example-ack/community' },
        number: 2311,
        isPullRequest: false,
        issueAuthorLogin: 'sheriff[bot]',
        issueState: 'open',
        htmlUrl: 'https://github.com/example-ack/community/issues/2311#issuecomment-2883311770',
        issueHtmlUrl: 'https://github.com/example-ack/community/issues/2311',
        commentId: 2883311770,
        labels: ['kind/tests/failing', 'service/lambda', 'area/prow', 'priority/critical-urgent'],
        assignees: [],
        authorAssociation: 'MEMBER',
      });
      expect(lexCommands(comment!.body).map((token) => [token.name, token.argText])).toEqual([
        ['retest-release', ''],
        ['notify-owners', 's3'],
      ]);
    });

    it.each([
      ['created', 'created'],
      ['edited', 'edited'],
      ['deleted', 'deleted'],
    ])('maps action %s to %s', (action, expected) => {
      expect(toGenericComment('issue_comment', exampleOf('issue_comment', action))?.action).toBe(expected);
    });

    it('takes the commenter as author and the issue’s author, labels and assignees', () => {
      const payload = exampleOf('issue_comment', 'created');
      payload.comment.body = '/assign';
      payload.comment.user = botUser();
      const comment = toGenericComment('issue_comment', payload)!;
      expect(comment).toMatchObject({
        body: '/assign',
        authorLogin: payload.comment.user.login,
        issueAuthorLogin: payload.issue.user.login,
        labels: payload.issue.labels!.map((label) => label.name),
        assignees: payload.issue.assignees.map((assignee) => assignee.login),
        commentId: payload.comment.id,
        htmlUrl: payload.comment.html_url,
      });
    });

    it('knows a comment on a pull request from one on an issue', () => {
      const onIssue = exampleOf('issue_comment', 'created');
      const onPull = exampleOf('issue_comment', 'created');
      markAsPullRequest(onPull.issue);
      expect(toGenericComment('issue_comment', onIssue)?.isPullRequest).toBe(false);
      expect(toGenericComment('issue_comment', onPull)?.isPullRequest).toBe(true);
    });

    it('reads the issue state', () => {
      const payload = exampleOf('issue_comment', 'created');
      payload.issue.state = 'closed';
      expect(toGenericComment('issue_comment', payload)?.issueState).toBe('closed');
    });
  });

  describe('pull_request_review', () => {
    it('maps submitted to created, with the reviewer as author and the review as the text', () => {
      const payload = exampleOf('pull_request_review', 'submitted');
      payload.review.body = '/lgtm';
      expect(toGenericComment('pull_request_review', payload)).toMatchObject({
        event: 'pull_request_review',
        action: 'created',
        body: '/lgtm',
        authorLogin: payload.review.user.login,
        isPullRequest: true,
        number: payload.pull_request.number,
        issueAuthorLogin: payload.pull_request.user.login,
        htmlUrl: payload.review.html_url,
        issueHtmlUrl: payload.pull_request.html_url,
        commentId: payload.review.id,
      });
    });

    it('maps dismissed to deleted', () => {
      expect(
        toGenericComment('pull_request_review', exampleOf('pull_request_review', 'dismissed'))?.action,
      ).toBe('deleted');
    });

    it('reads a review without a body (GitHub sends null) as empty text', () => {
      const payload = exampleOf('pull_request_review', 'submitted');
      expect(payload.review.body).toBeNull();
      expect(toGenericComment('pull_request_review', payload)?.body).toBe('');
    });
  });

  describe('pull_request_review_comment', () => {
    it.each([
      ['created', 'created'],
      ['edited', 'edited'],
      ['deleted', 'deleted'],
    ])('maps action %s to %s, on the pull request', (action, expected) => {
      const payload = exampleOf('pull_request_review_comment', action);
      expect(toGenericComment('pull_request_review_comment', payload)).toMatchObject({
        action: expected,
        body: payload.comment.body,
        authorLogin: payload.comment.user.login,
        isPullRequest: true,
        number: payload.pull_request.number,
        commentId: payload.comment.id,
        htmlUrl: payload.comment.html_url,
      });
    });
  });

  describe('pull_request and issues: the description is the text and its author the commenter', () => {
    it('maps a pull request opened to created, as its author', () => {
      const payload = exampleOf('pull_request', 'opened', 1);
      expect(toGenericComment('pull_request', payload)).toEqual({
        event: 'pull_request',
        action: 'created',
        body: payload.pull_request.body,
        authorLogin: payload.pull_request.user.login,
        authorIsBot: false,
        repo: {
          owner: payload.repository.owner.login,
          name: payload.repository.name,
          fullName: payload.repository.full_name,
        },
        number: payload.pull_request.number,
        isPullRequest: true,
        issueAuthorLogin: payload.pull_request.user.login,
        issueState: 'open',
        htmlUrl: payload.pull_request.html_url,
        issueHtmlUrl: payload.pull_request.html_url,
        commentId: undefined,
        labels: ['bug'],
        assignees: [payload.pull_request.assignees[0]!.login],
        authorAssociation: payload.pull_request.author_association,
      });
    });

    it('maps a pull request edited to edited', () => {
      const payload = {
        ...exampleOf('pull_request', 'opened'),
        action: 'edited',
        changes: { body: { from: '' } },
      };
      expect(toGenericComment('pull_request', payload)?.action).toBe('edited');
    });

    it('reads a description GitHub sends as null as empty text', () => {
      const payload = exampleOf('pull_request', 'opened', 2);
      expect(payload.pull_request.body).toBeNull();
      expect(toGenericComment('pull_request', payload)?.body).toBe('');
    });

    it.each([
      ['opened', 'created'],
      ['edited', 'edited'],
    ])('maps an issue %s to %s, as its author', (action, expected) => {
      const payload = exampleOf('issues', action);
      expect(toGenericComment('issues', payload)).toMatchObject({
        event: 'issues',
        action: expected,
        body: payload.issue.body,
        authorLogin: payload.issue.user.login,
        isPullRequest: false,
        commentId: undefined,
        htmlUrl: payload.issue.html_url,
      });
    });

    it('flags a description written by a bot', () => {
      const payload = exampleOf('pull_request', 'opened');
      payload.pull_request.user = botUser();
      expect(toGenericComment('pull_request', payload)).toMatchObject({
        authorLogin: payload.pull_request.user.login,
        authorIsBot: true,
      });
    });
  });

  describe('what is not a comment', () => {
    const commentActions: Record<string, string[]> = {
      pull_request: ['opened', 'edited'],
      issues: ['opened', 'edited'],
      issue_comment: ['created', 'edited', 'deleted'],
      pull_request_review: ['submitted', 'edited', 'dismissed'],
      pull_request_review_comment: ['created', 'edited', 'deleted'],
    };

    it.each(Object.keys(commentActions))(
      'ignores every other %s action in the recorded examples',
      (event) => {
        const others = examplesOf(event as 'issues').filter(
          (payload) => !commentActions[event]!.includes(payload.action),
        );
        for (const payload of others) expect(toGenericComment(event, payload)).toBeUndefined();
        if (event === 'pull_request' || event === 'issues') expect(others.length).toBeGreaterThan(5);
      },
    );

    it('ignores events that carry no comment text', () => {
      expect(toGenericComment('push', exampleOf('issue_comment', 'created'))).toBeUndefined();
      expect(toGenericComment('status', examplesOf('status')[0])).toBeUndefined();
    });

    it('does not mistake an inherited property name for an action', () => {
      for (const action of ['constructor', 'toString', '__proto__', 'hasOwnProperty']) {
        const payload = { ...exampleOf('issue_comment', 'created'), action };
        expect(toGenericComment('issue_comment', payload)).toBeUndefined();
      }
    });

    it('gives undefined when a field a command needs is missing', () => {
      const noUser = exampleOf('issue_comment', 'created') as unknown as { comment: { user: unknown } };
      noUser.comment.user = null;
      const noRepo = exampleOf('issues', 'opened') as unknown as { repository?: unknown };
      delete noRepo.repository;
      expect(toGenericComment('issue_comment', noUser)).toBeUndefined();
      expect(toGenericComment('issues', noRepo)).toBeUndefined();
    });

    it('never throws, whatever the payload', () => {
      const events = fc.constantFrom(...Object.keys(commentActions), 'push', '__proto__', '');
      fc.assert(
        fc.property(events, fc.anything(), (event, payload) => {
          toGenericComment(event, payload);
          toGenericComment(event, {
            action: 'created',
            comment: payload,
            issue: payload,
            repository: payload,
          });
        }),
        { numRuns: 500 },
      );
    });
  });
});

describe('isBotUser', () => {
  it.each([
    [{ login: 'renovate[bot]', type: 'Bot' }, true],
    [{ login: 'legacy-ci', type: 'Bot' }, true],
    [{ login: 'Sheriff[BOT]', type: 'User' }, true],
    [{ login: 'robot-fan', type: 'User' }, false],
    [{ login: 'bot', type: null }, false],
  ])('%o is a bot: %s', (user, expected) => {
    expect(isBotUser(user)).toBe(expected);
  });
});
