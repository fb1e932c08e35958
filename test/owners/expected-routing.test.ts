import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describeOwnersForPaths } from '../../src/owners/describe-owners-for-paths.js';
import type { OwnersIndex } from '../../src/owners/owners-index.js';
import { readOwnersDir } from '../../src/owners/read-owners-dir.js';
import { sharedFixturePath } from '../support/webhook-examples.js';

const FIXTURE_DIR = sharedFixturePath('world', 'owners-monorepo');

interface RoutingCase {
  path: string;
  owners_files: string[];
  matched_filters?: Record<string, string[]>;
  leaf_approvers: string[];
  all_approvers: string[];
  leaf_reviewers: string[];
  excluded_emeritus?: string[];
  labels: string[];
}

const expected = JSON.parse(readFileSync(join(FIXTURE_DIR, 'expected-routing.json'), 'utf8')) as {
  cases: RoutingCase[];
};

/**
 * Where the fixture's stated semantics ("leaf = nearest OWNERS file") differ from Prow's
 * (`LeafReviewers` = nearest level that names any reviewer). Sheriff follows Prow; docs/owners.md
 * explains each row.
 */
const KNOWN_DIFFERENCES: ReadonlyArray<{
  path: string;
  field: 'leaf_reviewers';
  fixture: string[];
  prow: string[];
}> = [
  {
    path: 'services/lambda/olm/olmconfig.yaml',
    field: 'leaf_reviewers',
    fixture: [],
    prow: ['cam-lambda'],
  },
];

describe('OWNERS routing of the owners-monorepo fixture (expected-routing.json)', () => {
  let index: OwnersIndex;

  beforeAll(async () => {
    const read = await readOwnersDir(FIXTURE_DIR);
    if (!read.ok) throw new Error(read.error);
    expect(read.problems).toEqual([]);
    index = read.index;
  });

  describe.each(expected.cases.map((routing) => [routing.path, routing] as const))('%s', (_path, routing) => {
    it('has all_approvers as its approvers (Prow Approvers)', () => {
      expect(index.resolve(routing.path).approvers).toEqual(routing.all_approvers);
    });

    it('has leaf_approvers as its leaf approvers (Prow LeafApprovers)', () => {
      expect(index.resolve(routing.path).leafApprovers).toEqual(routing.leaf_approvers);
    });

    it('has leaf_reviewers as its leaf reviewers (Prow LeafReviewers), or a documented difference', () => {
      const difference = KNOWN_DIFFERENCES.find((known) => known.path === routing.path);
      const leafReviewers = index.resolve(routing.path).leafReviewers;
      if (difference === undefined) {
        expect(leafReviewers).toEqual(routing.leaf_reviewers);
      } else {
        expect(routing.leaf_reviewers).toEqual(difference.fixture);
        expect(leafReviewers).toEqual(difference.prow);
      }
    });

    it('has the expected labels (Prow FindLabelsForFile)', () => {
      expect(index.resolve(routing.path).labels).toEqual(routing.labels);
    });

    it('draws on owners_files, nearest first, stopping at no_parent_owners', () => {
      expect(index.resolve(routing.path).ownersFiles.map((file) => file.path)).toEqual(routing.owners_files);
    });

    it('reports the matched filters and never an emeritus approver', () => {
      const resolution = index.resolve(routing.path);
      for (const [file, filters] of Object.entries(routing.matched_filters ?? {})) {
        expect(
          resolution.ownersFiles.find((contribution) => contribution.path === file)?.matchedFilters,
        ).toEqual(filters);
      }
      for (const emeritus of routing.excluded_emeritus ?? []) {
        expect(JSON.stringify(resolution)).not.toContain(emeritus);
      }
    });
  });

  it('gives `sheriff owners --json` approvers, leaf reviewers and labels, in the order asked', () => {
    const paths = [...expected.cases.map((routing) => routing.path)].reverse();
    const described = describeOwnersForPaths(index, paths);
    expect(described.map((entry) => entry.path)).toEqual(paths);
    for (const entry of described) {
      const routing = expected.cases.find((candidate) => candidate.path === entry.path)!;
      const difference = KNOWN_DIFFERENCES.find((known) => known.path === entry.path);
      expect(entry).toEqual({
        path: routing.path,
        approvers: routing.all_approvers,
        reviewers: difference?.prow ?? routing.leaf_reviewers,
        labels: routing.labels,
      });
    }
  });
});
