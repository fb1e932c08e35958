import {
  decideOwnersLabels,
  labelsForChangedFiles,
} from '../../../plugins/owners-label/decide-owners-labels.js';
import type { OwnersIndex } from '../../../src/owners/owners-index.js';
import { ownersMonorepoIndex } from '../../areas/area-fixtures.js';

let index: OwnersIndex;
beforeAll(async () => {
  index = await ownersMonorepoIndex();
});

describe('labelsForChangedFiles (Prow FindLabelsForFile over the PR)', () => {
  it.each([
    [['services/ec2/helm/templates/deployment.yaml'], ['area/helm', 'area/release', 'service/ec2']],
    [['services/iam/pkg/role.go'], ['area/security', 'service/iam']],
    [
      ['services/lambda/olm/olmconfig.yaml', 'services/s3/main.go'],
      ['area/olm', 'area/release', 'service/lambda', 'service/s3'],
    ],
    [['README.md'], ['area/release']],
    [[], []],
  ])('%j needs %j', (files, labels) => {
    expect(labelsForChangedFiles(index, files)).toEqual(labels);
  });
});

describe('decideOwnersLabels (Prow owners-label)', () => {
  it.each([
    [
      'adds what is missing from the PR',
      ['area/release', 'service/s3'],
      [],
      ['area/release', 'service/s3'],
      { add: ['area/release', 'service/s3'], missing: [] },
    ],
    [
      'adds nothing the PR already has',
      ['service/s3'],
      ['service/s3'],
      ['service/s3'],
      { add: [], missing: [] },
    ],
    [
      'skips labels the repository lacks',
      ['area/helm', 'service/ec2'],
      [],
      ['service/ec2'],
      { add: ['service/ec2'], missing: ['area/helm'] },
    ],
    [
      'compares names exactly, as Prow',
      ['Service/S3'],
      ['service/s3'],
      ['service/s3'],
      { add: [], missing: ['Service/S3'] },
    ],
    ['never removes a label', [], ['service/s3', 'lgtm'], ['service/s3', 'lgtm'], { add: [], missing: [] }],
  ])('%s', (_name, needed, current, repoLabels, expected) => {
    expect(decideOwnersLabels(needed, current, repoLabels)).toEqual(expected);
  });
});
