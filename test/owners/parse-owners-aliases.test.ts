import { parseOwnersAliases } from '../../src/owners/parse-owners-aliases.js';

function aliasesOf(text: string): Record<string, readonly string[]> {
  const result = parseOwnersAliases('OWNERS_ALIASES', text);
  if (!result.ok) throw new Error(`expected aliases to parse: ${result.problem.message}`);
  return Object.fromEntries(result.aliases);
}

describe('parseOwnersAliases', () => {
  it('reads alias groups, normalising names and members like logins', () => {
    expect(aliasesOf('aliases:\n  SIG-Docs:\n    - "@Alice"\n    - bob\n    - BOB\n')).toEqual({
      'sig-docs': ['alice', 'bob'],
    });
  });

  it('reads `name:` with no value as an empty group', () => {
    expect(aliasesOf('aliases:\n  service-team:\n  core: [a]\n')).toEqual({
      'service-team': [],
      core: ['a'],
    });
  });

  it('reads the inline-map form {a, b} as its keys', () => {
    expect(aliasesOf('aliases: { core: { Alice, bob } }\n')).toEqual({ core: ['alice', 'bob'] });
  });

  it('reads an empty file as no aliases', () => {
    expect(aliasesOf('')).toEqual({});
    expect(aliasesOf('aliases:\n')).toEqual({});
  });

  it('rejects a group written as a plain string, naming the file and line', () => {
    const result = parseOwnersAliases('OWNERS_ALIASES', 'aliases:\n  core: [a]\n  s3-team: alice\n');
    expect(result).toMatchObject({
      ok: false,
      problem: { file: 'OWNERS_ALIASES', code: 'invalid-aliases', severity: 'error', line: 3, column: 12 },
    });
    if (!result.ok)
      expect(result.problem.message).toMatch(/^OWNERS_ALIASES:3:12: alias group s3-team must contain/);
  });

  it('rejects a member that YAML reads as a number or a boolean (`on`, `yes` in YAML 1.1)', () => {
    for (const member of ['123', 'on', 'yes']) {
      const result = parseOwnersAliases(
        'OWNERS_ALIASES',
        `aliases:\n  core:\n    - alice\n    - ${member}\n`,
      );
      expect(result).toMatchObject({ ok: false, problem: { code: 'invalid-aliases', line: 4, column: 7 } });
    }
  });

  it('rejects YAML that does not parse, naming the line', () => {
    const result = parseOwnersAliases('OWNERS_ALIASES', 'aliases:\n  core: [a, b\n');
    expect(result).toMatchObject({ ok: false, problem: { code: 'yaml-syntax', file: 'OWNERS_ALIASES' } });
    if (!result.ok) expect(result.problem.line).not.toBeNull();
  });

  it('warns about keys other than aliases', () => {
    const result = parseOwnersAliases('OWNERS_ALIASES', 'alias:\n  core: [a]\n');
    expect(result).toMatchObject({ ok: true, warnings: [{ code: 'unknown-key', line: 1 }] });
  });
});
