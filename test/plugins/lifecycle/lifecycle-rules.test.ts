import { decideLifecycleLabels } from '../../../plugins/lifecycle/decide-lifecycle-labels.js';
import {
  closeNeedsCollaborator,
  decideClose,
  decideReopen,
  reopenNeedsCollaborator,
  type StateFacts,
} from '../../../plugins/lifecycle/decide-state-change.js';
import { parseLifecycle } from '../../../plugins/lifecycle/parse-lifecycle.js';
import type { GenericComment } from '../../../src/commands/generic-comment.js';
import { commandsFor, genericComment, pullRequestDescription } from '../support/prow-comments.js';

const read = (comment: GenericComment) => parseLifecycle(commandsFor('lifecycle', comment), comment.body);
const on = (body: string) => read(genericComment({ body }));
const nothing = { changes: [], reopen: false };

// One row per rule of prow.md 0 and 1.6 about reading the comment.
describe('lifecycle commands as Prow reads them (prow.md 0, 1.6)', () => {
  it.each([
    ['/close', '/close', { ...nothing, close: 'completed' }],
    ['/close not-planned', '/close not-planned', { ...nothing, close: 'not-planned' }],
    [
      'not-planned wins over a plain /close',
      '/close\n/close not-planned',
      { ...nothing, close: 'not-planned' },
    ],
    ['the command word is case-insensitive', '/CLOSE', { ...nothing, close: 'completed' }],
    ['trailing text makes /close nothing', '/close as dup', nothing],
    ['/reopen', '/reopen', { ...nothing, reopen: true }],
    ['/reopen with trailing text is nothing', '/reopen please', nothing],
    ['/lifecycle frozen', '/lifecycle frozen', { ...nothing, changes: [{ remove: false, value: 'frozen' }] }],
    [
      '/remove-lifecycle stale',
      '/remove-lifecycle stale',
      { ...nothing, changes: [{ remove: true, value: 'stale' }] },
    ],
    [
      'mixed case is lower-cased',
      '/Lifecycle Stale',
      { ...nothing, changes: [{ remove: false, value: 'stale' }] },
    ],
    ['an unknown value is nothing', '/lifecycle dormant', nothing],
    ['two spaces are nothing', '/lifecycle  stale', nothing],
    ['mid-line is not a command', 'let us /close', nothing],
    ['a quote is not a command', '> /close', nothing],
    ['a fenced block does not hide it', '```\n/close\n```', { ...nothing, close: 'completed' }],
    ['CRLF line endings work', '/close\r\n', { ...nothing, close: 'completed' }],
    [
      'several commands in one comment',
      '/lifecycle stale\n/close\n/reopen',
      { changes: [{ remove: false, value: 'stale' }], close: 'completed', reopen: true },
    ],
  ] as const)('%s: %j', (_rule, body, expected) => {
    expect(on(body)).toEqual(expected);
  });

  it('ignores an edited comment', () => {
    expect(read(genericComment({ body: '/close', action: 'edited' }))).toEqual(nothing);
  });

  it('runs a command in a new PR description as its author', () => {
    expect(read(pullRequestDescription('WIP\n/lifecycle active', 'erin'))).toEqual({
      ...nothing,
      changes: [{ remove: false, value: 'active' }],
    });
  });
});

describe('lifecycle labels (prow.md 1.6)', () => {
  it.each([
    [
      'adding one removes the others',
      [{ remove: false, value: 'rotten' }],
      ['lifecycle/stale', 'kind/bug'],
      false,
      { remove: ['lifecycle/stale'], add: ['lifecycle/rotten'] },
    ],
    [
      'adding a present one does nothing',
      [{ remove: false, value: 'stale' }],
      ['lifecycle/stale'],
      false,
      { remove: [], add: [] },
    ],
    [
      'removing a present one',
      [{ remove: true, value: 'stale' }],
      ['Lifecycle/Stale'],
      false,
      { remove: ['Lifecycle/Stale'], add: [] },
    ],
    [
      'removing an absent one does nothing',
      [{ remove: true, value: 'stale' }],
      [],
      false,
      { remove: [], add: [] },
    ],
    [
      'frozen cannot be added to a PR',
      [{ remove: false, value: 'frozen' }],
      [],
      true,
      { remove: [], add: [], reply: 'The `lifecycle/frozen` label cannot be applied to Pull Requests.' },
    ],
    [
      'frozen can be removed from a PR',
      [{ remove: true, value: 'frozen' }],
      ['lifecycle/frozen'],
      true,
      { remove: ['lifecycle/frozen'], add: [] },
    ],
    [
      'only the net change of several lines is sent',
      [
        { remove: false, value: 'stale' },
        { remove: false, value: 'rotten' },
      ],
      [],
      false,
      { remove: [], add: ['lifecycle/rotten'] },
    ],
  ] as const)('%s', (_rule, changes, labels, isPullRequest, expected) => {
    expect(decideLifecycleLabels(changes, labels, isPullRequest)).toEqual(expected);
  });
});

