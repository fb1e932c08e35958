import {
  approversConcerned,
  decideNotifyOwners,
  needsChangedFiles,
  type NotifyOwnersDecision,
  type NotifyOwnersInput,
  teamsToExpand,
} from '../../../plugins/notify-owners/decide-notify-owners.js';
import { buildServiceAreas } from '../../../src/areas/service-area.js';
import { OwnersIndex } from '../../../src/owners/owners-index.js';
import { ACK_AREAS, ownersMonorepoIndex } from '../../areas/area-fixtures.js';

let base: NotifyOwnersInput;

beforeAll(async () => {
  const owners = await ownersMonorepoIndex();
  base = {
    request: { targets: [], message: undefined },
    areas: buildServiceAreas(ACK_AREAS, owners),
    owners,
    isPullRequest: false,
    labels: [],
    commenter: 'ana-lambda',
    issueAuthor: 'sheriff[bot]',
    teamMembers: new Map([['example-ack/lambda-team', ['Ana-Lambda', 'bo-lambda', 'zed-lambda']]]),
    config: { mentionReviewers: false, maxMentions: 10, ignoreLogins: [] },
  };
});

const decide = (overrides: Partial<NotifyOwnersInput>) => decideNotifyOwners({ ...base, ...overrides });
const targets = (...names: string[]) => ({ request: { targets: names, message: undefined } });

/** The decision in one line per fact, for tables. */
function summary(decision: NotifyOwnersDecision): Record<string, unknown> {
  if (decision.kind !== 'notify') return { ...decision };
  return {
    subjects: decision.subjects,
    mentions: decision.mentions.map((mention) => mention.login),
    ...(decision.coolingDown.length > 0
      ? { coolingDown: decision.coolingDown.map((owner) => owner.login) }
      : {}),
    ...(decision.overLimit.length > 0 ? { overLimit: decision.overLimit } : {}),
    ...(decision.unlistedTeams.length > 0 ? { unlistedTeams: decision.unlistedTeams } : {}),
  };
}

