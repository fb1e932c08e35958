import { matchAreas } from '../../src/areas/match-areas.js';
import { buildServiceAreas, type ServiceArea } from '../../src/areas/service-area.js';
import type { OwnersIndex } from '../../src/owners/owners-index.js';
import { ACK_AREAS, expectedRouting, ownersMonorepoIndex } from './area-fixtures.js';

let index: OwnersIndex;
let areas: ServiceArea[];
const names = (found: readonly ServiceArea[]) => found.map((area) => area.name);

beforeAll(async () => {
  index = await ownersMonorepoIndex();
  areas = buildServiceAreas(ACK_AREAS, index);
});

describe('buildServiceAreas', () => {
  it('adds an area per OWNERS service/<name> label and merges it with a configured area of that name', () => {
    expect(names(areas)).toEqual(['ec2', 'helm', 'iam', 'lambda', 'prow', 'rds', 's3']);
    const lambda = areas.find((area) => area.name === 'lambda')!;
    expect(lambda).toMatchObject({
      configured: true,
      labels: ['service/lambda'],
      ownersFiles: ['services/lambda/OWNERS'],
      slack: '#lambda-alerts',
      severity: 'critical',
    });
    expect(areas.find((area) => area.name === 's3')).toEqual({
      name: 's3',
      paths: [],
      jobs: [],
      labels: ['service/s3'],
      owners: { mode: 'add', approvers: [], reviewers: [] },
      slack: undefined,
      severity: 'warning',
      configured: false,
      ownersFiles: ['services/s3/OWNERS'],
    });
  });

  it('gives every configured area its service/<name> label, and the OWNERS files listing its labels', () => {
    const prow = areas.find((area) => area.name === 'prow')!;
    expect(prow.labels).toEqual(['area/prow', 'service/prow']);
    expect(prow.ownersFiles).toEqual([]);
    const ec2 = areas.find((area) => area.name === 'ec2')!;
    // The label sits in a filter of ec2's OWNERS; filters count.
    expect(ec2.ownersFiles).toEqual(['services/ec2/OWNERS']);
  });

  it('has only configured areas without an OWNERS index', () => {
    expect(names(buildServiceAreas(ACK_AREAS))).toEqual(['helm', 'lambda', 'prow']);
  });
});

describe('matchAreas', () => {
  it.each([
    ['services/lambda/olm/olmconfig.yaml', ['lambda']],
    ['services/s3/pkg/resource/bucket/hooks.go', ['s3']],
    ['services/ec2/helm/templates/deployment.yaml', ['ec2', 'helm']],
    ['services/iam/helm/values.yaml', ['iam']],
    ['.github/workflows/release.yml', ['prow']],
    ['prow/jobs/lambda.yaml', ['prow']],
    ['README.md', []],
    ['services/lambda-extra/x.go', []],
  ])('maps the path %s to %j', (path, expected) => {
    expect(names(matchAreas(areas, { path }, index))).toEqual(expected);
  });

  it('maps paths by globs alone without an OWNERS index', () => {
    expect(names(matchAreas(areas, { path: 'services/lambda/helm/values.yaml' }))).toEqual(['helm']);
  });

  it("agrees with expected-routing.json's service_area for every OWNERS-only case", () => {
    const ownersOnly = buildServiceAreas({}, index);
    for (const routing of expectedRouting()) {
      const expected = routing.service_area === null ? [] : [routing.service_area];
      expect({
        path: routing.path,
        areas: names(matchAreas(ownersOnly, { path: routing.path }, index)),
      }).toEqual({
        path: routing.path,
        areas: expected,
      });
    }
  });

  it.each([
    ['post-lambda-controller-release', ['lambda', 'prow']],
    ['publish (lambda, helm-chart)', ['lambda']],
    ['publish (s3, helm-chart)', []],
    ['periodic-s3-controller-release', ['prow']],
    ['pull-lambda-e2e', []],
  ])('maps the job %s to %j', (job, expected) => {
    expect(names(matchAreas(areas, { job }))).toEqual(expected);
  });

  it.each([
    [
      ['kind/tests/failing', 'service/lambda', 'area/prow', 'priority/critical-urgent'],
      ['lambda', 'prow'],
    ],
    [['Service/S3'], ['s3']],
    [['service/unknown', 'area/helm'], []],
    [[], []],
  ])('maps the labels %j to %j', (labels, expected) => {
    expect(names(matchAreas(areas, { labels }))).toEqual(expected);
  });
});
