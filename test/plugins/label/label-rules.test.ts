import { decideLabels, labelLookups, type LabelFacts } from '../../../plugins/label/decide-labels.js';
import { labelConfigSchema, type LabelConfig } from '../../../plugins/label/label-config.js';
import { parseLabels } from '../../../plugins/label/parse-labels.js';
import type { GenericComment } from '../../../src/commands/generic-comment.js';
import {
  commandsFor,
  genericComment,
  pullRequestDescription,
  sheriffConfig,
} from '../support/prow-comments.js';

const REPO_LABELS = [
  'kind/bug',
  'kind/feature',
  'area/ui',
  'priority/important-soon',
  'triage/accepted',
  'needs-kind',
  'Tide/Merge-Method-Squash',
  'cherry-pick-approved',
  'do-not-merge/cherry-pick-not-approved',
];

const CONFIG: LabelConfig = labelConfigSchema.parse({
  additionalLabels: ['tide/merge-method-squash'],
  restrictedLabels: [
    {
      label: 'cherry-pick-approved',
      allowedUsers: ['rel-lead'],
      allowedTeams: ['acme/release-managers'],
      assignOn: ['do-not-merge/cherry-pick-not-approved'],
    },
  ],
});

interface Situation {
  labels?: readonly string[];
  author?: string;
  orgMember?: boolean;
  releaseManager?: boolean;
  config?: LabelConfig;
}

/** The label plugin end to end without GitHub: routing, parsing, lookups (answered from `REPO_LABELS`), decision. */
function decide(comment: GenericComment, situation: Situation = {}) {
  const config = situation.config ?? CONFIG;
  const tokens = commandsFor('label', comment, sheriffConfig({ plugins: { label: config } }));
  const supported = [
    ...config.additionalLabels,
    ...config.restrictedLabels.map((restricted) => restricted.label),
  ];
  const request = parseLabels(tokens, supported);
  const lookups = labelLookups(request, comment.labels, config, comment.authorLogin);
  const repoLabels = new Map(
    lookups.repoLabels.flatMap((name) => {
      const found = REPO_LABELS.find((label) => label.toLowerCase() === name.toLowerCase());
      return found ? [[name.toLowerCase(), found] as const] : [];
    }),
  );
  const facts: LabelFacts = {
    labels: comment.labels,
    repoLabels,
    commenter: comment.authorLogin,
    assignees: comment.assignees,
    ...(lookups.orgMembership ? { commenterIsOrgMember: situation.orgMember ?? false } : {}),
    teamAllowed: new Set(
      situation.releaseManager ? lookups.restrictedTeams.map((restricted) => restricted.label) : [],
    ),
  };
  return decideLabels(request, facts, config);
}
const on = (body: string, situation: Situation = {}) =>
  decide(
    genericComment({ body, author: situation.author ?? 'ana', labels: [...(situation.labels ?? [])] }),
    situation,
  );
const nothing = { add: [], remove: [], assign: [] };

