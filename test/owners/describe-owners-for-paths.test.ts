import { describeOwnersForPaths } from '../../src/owners/describe-owners-for-paths.js';
import { indexOwners } from './owners-builders.js';

describe('describeOwnersForPaths', () => {
  const index = indexOwners(
    {
      '': { approvers: ['Zed', 'core'], reviewers: ['Root-R'], labels: ['area/release'] },
      docs: { approvers: ['carol', 'core'], labels: ['area/docs', 'area/release'] },
    },
    { core: ['Bob', 'alice'] },
  );

  it('answers one object per path, in the order given, echoing each path as written', () => {
    const described = describeOwnersForPaths(index, ['./docs/a.md', 'README.md', 'docs/a.md']);
    expect(described.map((entry) => entry.path)).toEqual(['./docs/a.md', 'README.md', 'docs/a.md']);
  });

  it('gives exactly path, approvers, reviewers and labels: lower-cased, sorted, unique', () => {
    const [docs] = describeOwnersForPaths(index, ['docs/a.md']);
    expect(JSON.parse(JSON.stringify(docs))).toEqual({
      path: 'docs/a.md',
      approvers: ['alice', 'bob', 'carol', 'zed'],
      reviewers: ['root-r'],
      labels: ['area/docs', 'area/release'],
    });
  });

  it('answers an empty array for no paths', () => {
    expect(describeOwnersForPaths(index, [])).toEqual([]);
  });
});
