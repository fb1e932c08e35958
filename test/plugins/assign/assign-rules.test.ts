import {
  missingAssignees,
  planAssignees,
  planReviewRequests,
} from '../../../plugins/assign/decide-assign.js';
import { parseAssign, parseCc } from '../../../plugins/assign/parse-assign.js';
import { assignRefusal, reviewRefusal } from '../../../plugins/assign/render-assign.js';
import { commandsFor, genericComment, pullRequestDescription } from '../support/prow-comments.js';
import type { GenericComment } from '../../../src/commands/generic-comment.js';

/** What the assign plugin reads from a comment: [assign, cc], each as { add, remove }. */
function read(comment: GenericComment) {
  const tokens = commandsFor('assign', comment);
  return {
    assign: parseAssign(tokens, comment.body, comment.authorLogin),
    cc: parseCc(tokens, comment.body, comment.authorLogin),
  };
}
const on = (body: string, pullRequest = true) => read(genericComment({ body, author: 'cy', pullRequest }));
const none = { add: [], remove: [] };

// One row per rule of prow.md 0 and 1.1 that concerns /assign and /cc.
describe('/assign and /cc as Prow reads them (prow.md 0, 1.1)', () => {
  it.each([
    ['with no login, the commenter is the target', '/assign', { add: ['cy'], remove: [] }, none],
    [
      'logins with or without @, one space apart',
      '/assign @ana bob',
      { add: ['ana', 'bob'], remove: [] },
      none,
    ],
    ['the command word is case-insensitive', '/ASSIGN @ana', { add: ['ana'], remove: [] }, none],
    ['CRLF line endings work', '/assign @ana\r\n', { add: ['ana'], remove: [] }, none],
    ['commas do not parse', '/assign @ana, @bob', none, none],
    ['a team does not parse for /assign', '/assign @acme/core', none, none],
    ['two spaces do not parse for /assign', '/assign  @ana', none, none],
    ['other characters do not parse', '/assign @ana!', none, none],
    [
      'trailing words are read as logins',
      '/assign @ana please',
      { add: ['ana', 'please'], remove: [] },
      none,
    ],
    ['mid-line is not a command', 'please /assign @ana', none, none],
    ['a quote is not a command', '> /assign @ana', none, none],
    ['inline code is not a command', '`/assign @ana`', none, none],
    ['a fenced block does not hide it', '```\n/assign @ana\n```', { add: ['ana'], remove: [] }, none],
    [
      'a later line overrides an earlier one',
      '/assign @ana\n/unassign @ana',
      { add: [], remove: ['ana'] },
      none,
    ],
    ['logins compare case-insensitively', '/assign @Ana\n/unassign @ana', { add: [], remove: ['ana'] }, none],
    ['/unassign alone removes the commenter', '/unassign', { add: [], remove: ['cy'] }, none],
    [
      '/cc with several spaces and a team',
      '/cc @ana   @acme/core',
      none,
      { add: ['ana', 'acme/core'], remove: [] },
    ],
    ['/uncc alone removes the commenter', '/UNCC', none, { add: [], remove: ['cy'] }],
    [
      'several commands in one comment',
      'Thanks!\n/assign @ana\n/cc bob\n/uncc @dee',
      { add: ['ana'], remove: [] },
      { add: ['bob'], remove: ['dee'] },
    ],
  ] as const)('%s: %j', (_rule, body, assign, cc) => {
    expect(on(body)).toEqual({ assign, cc });
  });

  it('runs /cc only on pull requests (the dispatcher routes none on an issue)', () => {
    expect(on('/assign @ana\n/cc @bob', false)).toEqual({ assign: { add: ['ana'], remove: [] }, cc: none });
  });

  it('ignores an edited comment', () => {
    expect(read(genericComment({ body: '/assign @ana', action: 'edited' }))).toEqual({
      assign: none,
      cc: none,
    });
  });

  it('runs a command in a new PR description as its author', () => {
    const comment = pullRequestDescription('Fixes the bundle.\n/assign\n/cc @bob', 'erin');
    expect(read(comment)).toEqual({
      assign: { add: ['erin'], remove: [] },
      cc: { add: ['bob'], remove: [] },
    });
  });
});

describe('planning the calls', () => {
  it('uses the assignees of the webhook: no call for someone already (un)assigned', () => {
    expect(planAssignees({ add: ['ana', 'Bob'], remove: ['cy', 'dee'] }, ['bob', 'cy'])).toEqual({
      unassign: ['cy'],
      assign: ['ana'],
    });
  });

  it("makes an org/team of the repository's owner a team reviewer and refuses one of another org", () => {
    expect(
      planReviewRequests({ add: ['ana', 'Acme/core', 'other/team'], remove: ['acme/old', 'x/y'] }, 'acme'),
    ).toEqual({
      request: { reviewers: ['ana'], teamReviewers: ['core'] },
      unrequest: { reviewers: [], teamReviewers: ['old'] },
      refused: ['other/team'],
    });
  });

  it("finds who GitHub silently left out (Prow's MissingUsers)", () => {
    expect(missingAssignees(['ana', 'mallory'], ['Ana'])).toEqual(['mallory']);
  });
});

describe("Prow's replies", () => {
  it('names the people GitHub would not assign, and why', () => {
    expect(assignRefusal(['mallory', 'eve'], 'acme')).toBe(
      "GitHub didn't allow me to assign the following users: mallory, eve.\n\nNote that only [acme members](https://github.com/orgs/acme/people) with read permissions, repo collaborators and people who have commented on this issue/PR can be assigned. Additionally, issues/PRs can only have 10 assignees at the same time.",
    );
    expect(assignRefusal(['eve'], 'acme', 'https://example.com/guide')).toMatch(
      /at the same time\.\nFor more information please see \[the contributor guide\]\(https:\/\/example\.com\/guide\)$/,
    );
  });

  it('names the people GitHub would not ask for a review', () => {
    expect(reviewRefusal(['mallory'], 'acme')).toBe(
      "GitHub didn't allow me to request PR reviews from the following users: mallory.\n\nNote that only [acme members](https://github.com/orgs/acme/people) and repo collaborators can review this PR, and authors cannot review their own PRs.",
    );
  });
});