// One row per rule of prow.md 0 and 1.2.
describe('label commands as Prow reads them (prow.md 0, 1.2)', () => {
  it.each([
    ['a category command adds category/value', '/kind bug', {}, { ...nothing, add: ['kind/bug'] }],
    ['each word is a label', '/kind bug feature', {}, { ...nothing, add: ['kind/bug', 'kind/feature'] }],
    ['values are lower-cased', '/kind Bug', {}, { ...nothing, add: ['kind/bug'] }],
    ['the command word is case-sensitive', '/KIND bug\n/Area ui', {}, nothing],
    ['mid-line is not a command', 'this is a /kind bug', {}, nothing],
    ['a quote is not a command', '> /kind bug', {}, nothing],
    ['a fenced block does not hide it', '```\n/kind bug\n```', {}, { ...nothing, add: ['kind/bug'] }],
    ['an HTML comment hides it', '<!--\n/kind bug\n-->', {}, nothing],
    ['text around an HTML comment joins', '<!-- x -->/area ui', {}, { ...nothing, add: ['area/ui'] }],
    ['CRLF line endings work', '/area ui\r\n', {}, { ...nothing, add: ['area/ui'] }],
    [
      'several commands in one comment',
      'Triage:\n/kind bug\n/area ui\n/priority important-soon',
      {},
      { ...nothing, add: ['kind/bug', 'area/ui', 'priority/important-soon'] },
    ],
    ['a label already present is skipped', '/kind bug', { labels: ['kind/bug'] }, nothing],
    [
      'a label the repository lacks is refused, the others applied',
      '/kind bug flake',
      {},
      {
        ...nothing,
        add: ['kind/bug'],
        reply: "The label(s) `kind/flake` cannot be applied, because the repository doesn't have them.",
      },
    ],
    [
      'removing a present label',
      '/remove-area ui',
      { labels: ['Area/UI'] },
      { ...nothing, remove: ['Area/UI'] },
    ],
    [
      'removing a label not on the issue is refused',
      '/remove-area foo',
      {},
      { ...nothing, reply: 'Those labels are not set on the issue: `area/foo`' },
    ],
    [
      'removing the last kind brings back needs-kind when the repository has it',
      '/remove-kind bug',
      { labels: ['kind/bug'] },
      { ...nothing, add: ['needs-kind'], remove: ['kind/bug'] },
    ],
    [
      'but not when the comment adds another kind',
      '/remove-kind bug\n/kind feature',
      { labels: ['kind/bug'] },
      { ...nothing, add: ['kind/feature'], remove: ['kind/bug'] },
    ],
    [
      'and not for a category whose needs- label the repository lacks',
      '/remove-priority important-soon',
      { labels: ['priority/important-soon'] },
      { ...nothing, remove: ['priority/important-soon'] },
    ],
    [
      '/label takes a configured label, in the repository spelling',
      '/label tide/merge-method-squash',
      {},
      { ...nothing, add: ['Tide/Merge-Method-Squash'] },
    ],
    ['/label with two words is skipped silently', '/label tide/merge-method-squash extra', {}, nothing],
    [
      '/label with an unconfigured label gets the supported list',
      '/label foo',
      {},
      {
        ...nothing,
        reply:
          'The label(s) `/label foo` cannot be applied. These labels are supported: `tide/merge-method-squash, cherry-pick-approved`. Is this label configured under `plugins.label.additionalLabels` or `plugins.label.restrictedLabels` in `.github/sheriff.yml`?',
      },
    ],
    [
      'triage/accepted needs an org member',
      '/triage accepted',
      { orgMember: false },
      {
        ...nothing,
        reply:
          'The label `triage/accepted` cannot be applied. Only GitHub organization members can add the label.',
      },
    ],
    [
      'triage/accepted by an org member',
      '/triage accepted',
      { orgMember: true },
      { ...nothing, add: ['triage/accepted'] },
    ],
    [
      'a restricted label refuses others',
      '/label cherry-pick-approved',
      {},
      {
        ...nothing,
        reply:
          'The label(s) `cherry-pick-approved` cannot be applied or removed, because you are not in one of the allowed teams and are not an allowed user.',
      },
    ],
    [
      'a restricted label for an allowed user',
      '/label cherry-pick-approved',
      { author: 'rel-lead' },
      { ...nothing, add: ['cherry-pick-approved'] },
    ],
    [
      'a restricted label for an allowed team',
      '/label cherry-pick-approved',
      { releaseManager: true },
      { ...nothing, add: ['cherry-pick-approved'] },
    ],
    [
      'only the first reply is posted (missing before not-on-issue)',
      '/kind flake\n/remove-area foo',
      {},
      {
        ...nothing,
        reply: "The label(s) `kind/flake` cannot be applied, because the repository doesn't have them.",
      },
    ],
  ] as const)('%s: %j', (_rule, body, situation, expected) => {
    expect(on(body, situation)).toEqual(expected);
  });

  it('assigns the allowed users when a label they watch (assignOn) is added', () => {
    const config = labelConfigSchema.parse({
      ...CONFIG,
      additionalLabels: ['do-not-merge/cherry-pick-not-approved'],
    });
    expect(on('/label do-not-merge/cherry-pick-not-approved', { config })).toEqual({
      ...nothing,
      add: ['do-not-merge/cherry-pick-not-approved'],
      assign: ['rel-lead'],
    });
  });

  it('adds a missing label when the repository asks for it (createMissingLabels)', () => {
    const config = labelConfigSchema.parse({ createMissingLabels: true });
    expect(on('/kind flake', { config })).toEqual({ ...nothing, add: ['kind/flake'] });
  });

  it('reads a bare category command on its own line (Prow would read `kind/high`)', () => {
    expect(on('/kind\n/priority important-soon')).toEqual({ ...nothing, add: ['priority/important-soon'] });
  });

  it('ignores an edited comment', () => {
    expect(decide(genericComment({ body: '/kind bug', action: 'edited' }))).toEqual(nothing);
  });

  it('runs a command in a new PR description as its author', () => {
    expect(decide(pullRequestDescription('Adds a button.\n/kind feature\n/area ui', 'erin'))).toEqual({
      ...nothing,
      add: ['kind/feature', 'area/ui'],
    });
  });

  it('looks up only what matters: labels to add, org membership for triage/accepted, teams of restricted labels', () => {
    const request = parseLabels([], []);
    expect(labelLookups(request, [], CONFIG, 'ana')).toEqual({
      repoLabels: [],
      orgMembership: false,
      restrictedTeams: [],
    });
    const tokens = commandsFor(
      'label',
      genericComment({ body: '/kind bug\n/triage accepted\n/label cherry-pick-approved' }),
      sheriffConfig({ plugins: { label: CONFIG } }),
    );
    const lookups = labelLookups(parseLabels(tokens, ['cherry-pick-approved']), ['kind/bug'], CONFIG, 'ana');
    expect(lookups.repoLabels).toEqual(['triage/accepted', 'cherry-pick-approved']);
    expect(lookups.orgMembership).toBe(true);
    expect(lookups.restrictedTeams.map((restricted) => restricted.label)).toEqual(['cherry-pick-approved']);
    expect(
      labelLookups(parseLabels(tokens, ['cherry-pick-approved']), [], CONFIG, 'rel-lead').restrictedTeams,
    ).toEqual([]);
  });
});
