import { normalizeRepoPath, OwnersIndex } from '../../src/owners/owners-index.js';
import { indexOwners, list, ownersTree } from './owners-builders.js';

describe('OwnersIndex', () => {
  describe('walking up the tree', () => {
    const index = indexOwners({
      '': { approvers: ['root-a'], reviewers: ['root-r'], labels: ['area/root'] },
      pkg: { approvers: ['pkg-a'], reviewers: ['pkg-r'], labels: ['area/pkg'] },
      'pkg/util': { approvers: ['util-a'], labels: ['area/util'] },
    });

    it('unions approvers from the nearest OWNERS up to the root', () => {
      expect(list(index.approvers('pkg/util/sets/set.go'))).toEqual(['pkg-a', 'root-a', 'util-a']);
    });

    it('gives leaf approvers from the nearest level that names any', () => {
      expect(list(index.leafApprovers('pkg/util/sets/set.go'))).toEqual(['util-a']);
    });

    it('gives leaf reviewers from the nearest level that names reviewers, skipping OWNERS without them', () => {
      expect(list(index.leafReviewers('pkg/util/x.go'))).toEqual(['pkg-r']);
    });

    it('unions labels along the path', () => {
      expect(list(index.labels('pkg/util/x.go'))).toEqual(['area/pkg', 'area/root', 'area/util']);
    });

    it('walks real directories, so pkg-extra/ is not under pkg/', () => {
      expect(list(index.approvers('pkg-extra/x.go'))).toEqual(['root-a']);
    });

    it('never lets an OWNERS file affect its parent or sibling directories', () => {
      expect(list(index.approvers('pkg/x.go'))).toEqual(['pkg-a', 'root-a']);
      expect(list(index.approvers('cmd/pkg/util/x.go'))).toEqual(['root-a']);
    });

    it('resolves files at the root with the root OWNERS only', () => {
      expect(index.resolve('README.md')).toMatchObject({ approvers: ['root-a'], leafApprovers: ['root-a'] });
    });

    it('cleans the path first', () => {
      expect(index.resolve('./pkg//util/x.go').path).toBe('pkg/util/x.go');
      expect(normalizeRepoPath('/docs/api/')).toBe('docs/api');
      expect(normalizeRepoPath('.')).toBe('');
    });
  });

  describe('no_parent_owners', () => {
    it('stops at no_parent_owners for every field that found someone there', () => {
      const index = indexOwners({
        '': {
          approvers: ['root-a'],
          reviewers: ['root-r'],
          required_reviewers: ['root-rr'],
          labels: ['area/root'],
        },
        iam: {
          options: { no_parent_owners: true },
          approvers: ['iam-a'],
          reviewers: ['iam-r'],
          required_reviewers: ['iam-rr'],
          labels: ['area/iam'],
        },
      });
      expect(index.resolve('iam/role.go')).toMatchObject({
        approvers: ['iam-a'],
        reviewers: ['iam-r'],
        requiredReviewers: ['iam-rr'],
        labels: ['area/iam'],
        ownersFiles: [expect.objectContaining({ path: 'iam/OWNERS' })],
      });
    });

    it('is per field: a field the OWNERS does not fill still inherits from the parents', () => {
      const index = indexOwners({
        '': { approvers: ['root-a'], reviewers: ['root-r'], labels: ['area/root'] },
        vendor: { options: { no_parent_owners: true }, approvers: ['vendor-a'] },
      });
      const resolution = index.resolve('vendor/lib/x.go');
      expect(resolution.approvers).toEqual(['vendor-a']);
      expect(resolution.reviewers).toEqual(['root-r']);
      expect(resolution.labels).toEqual(['area/root']);
    });

    it('needs a hit first: when its filter does not match the file, the parents still apply', () => {
      const index = indexOwners({
        '': { approvers: ['root-a'] },
        api: { options: { no_parent_owners: true }, filters: { '\\.proto$': { approvers: ['proto-a'] } } },
      });
      expect(list(index.approvers('api/v1.proto'))).toEqual(['proto-a']);
      expect(list(index.approvers('api/v1.go'))).toEqual(['root-a']);
    });

    it('cuts off whatever was found below it too', () => {
      const index = indexOwners({
        '': { approvers: ['root-a'] },
        a: { options: { no_parent_owners: true } },
        'a/b': { approvers: ['b-a'] },
      });
      expect(list(index.approvers('a/b/x'))).toEqual(['b-a']);
    });
  });

  describe('aliases and logins', () => {
    it('expands aliases from OWNERS_ALIASES and folds case everywhere', () => {
      const index = indexOwners(
        { '': { approvers: ['Core-Team', '@Dave'], reviewers: ['S3-Reviewers'] } },
        { 'core-team': ['Alice', 'bob'], 's3-reviewers': ['Eve-S3'] },
      );
      expect(index.resolve('x')).toMatchObject({
        approvers: ['alice', 'bob', 'dave'],
        reviewers: ['eve-s3'],
      });
    });

    it('expands one level only: an alias named inside an alias stays a literal login', () => {
      const index = indexOwners(
        { '': { approvers: ['outer'] } },
        { outer: ['inner', 'carol'], inner: ['dan'] },
      );
      expect(list(index.approvers('x'))).toEqual(['carol', 'inner']);
    });

    it('keeps a name that is no alias (a missing alias) as a login', () => {
      const index = indexOwners({ '': { approvers: ['sagemaker-ack-team'] } }, { 'service-team': ['a'] });
      expect(list(index.approvers('x'))).toEqual(['sagemaker-ack-team']);
    });

    it('lets an alias win over a login of the same name', () => {
      const index = indexOwners({ '': { approvers: ['alice'] } }, { alice: ['bob'] });
      expect(list(index.approvers('x'))).toEqual(['bob']);
    });

    it('treats an empty alias as nobody, so the parent OWNERS is the approval unit', () => {
      const index = indexOwners(
        { '': { approvers: ['root-a'] }, s3: { approvers: ['service-team'], labels: ['service/s3'] } },
        { 'service-team': [] },
      );
      expect(index.resolve('s3/bucket.go')).toMatchObject({
        approvers: ['root-a'],
        leafApprovers: ['root-a'],
        approverOwnersDir: '',
      });
    });

    it('does not expand or fold labels', () => {
      const index = indexOwners({ '': { labels: ['Core-Team', 'area/X'] } }, { 'core-team': ['a'] });
      expect(list(index.labels('x'))).toEqual(['Core-Team', 'area/X']);
    });

    it('never returns emeritus approvers', () => {
      const index = indexOwners({ rds: { approvers: ['eli'], emeritus_approvers: ['max-legacy'] } });
      expect(JSON.stringify(index.resolve('rds/db.go'))).not.toContain('max-legacy');
    });

    it('uses no aliases at all when OWNERS_ALIASES is invalid, and reports it', () => {
      const index = indexOwners({ '': { approvers: ['core'] } }, 'aliases:\n  core: [a]\n  other: b\n');
      expect(list(index.approvers('x'))).toEqual(['core']);
      expect(index.problems).toEqual([
        expect.objectContaining({ file: 'OWNERS_ALIASES', code: 'invalid-aliases', line: 3 }),
      ]);
    });
  });

  describe('required_reviewers', () => {
    it('unions required reviewers of every OWNERS on the path', () => {
      const index = indexOwners(
        {
          '': { required_reviewers: ['root-rr'] },
          api: { approvers: ['a'], required_reviewers: ['api-lead'] },
        },
        { 'api-lead': ['Lia'] },
      );
      expect(list(index.requiredReviewers('api/v1/types.go'))).toEqual(['lia', 'root-rr']);
    });
  });

  describe('filters', () => {
    const index = indexOwners({
      '': { approvers: ['root-a'] },
      ec2: {
        filters: {
          '.*': { approvers: ['ec2-a'], labels: ['service/ec2'] },
          '^helm/': { labels: ['area/helm'], reviewers: ['helm-r'] },
          '\\.md$': { approvers: ['docs-a'] },
        },
      },
    });

    it('matches regexps against the path relative to the OWNERS directory', () => {
      expect(list(index.labels('ec2/helm/templates/deployment.yaml'))).toEqual(['area/helm', 'service/ec2']);
      expect(list(index.labels('ec2/charts/helm/x.yaml'))).toEqual(['service/ec2']);
    });

    it('applies every matching filter', () => {
      expect(list(index.approvers('ec2/helm/README.md'))).toEqual(['docs-a', 'ec2-a', 'root-a']);
    });

    it('reports which filters matched', () => {
      expect(index.resolve('ec2/helm/x.yaml').ownersFiles[0]).toEqual({
        path: 'ec2/OWNERS',
        approvers: ['ec2-a'],
        reviewers: ['helm-r'],
        requiredReviewers: [],
        labels: ['area/helm', 'service/ec2'],
        matchedFilters: ['.*', '^helm/'],
      });
    });

    it('finds the approval unit only through a filter that matches the file', () => {
      const onlyDocs = indexOwners({
        '': { approvers: ['root-a'] },
        pkg: { filters: { '\\.md$': { approvers: ['docs-a'] } } },
      });
      expect(onlyDocs.findApproverOwnersDir('pkg/README.md')).toBe('pkg');
      expect(onlyDocs.findApproverOwnersDir('pkg/main.go')).toBe('');
    });

    it('skips a filter it cannot use, keeps the rest of the file and reports the line', () => {
      const withBad = indexOwners({
        '': { approvers: ['root-a'] },
        pkg: { filters: { '.*': { approvers: ['pkg-a'] }, '(?<=x)y': { approvers: ['never'] } } },
      });
      expect(list(withBad.approvers('pkg/xy'))).toEqual(['pkg-a', 'root-a']);
      expect(withBad.problems).toEqual([
        expect.objectContaining({ file: 'pkg/OWNERS', code: 'invalid-filter', line: 5 }),
      ]);
    });
  });

  describe('malformed and empty files', () => {
    it('skips a malformed OWNERS, reports file and line, and resolves with the others', () => {
      const index = indexOwners({
        '': { approvers: ['root-a'] },
        s3: 'approvers:\n  - cy\n reviewers: [dee\n',
        rds: { approvers: ['eli'] },
      });
      expect(index.problems).toHaveLength(1);
      expect(index.problems[0]).toMatchObject({ file: 's3/OWNERS', severity: 'error', code: 'yaml-syntax' });
      expect(index.problems[0]!.message).toMatch(/^s3\/OWNERS:\d+:\d+: /);
      expect(list(index.approvers('s3/bucket.go'))).toEqual(['root-a']);
      expect(list(index.approvers('rds/db.go'))).toEqual(['eli', 'root-a']);
    });

    it('treats an empty OWNERS as naming nobody', () => {
      const index = indexOwners({ '': { approvers: ['root-a'] }, docs: '' });
      expect(index.problems).toEqual([]);
      expect(index.resolve('docs/a.md')).toMatchObject({ approvers: ['root-a'], approverOwnersDir: '' });
    });

    it('works with no OWNERS files at all', () => {
      expect(OwnersIndex.fromFiles({}).resolve('a/b.go')).toMatchObject({
        approvers: [],
        approverOwnersDir: '',
      });
    });
  });

  describe('findApproverOwnersDir', () => {
    const index = indexOwners({
      '': { approvers: ['root-a'] },
      a: { reviewers: ['a-r'], options: { no_parent_owners: true } },
      'a/b': { approvers: ['b-a'] },
    });

    it('returns the deepest directory with approvers, ignoring no_parent_owners and reviewer-only files', () => {
      expect(index.findApproverOwnersDir('a/b/c/d.go')).toBe('a/b');
      expect(index.findApproverOwnersDir('a/x.go')).toBe('');
      expect(index.findReviewerOwnersDir('a/b/x.go')).toBe('a');
    });
  });

  describe('withCollaborators', () => {
    it('keeps only collaborators among approvers and reviewers, not required reviewers or labels', () => {
      const index = indexOwners({
        '': { approvers: ['alice', 'bob'], reviewers: ['carol'], required_reviewers: ['dan'], labels: ['l'] },
        sub: { approvers: ['erin'] },
      }).withCollaborators(['Alice', 'erin']);
      expect(index.resolve('sub/x')).toMatchObject({
        approvers: ['alice', 'erin'],
        reviewers: [],
        requiredReviewers: ['dan'],
        labels: ['l'],
      });
    });

    it('drops an OWNERS whose approvers are all non-collaborators from the approval units', () => {
      const index = indexOwners({
        '': { approvers: ['alice'] },
        sub: { approvers: ['mallory'] },
      }).withCollaborators(['alice']);
      expect(index.findApproverOwnersDir('sub/x')).toBe('');
    });
  });

  describe('which files it reads', () => {
    it('reads OWNERS_ALIASES only at the root, and reports others', () => {
      const index = OwnersIndex.fromFiles({
        OWNERS: 'approvers: [team]\n',
        'sub/OWNERS_ALIASES': 'aliases:\n  team: [a]\n',
      });
      expect(list(index.approvers('x'))).toEqual(['team']);
      expect(index.problems).toEqual([
        expect.objectContaining({ file: 'sub/OWNERS_ALIASES', code: 'ignored-file' }),
      ]);
    });

    it('honours configured file names', () => {
      const index = OwnersIndex.fromFiles(
        new Map([
          ['OWNERS.yaml', 'approvers: [team]\n'],
          ['ALIASES', 'aliases:\n  team: [a]\n'],
        ]),
        { filenames: { owners: 'OWNERS.yaml', ownersAliases: 'ALIASES' } },
      );
      expect(list(index.approvers('x'))).toEqual(['a']);
      expect(index.ownersFilePath('docs')).toBe('docs/OWNERS.yaml');
    });

    it('keeps the parsed files for callers', () => {
      const index = OwnersIndex.fromFiles(
        ownersTree({ '': { approvers: ['a'] }, docs: { approvers: ['b'] } }),
      );
      expect(index.ownersFiles.map((file) => file.path)).toEqual(['OWNERS', 'docs/OWNERS']);
    });
  });
});