describe('decideNotifyOwners', () => {
  it.each<[string, () => Partial<NotifyOwnersInput>, Record<string, unknown>]>([
    ['an area by name', () => targets('s3'), { subjects: ['s3'], mentions: ['cy-s3', 'dee-s3'] }],
    [
      'an area name in another case',
      () => targets('S3'),
      { subjects: ['s3'], mentions: ['cy-s3', 'dee-s3'] },
    ],
    [
      'an area by its label',
      () => targets('service/s3'),
      { subjects: ['s3'], mentions: ['cy-s3', 'dee-s3'] },
    ],
    [
      'reviewers too when configured, approvers first',
      () => ({ ...targets('s3'), config: { ...base.config, mentionReviewers: true } }),
      { subjects: ['s3'], mentions: ['cy-s3', 'dee-s3', 'eve-s3'] },
    ],
    [
      "no target on an issue: the areas of its labels (ACK's lambda from config, prow from config and OWNERS)",
      () => ({ labels: ['kind/tests/failing', 'service/lambda', 'area/prow', 'priority/critical-urgent'] }),
      {
        subjects: ['lambda', 'prow'],
        mentions: ['bo-lambda', 'kai-release', 'lee-release', 'nia-oncall', 'zed-lambda'],
      },
    ],
    [
      'never the commenter nor the author',
      () => ({ ...targets('s3'), commenter: 'CY-S3', issueAuthor: 'dee-s3' }),
      { subjects: ['s3'], mentions: [] },
    ],
    [
      'not again within the cool-down',
      () => ({ ...targets('s3'), recentPings: new Map([['cy-s3', new Date('2025-05-14T18:05:19Z')]]) }),
      { subjects: ['s3'], mentions: ['dee-s3'], coolingDown: ['cy-s3'] },
    ],
    [
      'no more than maxMentions',
      () => ({ ...targets('s3'), config: { ...base.config, maxMentions: 1 } }),
      { subjects: ['s3'], mentions: ['cy-s3'], overLimit: ['dee-s3'] },
    ],
    [
      'a path: the owners of its area, read for that path',
      () => targets('services/lambda/olm/olmconfig.yaml', './services/s3/pkg/bucket.go'),
      { subjects: ['lambda', 's3'], mentions: ['bo-lambda', 'cy-s3', 'dee-s3', 'zed-lambda'] },
    ],
    [
      'a path in no area: its OWNERS approvers',
      () => targets('README.md'),
      { subjects: ['README.md'], mentions: ['kai-release', 'lee-release'] },
    ],
    [
      'no target on a PR: the areas of its changed files',
      () => ({ isPullRequest: true, changedFiles: ['services/s3/a.go', 'services/rds/b.go', 'README.md'] }),
      { subjects: ['rds', 's3'], mentions: ['cy-s3', 'dee-s3', 'eli-rds', 'fay-rds'] },
    ],
    [
      'an unknown target: nothing, and the known areas',
      () => targets('s3', 'lamda'),
      {
        kind: 'unknown-targets',
        unknown: ['lamda'],
        knownAreas: ['ec2', 'helm', 'iam', 'lambda', 'prow', 'rds', 's3'],
      },
    ],
    [
      'an issue whose labels name no area',
      () => ({ labels: ['kind/bug'] }),
      { kind: 'no-areas', from: 'labels', knownAreas: ['ec2', 'helm', 'iam', 'lambda', 'prow', 'rds', 's3'] },
    ],
    [
      'a PR whose files are in no area',
      () => ({ isPullRequest: true, changedFiles: ['README.md'] }),
      {
        kind: 'no-areas',
        from: 'changed-files',
        knownAreas: ['ec2', 'helm', 'iam', 'lambda', 'prow', 'rds', 's3'],
      },
    ],
    [
      'a config team that cannot be listed',
      () => ({ ...targets('lambda'), teamMembers: new Map([['example-ack/lambda-team', null]]) }),
      { subjects: ['lambda'], mentions: [], unlistedTeams: ['example-ack/lambda-team'] },
    ],
  ])('%s', (_name, overrides, expected) => {
    expect(summary(decide(overrides()))).toEqual(expected);
  });

  it('says where each person came from: area, role, and OWNERS file or config', () => {
    const decision = decide({
      ...targets('prow', 'lambda'),
      config: { ...base.config, mentionReviewers: true },
    });
    expect(
      decision.kind === 'notify' && decision.mentions.find((mention) => mention.login === 'lee-release'),
    ).toEqual({
      login: 'lee-release',
      reasons: [
        { area: 'prow', role: 'approver', origin: { kind: 'owners-file', file: 'OWNERS' } },
        { area: 'prow', role: 'reviewer', origin: { kind: 'owners-file', file: 'OWNERS' } },
        { area: 'prow', role: 'approver', origin: { kind: 'config', area: 'prow', alias: 'release-oncall' } },
      ],
    });
    expect(
      decision.kind === 'notify' && decision.mentions.find((mention) => mention.login === 'bo-lambda'),
    ).toEqual({
      login: 'bo-lambda',
      reasons: [
        {
          area: 'lambda',
          role: 'approver',
          origin: { kind: 'config', area: 'lambda', team: 'example-ack/lambda-team' },
        },
      ],
    });
  });

  it('skips GitHub Apps and ignoreLogins', () => {
    const owners = OwnersIndex.fromFiles({
      'tools/OWNERS': 'approvers: [alice, "dependabot[bot]", ci-robot]\nlabels: [service/tools]\n',
    });
    const decision = decideNotifyOwners({
      ...base,
      ...targets('tools'),
      owners,
      areas: buildServiceAreas({}, owners),
      config: { ...base.config, ignoreLogins: ['CI-Robot'] },
    });
    expect(summary(decision)).toEqual({ subjects: ['tools'], mentions: ['alice'] });
  });

  it('carries the message', () => {
    const decision = decide({ request: { targets: ['s3'], message: 'image push fails' } });
    expect(decision.kind === 'notify' && decision.message).toBe('image push fails');
  });
});

describe('what the plugin gathers before deciding', () => {
  it('needs the changed files only on a PR with no target', () => {
    expect(needsChangedFiles({ targets: [], message: undefined }, true)).toBe(true);
    expect(needsChangedFiles({ targets: ['s3'], message: undefined }, true)).toBe(false);
    expect(needsChangedFiles({ targets: [], message: undefined }, false)).toBe(false);
  });

  it('lists the config teams to expand, and the approvers concerned (for an ownersApprovers rule)', () => {
    const input = { ...base, labels: ['service/lambda', 'area/prow'] };
    expect(teamsToExpand(input)).toEqual(['example-ack/lambda-team']);
    expect(approversConcerned(input)).toEqual(['ana-lambda', 'kai-release', 'lee-release', 'nia-oncall']);
    expect(teamsToExpand({ ...base, ...targets('nope') })).toEqual([]);
  });
});
