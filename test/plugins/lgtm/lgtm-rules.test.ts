import { decideLgtm, lgtmCheck, type LgtmFacts } from '../../../plugins/lgtm/decide-lgtm.js';
import { decideLgtmOnPush, pushLookups } from '../../../plugins/lgtm/decide-lgtm-on-push.js';
import { reviewIntent } from '../../../plugins/lgtm/decide-review-lgtm.js';
import { parseLgtm } from '../../../plugins/lgtm/parse-lgtm.js';
import type { GenericComment } from '../../../src/commands/generic-comment.js';
import { commandsFor, genericComment, pullRequestDescription } from '../support/prow-comments.js';

const intentOf = (comment: GenericComment) => parseLgtm(commandsFor('lgtm', comment), comment.body);
const intent = (body: string) => intentOf(genericComment({ body, pullRequest: true }));

// One row per rule of prow.md 0 and 1.3 about reading the comment.
describe('/lgtm as Prow reads it (prow.md 0, 1.3)', () => {
  it.each([
    ['/lgtm adds', '/lgtm', 'add'],
    ['the command word is case-insensitive', '/LGTM', 'add'],
    ['/lgtm no-issue equals /lgtm', '/lgtm no-issue', 'add'],
    ['CRLF line endings work', 'Nice.\r\n/lgtm\r\n', 'add'],
    ['/lgtm cancel removes', '/lgtm cancel', 'remove'],
    ['/remove-lgtm removes', '/Remove-LGTM', 'remove'],
    ['add wins over cancel in one comment', '/lgtm cancel\n/lgtm', 'add'],
    ['trailing text makes it nothing', '/lgtm thanks!', undefined],
    ['two spaces before cancel make it nothing', '/lgtm  cancel', undefined],
    ['mid-line is not a command', 'I think /lgtm', undefined],
    ['a quote is not a command', '> /lgtm', undefined],
    ['a list item is not a command', '- /lgtm', undefined],
    ['a fenced block does not hide it', '```\n/lgtm\n```', 'add'],
    ['several commands in one comment', '/hold\n/lgtm\n/assign @ana', 'add'],
  ] as const)('%s: %j', (_rule, body, expected) => {
    expect(intent(body)).toBe(expected);
  });

  it('acts on pull requests only (nothing is routed on an issue)', () => {
    expect(intentOf(genericComment({ body: '/lgtm', pullRequest: false }))).toBeUndefined();
  });

  it('ignores an edited comment', () => {
    expect(intentOf(genericComment({ body: '/lgtm', pullRequest: true, action: 'edited' }))).toBeUndefined();
  });

  it("reads a command in a new PR description, which is the author's own /lgtm", () => {
    const comment = pullRequestDescription('Ready.\n/lgtm', 'erin');
    expect(intentOf(comment)).toBe('add');
    expect(decideLgtm(facts({ commenter: comment.authorLogin, prAuthor: comment.issueAuthorLogin }))).toEqual(
      {
        kind: 'refuse',
        message: 'you cannot LGTM your own PR.',
      },
    );
  });
});

function facts(overrides: Partial<LgtmFacts> = {}): LgtmFacts {
  return {
    intent: 'add',
    commenter: 'ana',
    prAuthor: 'erin',
    assignees: [],
    labels: [],
    reviewersFromOwners: false,
    ...overrides,
  };
}

