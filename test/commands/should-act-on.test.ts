import { type GenericComment, toGenericComment } from '../../src/commands/generic-comment.js';
import { shouldActOn } from '../../src/commands/should-act-on.js';
import { botUser, exampleOf, worldRetestReleaseComment } from '../support/webhook-examples.js';

const SELF = { selfLogins: ['sheriff[bot]'] };

function commentBy(login: string, type: 'User' | 'Bot' = 'User'): GenericComment {
  const payload = worldRetestReleaseComment();
  payload.comment.user = { ...payload.comment.user, login, type };
  return toGenericComment('issue_comment', payload)!;
}

describe('shouldActOn', () => {
  it('acts on a new comment by a person', () => {
    expect(shouldActOn(toGenericComment('issue_comment', worldRetestReleaseComment())!, SELF)).toEqual({
      act: true,
    });
  });

  it('acts on a new issue description, as its author', () => {
    expect(shouldActOn(toGenericComment('issues', exampleOf('issues', 'opened'))!, SELF)).toEqual({
      act: true,
    });
  });

  it.each(['edited', 'deleted'])('refuses an %s comment: only new text acts, as in Prow', (action) => {
    const comment = toGenericComment('issue_comment', exampleOf('issue_comment', action))!;
    expect(shouldActOn(comment, SELF)).toEqual({ act: false, reason: 'not-created' });
  });

  it('refuses a dismissed review', () => {
    const comment = toGenericComment('pull_request_review', exampleOf('pull_request_review', 'dismissed'))!;
    expect(shouldActOn(comment, SELF)).toEqual({ act: false, reason: 'not-created' });
  });

  it('refuses Sheriff’s own comment, whatever the case of the login', () => {
    expect(shouldActOn(commentBy('Sheriff[bot]', 'Bot'), SELF)).toEqual({
      act: false,
      reason: 'own-comment',
    });
  });

  it('refuses a machine user listed as Sheriff even though GitHub says it is a User', () => {
    const options = { selfLogins: ['sheriff[bot]', '@Sheriff-Robot'] };
    expect(shouldActOn(commentBy('sheriff-robot'), options)).toEqual({ act: false, reason: 'own-comment' });
  });

  it('refuses another bot, so two bots can never answer each other forever', () => {
    const bot = botUser();
    expect(shouldActOn(commentBy(bot.login, 'Bot'), SELF)).toEqual({ act: false, reason: 'bot-author' });
  });

  it('refuses a `[bot]` login even when its type says User', () => {
    expect(shouldActOn(commentBy('renovate[bot]'), SELF)).toEqual({ act: false, reason: 'bot-author' });
  });
});