const state = (overrides: Partial<StateFacts>): StateFacts => ({
  isPullRequest: false,
  isOpen: true,
  isAuthor: false,
  labels: [],
  ...overrides,
});

describe('who may close and reopen (prow.md 1.6)', () => {
  it.each([
    [
      'the author closes an issue',
      'completed',
      { isAuthor: true },
      { kind: 'close', stateReason: 'completed', message: 'Closing this issue.' },
    ],
    [
      'a collaborator closes an issue as not planned',
      'not-planned',
      { isCollaborator: true },
      {
        kind: 'close',
        stateReason: 'not_planned',
        message: 'Closing this issue, marking it as "Not Planned".',
      },
    ],
    [
      'a collaborator closes a PR',
      'completed',
      { isCollaborator: true, isPullRequest: true },
      { kind: 'close', stateReason: 'completed', message: 'Closed this PR.' },
    ],
    [
      'a PR cannot be closed as not planned',
      'not-planned',
      { isAuthor: true, isPullRequest: true },
      { kind: 'refuse', message: 'PRs cannot be closed as Not Planned.' },
    ],
    [
      'anyone else is refused on an active item',
      'completed',
      { isCollaborator: false },
      {
        kind: 'refuse',
        message: "You can't close an active issue/PR unless you authored it or you are a collaborator.",
      },
    ],
    [
      'anyone may close a stale item',
      'completed',
      { isCollaborator: false, labels: ['lifecycle/stale'] },
      { kind: 'close', stateReason: 'completed', message: 'Closing this issue.' },
    ],
    [
      'anyone may close a rotten PR',
      'completed',
      { isPullRequest: true, labels: ['lifecycle/rotten'] },
      { kind: 'close', stateReason: 'completed', message: 'Closed this PR.' },
    ],
    ['nothing happens on a closed item', 'completed', { isOpen: false, isAuthor: true }, undefined],
  ] as const)('/close: %s', (_rule, request, overrides, expected) => {
    expect(decideClose(request, state(overrides))).toEqual(expected);
  });

  it.each([
    [
      'the author reopens an issue',
      { isOpen: false, isAuthor: true },
      { kind: 'reopen', message: 'Reopened this issue.' },
    ],
    [
      'a collaborator reopens a PR',
      { isOpen: false, isCollaborator: true, isPullRequest: true },
      { kind: 'reopen', message: 'Reopened this PR.' },
    ],
    [
      'anyone else is refused, stale or not',
      { isOpen: false, labels: ['lifecycle/stale'], isCollaborator: false },
      {
        kind: 'refuse',
        message: "You can't reopen an issue/PR unless you authored it or you are a collaborator.",
      },
    ],
    ['nothing happens on an open item', { isOpen: true, isAuthor: true }, undefined],
  ] as const)('/reopen: %s', (_rule, overrides, expected) => {
    expect(decideReopen(state(overrides))).toEqual(expected);
  });

  it('asks GitHub about the commenter only when the answer matters', () => {
    expect(closeNeedsCollaborator(state({}))).toBe(true);
    expect(closeNeedsCollaborator(state({ isAuthor: true }))).toBe(false);
    expect(closeNeedsCollaborator(state({ labels: ['lifecycle/rotten'] }))).toBe(false);
    expect(closeNeedsCollaborator(state({ isOpen: false }))).toBe(false);
    expect(reopenNeedsCollaborator(state({ isOpen: false }))).toBe(true);
    expect(reopenNeedsCollaborator(state({ isOpen: false, isAuthor: true }))).toBe(false);
    expect(reopenNeedsCollaborator(state({ isOpen: true }))).toBe(false);
  });
});
