import { normalizeLogin, type OwnersFile, parseOwnersFile } from '../../src/owners/parse-owners-file.js';

function parsed(
  path: string,
  text: string,
): { ownersFile: OwnersFile; warnings: readonly { code: string; message: string }[] } {
  const result = parseOwnersFile(path, text);
  if (!result.ok) throw new Error(`expected ${path} to parse: ${result.problem.message}`);
  return result;
}

describe('normalizeLogin', () => {
  it('lower-cases and strips one leading @, as Prow NormLogin', () => {
    expect(normalizeLogin('@Eve-S3')).toBe('eve-s3');
    expect(normalizeLogin('@@x')).toBe('@x');
    expect(normalizeLogin('bob@')).toBe('bob@');
  });
});

describe('parseOwnersFile', () => {
  it('reads a simple file: approvers, reviewers, required_reviewers and labels for everything', () => {
    const { ownersFile, warnings } = parsed(
      'docs/OWNERS',
      'approvers: [alice]\nreviewers: [bob]\nrequired_reviewers: [carol]\nlabels: [area/docs]\n',
    );
    expect(warnings).toEqual([]);
    expect(ownersFile).toMatchObject({ path: 'docs/OWNERS', directory: 'docs', shape: 'simple' });
    expect(ownersFile.rules).toEqual([
      {
        filter: { kind: 'everything' },
        config: {
          approvers: ['alice'],
          reviewers: ['bob'],
          requiredReviewers: ['carol'],
          labels: ['area/docs'],
        },
      },
    ]);
  });

  it('folds login case, strips @, drops duplicates and empty entries, but keeps label case', () => {
    const { ownersFile } = parsed(
      'OWNERS',
      'approvers: [Alice, "@alice", BOB, ~, "@"]\nlabels: [Area/Docs, Area/Docs]\n',
    );
    expect(ownersFile.rules[0]!.config.approvers).toEqual(['alice', 'bob']);
    expect(ownersFile.rules[0]!.config.labels).toEqual(['Area/Docs']);
  });

  it('places the root OWNERS in directory ""', () => {
    expect(parsed('OWNERS', 'approvers: [a]\n').ownersFile.directory).toBe('');
  });

  it('reads options.no_parent_owners and options.auto_approve_unowned_subfolders', () => {
    const { ownersFile } = parsed(
      'vendor/OWNERS',
      'options:\n  no_parent_owners: true\n  auto_approve_unowned_subfolders: true\napprovers: [a]\n',
    );
    expect(ownersFile.options).toEqual({ noParentOwners: true, autoApproveUnownedSubfolders: true });
  });

  it('reads YAML 1.1 like go-yaml: `yes` is true, and numbers written as logins become strings', () => {
    const { ownersFile } = parsed('OWNERS', 'options:\n  no_parent_owners: yes\napprovers:\n  - 123\n');
    expect(ownersFile.options.noParentOwners).toBe(true);
    expect(ownersFile.rules[0]!.config.approvers).toEqual(['123']);
  });

  it('matches keys case-insensitively, as Go encoding/json does', () => {
    const { ownersFile } = parsed('OWNERS', 'Approvers: [a]\nOPTIONS: {No_Parent_Owners: true}\n');
    expect(ownersFile.rules[0]!.config.approvers).toEqual(['a']);
    expect(ownersFile.options.noParentOwners).toBe(true);
  });

  it('reads only the first YAML document', () => {
    const { ownersFile } = parsed('OWNERS', 'approvers: [a]\n---\napprovers: [b]\n');
    expect(ownersFile.rules[0]!.config.approvers).toEqual(['a']);
  });

  describe('full configs', () => {
    it('reads filters keyed by regexp, with `.*` stored as "everything"', () => {
      const { ownersFile } = parsed(
        'services/ec2/OWNERS',
        'filters:\n  ".*":\n    approvers: [gus]\n  "^helm/":\n    labels: [area/helm]\n    required_reviewers: [sec]\n',
      );
      expect(ownersFile.shape).toBe('full');
      expect(ownersFile.rules.map((rule) => rule.filter.kind)).toEqual(['everything', 'pattern']);
      const helm = ownersFile.rules[1]!;
      expect(helm.filter.kind === 'pattern' && helm.filter.pattern).toBe('^helm/');
      expect(helm.filter.kind === 'pattern' && helm.filter.regexp.test('helm/values.yaml')).toBe(true);
      expect(helm.config).toEqual({
        approvers: [],
        reviewers: [],
        requiredReviewers: ['sec'],
        labels: ['area/helm'],
      });
    });

    it('reads a file with only options as a full config that names nobody', () => {
      const { ownersFile } = parsed('vendor/OWNERS', 'options:\n  no_parent_owners: true\n');
      expect(ownersFile).toMatchObject({ shape: 'full', rules: [], options: { noParentOwners: true } });
    });

    it('ignores filters when the file also has top-level owners, and says so with the line', () => {
      const { ownersFile, warnings } = parsed(
        'pkg/OWNERS',
        'approvers: [a]\nfilters:\n  ".*":\n    approvers: [b]\n',
      );
      expect(ownersFile.shape).toBe('simple');
      expect(ownersFile.rules).toHaveLength(1);
      expect(ownersFile.rules[0]!.config.approvers).toEqual(['a']);
      expect(warnings).toEqual([expect.objectContaining({ code: 'filters-ignored', line: 2, column: 1 })]);
      expect(warnings[0]!.message).toMatch(/^pkg\/OWNERS:2:1: filters are ignored/);
    });

    it('skips a filter whose regexp Go rejects, keeps the others, and names the line', () => {
      const { ownersFile, warnings } = parsed(
        'pkg/OWNERS',
        'filters:\n  ".*":\n    approvers: [a]\n  "(?=x)":\n    approvers: [b]\n',
      );
      expect(ownersFile.rules.map((rule) => rule.config.approvers)).toEqual([['a']]);
      expect(warnings).toEqual([expect.objectContaining({ code: 'invalid-filter', line: 4, column: 3 })]);
      expect(warnings[0]!.message).toContain('Prow skips it too');
    });

    it('skips a valid RE2 filter Sheriff cannot translate, and says Prow would apply it', () => {
      const { ownersFile, warnings } = parsed('pkg/OWNERS', 'filters:\n  "\\\\pL":\n    approvers: [b]\n');
      expect(ownersFile.rules).toEqual([]);
      expect(warnings[0]).toMatchObject({ code: 'invalid-filter', line: 2 });
      expect(warnings[0]!.message).toContain('Prow would apply it');
    });
  });

  describe('keys Prow does not read', () => {
    it('ignores emeritus_approvers and security_contacts without a warning', () => {
      const { ownersFile, warnings } = parsed(
        'OWNERS',
        'approvers: [a]\nemeritus_approvers: [max-legacy]\nsecurity_contacts: [sec]\n',
      );
      expect(warnings).toEqual([]);
      expect(JSON.stringify(ownersFile)).not.toContain('max-legacy');
    });

    it('contributes nothing when the file lists only emeritus_approvers', () => {
      const { ownersFile } = parsed('OWNERS', 'emeritus_approvers: [old]\n');
      expect(ownersFile.rules).toEqual([]);
    });

    it('warns about an unknown key such as a misspelt `approver:`, naming the line', () => {
      const { ownersFile, warnings } = parsed('OWNERS', 'reviewers: [a]\napprover: [b]\n');
      expect(ownersFile.rules[0]!.config.approvers).toEqual([]);
      expect(warnings).toEqual([expect.objectContaining({ code: 'unknown-key', line: 2, column: 1 })]);
    });
  });

  describe('empty and malformed files', () => {
    it('accepts an empty file (and a comments-only file) as naming nobody', () => {
      for (const text of ['', '# nothing here\n']) {
        const { ownersFile, warnings } = parsed('OWNERS', text);
        expect(ownersFile.rules).toEqual([]);
        expect(warnings).toEqual([]);
      }
    });

    it('rejects YAML that does not parse, naming the file and line', () => {
      const result = parseOwnersFile('services/s3/OWNERS', 'approvers:\n  - a\n reviewers: [b\n');
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.problem).toMatchObject({
        file: 'services/s3/OWNERS',
        severity: 'error',
        code: 'yaml-syntax',
      });
      expect(result.problem.line).toBeGreaterThanOrEqual(3);
      expect(result.problem.message).toMatch(/^services\/s3\/OWNERS:\d+:\d+: not valid YAML/);
    });

    it('rejects a file that is a list rather than a map', () => {
      const result = parseOwnersFile('OWNERS', '- alice\n- bob\n');
      expect(result).toMatchObject({ ok: false, problem: { code: 'invalid-owners', file: 'OWNERS' } });
    });

    it('rejects a file whose options fit neither shape, pointing at the value', () => {
      const result = parseOwnersFile('OWNERS', 'approvers: [a]\noptions:\n  no_parent_owners: "true"\n');
      expect(result).toMatchObject({ ok: false, problem: { code: 'invalid-owners', line: 3, column: 21 } });
    });

    it('reads `approvers: alice` (not a list) as Prow does: top-level keys ignored, options kept', () => {
      const { ownersFile, warnings } = parsed(
        'OWNERS',
        'approvers: alice\noptions:\n  no_parent_owners: true\n',
      );
      expect(ownersFile).toMatchObject({ shape: 'full', rules: [], options: { noParentOwners: true } });
      expect(warnings).toEqual([
        expect.objectContaining({ code: 'simple-keys-ignored', line: 1, column: 12 }),
      ]);
    });
  });
});
