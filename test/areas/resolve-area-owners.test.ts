import { ownersOfArea, ownersOfPath } from '../../src/areas/resolve-area-owners.js';
import { buildServiceAreas, type ServiceArea } from '../../src/areas/service-area.js';
import { areasConfigSchema } from '../../src/areas/service-area-schema.js';
import type { OwnersIndex } from '../../src/owners/owners-index.js';
import { ACK_AREAS, ownersMonorepoIndex } from './area-fixtures.js';

let index: OwnersIndex;
let areas: ServiceArea[];
const area = (name: string) => areas.find((candidate) => candidate.name === name)!;

beforeAll(async () => {
  index = await ownersMonorepoIndex();
  areas = buildServiceAreas(ACK_AREAS, index);
});

describe('ownersOfArea', () => {
  it('reads the leaf OWNERS approvers of an OWNERS-labelled area, naming the file', () => {
    expect(ownersOfArea(area('s3'), index, { roles: ['approver'] })).toEqual([
      {
        kind: 'login',
        login: 'cy-s3',
        role: 'approver',
        area: 's3',
        origin: { kind: 'owners-file', file: 'services/s3/OWNERS' },
      },
      {
        kind: 'login',
        login: 'dee-s3',
        role: 'approver',
        area: 's3',
        origin: { kind: 'owners-file', file: 'services/s3/OWNERS' },
      },
    ]);
  });

  it('adds reviewers when asked, lower-cased', () => {
    const reviewers = ownersOfArea(area('s3'), index, { roles: ['reviewer'] });
    expect(reviewers).toEqual([
      {
        kind: 'login',
        login: 'eve-s3',
        role: 'reviewer',
        area: 's3',
        origin: { kind: 'owners-file', file: 'services/s3/OWNERS' },
      },
    ]);
  });

  it('uses only config owners when the mode is override (the ACK case), teams left to expand', () => {
    expect(ownersOfArea(area('lambda'), index, { roles: ['approver', 'reviewer'] })).toEqual([
      {
        kind: 'team',
        team: 'example-ack/lambda-team',
        role: 'approver',
        area: 'lambda',
        origin: { kind: 'config', area: 'lambda', team: 'example-ack/lambda-team' },
      },
      {
        kind: 'login',
        login: 'ana-lambda',
        role: 'approver',
        area: 'lambda',
        origin: { kind: 'config', area: 'lambda' },
      },
    ]);
  });

  it('expands an OWNERS_ALIASES name written in config, and reads OWNERS at the base of path globs', () => {
    expect(
      ownersOfArea(area('prow'), index, { roles: ['approver'] }).map((owner) => [
        owner.kind === 'login' && owner.login,
        owner.origin,
      ]),
    ).toEqual([
      ['kai-release', { kind: 'owners-file', file: 'OWNERS' }],
      ['lee-release', { kind: 'owners-file', file: 'OWNERS' }],
      ['lee-release', { kind: 'config', area: 'prow', alias: 'release-oncall' }],
      ['nia-oncall', { kind: 'config', area: 'prow', alias: 'release-oncall' }],
    ]);
  });

  it('reads OWNERS for a given path instead of the area as a whole', () => {
    const lambda = buildServiceAreas({}, index).find((candidate) => candidate.name === 'lambda')!;
    expect(
      ownersOfArea(lambda, index, { roles: ['approver'], path: 'services/lambda/olm/olmconfig.yaml' }),
    ).toEqual([
      {
        kind: 'login',
        login: 'oli-olm',
        role: 'approver',
        area: 'lambda',
        origin: { kind: 'owners-file', file: 'services/lambda/olm/OWNERS' },
      },
    ]);
  });

  it('has only config owners without an OWNERS index, and none for an area nobody owns', () => {
    expect(ownersOfArea(area('helm'), undefined, { roles: ['approver'] })).toEqual([]);
    const bare = buildServiceAreas(
      areasConfigSchema.parse({ docs: { owners: { approvers: ['@Doc-Writer'] } } }),
    )[0]!;
    expect(ownersOfArea(bare, undefined, { roles: ['approver'] })).toEqual([
      {
        kind: 'login',
        login: 'doc-writer',
        role: 'approver',
        area: 'docs',
        origin: { kind: 'config', area: 'docs' },
      },
    ]);
  });
});

describe('ownersOfPath', () => {
  it('gives the leaf approvers of a path outside every area, from the root OWNERS', () => {
    expect(
      ownersOfPath('README.md', index, ['approver', 'reviewer'], null).map((owner) => [
        owner.role,
        owner.kind === 'login' && owner.login,
      ]),
    ).toEqual([
      ['approver', 'kai-release'],
      ['approver', 'lee-release'],
      ['reviewer', 'lee-release'],
      ['reviewer', 'nia-oncall'],
    ]);
  });
});