// One row per step of Prow's lgtm `handle` (prow.md 1.3, "Permission flow").
describe('who may change lgtm, and what happens (prow.md 1.3)', () => {
  it.each([
    [
      "the author's own /lgtm is refused",
      { commenter: 'Erin' },
      { kind: 'refuse', message: 'you cannot LGTM your own PR.' },
    ],
    [
      'the author may cancel without being a collaborator, and is not assigned',
      { commenter: 'erin', intent: 'remove', labels: ['lgtm'] },
      { kind: 'apply', assignCommenter: false, label: 'remove' },
    ],
    [
      'a non-collaborator is refused',
      { isCollaborator: false },
      { kind: 'refuse', message: 'changing LGTM is restricted to collaborators' },
    ],
    [
      'a non-collaborator cannot cancel either',
      { intent: 'remove', isCollaborator: false, labels: ['lgtm'] },
      { kind: 'refuse', message: 'changing LGTM is restricted to collaborators' },
    ],
    [
      'a collaborator is assigned and adds lgtm',
      { isCollaborator: true },
      { kind: 'apply', assignCommenter: true, label: 'add' },
    ],
    [
      'a collaborator already assigned is not assigned again',
      { isCollaborator: true, assignees: ['Ana'] },
      { kind: 'apply', assignCommenter: false, label: 'add' },
    ],
    [
      'a collaborator cancelling is assigned too',
      { isCollaborator: true, intent: 'remove', labels: ['lgtm'] },
      { kind: 'apply', assignCommenter: true, label: 'remove' },
    ],
    [
      'the label is not added twice',
      { isCollaborator: true, labels: ['LGTM'], assignees: ['ana'] },
      { kind: 'apply', assignCommenter: false, label: undefined },
    ],
    [
      'a missing label is not removed',
      { isCollaborator: true, intent: 'remove', assignees: ['ana'] },
      { kind: 'apply', assignCommenter: false, label: undefined },
    ],
    [
      'with reviewersFromOwners, someone outside OWNERS is refused',
      { reviewersFromOwners: true, isOwnersReviewer: false },
      { kind: 'refuse', message: 'adding LGTM is restricted to approvers and reviewers in OWNERS files.' },
    ],
    [
      'with reviewersFromOwners, an OWNERS reviewer adds lgtm and is not assigned',
      { reviewersFromOwners: true, isOwnersReviewer: true },
      { kind: 'apply', assignCommenter: false, label: 'add' },
    ],
  ] as const)('%s', (_rule, overrides, expected) => {
    expect(decideLgtm(facts(overrides as Partial<LgtmFacts>))).toEqual(expected);
  });

  it('checks nobody for the author, collaborators by default, OWNERS with reviewersFromOwners', () => {
    expect(lgtmCheck('erin', 'Erin', { reviewersFromOwners: false })).toBe('none');
    expect(lgtmCheck('ana', 'erin', { reviewersFromOwners: false })).toBe('collaborator');
    expect(lgtmCheck('ana', 'erin', { reviewersFromOwners: true })).toBe('owners');
  });
});

describe('new commits (prow.md 1.3, "New commits")', () => {
  const config = { keepOnUnchangedTree: false, stickyTeam: undefined };

  it('costs nothing when the PR has no lgtm or is merged', () => {
    expect(pushLookups({ hasLgtm: false, merged: false }, config)).toBeUndefined();
    expect(pushLookups({ hasLgtm: true, merged: true }, config)).toBeUndefined();
    expect(decideLgtmOnPush({ hasLgtm: false, merged: false })).toBeUndefined();
  });

  it.each([
    ['removes lgtm', { hasLgtm: true, merged: false }, 'remove'],
    ['keeps it for a sticky-team author', { hasLgtm: true, merged: false, authorIsSticky: true }, 'keep'],
    [
      'keeps it when the tree is unchanged (a squash)',
      { hasLgtm: true, merged: false, treeUnchanged: true },
      'keep',
    ],
    [
      'removes it when the tree changed',
      { hasLgtm: true, merged: false, treeUnchanged: false, authorIsSticky: false },
      'remove',
    ],
  ] as const)('%s', (_rule, pushFacts, expected) => {
    expect(decideLgtmOnPush(pushFacts)).toBe(expected);
  });

  it('looks up the sticky team and the trees only when configured', () => {
    expect(pushLookups({ hasLgtm: true, merged: false }, config)).toEqual({ compareTrees: false });
    expect(
      pushLookups({ hasLgtm: true, merged: false }, { keepOnUnchangedTree: true, stickyTeam: 'acme/core' }),
    ).toEqual({
      compareTrees: true,
      stickyTeam: 'acme/core',
    });
  });
});

describe('reviews with reviewActsAsLgtm (prow.md 1.3, "Options")', () => {
  it.each([
    ['submitted', 'approved', false, 'add'],
    ['submitted', 'APPROVED', false, 'add'],
    ['submitted', 'changes_requested', false, 'remove'],
    ['dismissed', 'dismissed', false, 'remove'],
    ['submitted', 'commented', false, undefined],
    ['edited', 'approved', false, undefined],
    ['submitted', 'approved', true, undefined],
  ] as const)('%s %s (body has an lgtm command: %s) → %s', (action, state, hasCommand, expected) => {
    expect(reviewIntent(action, state, hasCommand)).toBe(expected);
  });
});
