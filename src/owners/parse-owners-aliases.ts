import { describeType, fieldName, isPlainObject, sortedEntries } from './go-json-decoding.js';
import { type OwnersProblem, ownersProblem } from './owners-problem.js';
import { readOwnersYaml, type YamlPath } from './owners-yaml.js';
import { normalizeLogin, normalizeLogins } from './parse-owners-file.js';

/** Alias name (normalised like a login) → member logins (normalised, sorted, unique). */
export type OwnersAliases = ReadonlyMap<string, readonly string[]>;

export type OwnersAliasesResult =
  | { readonly ok: true; readonly aliases: OwnersAliases; readonly warnings: readonly OwnersProblem[] }
  /** Prow then uses an empty alias map: every alias name in OWNERS stays a literal login. */
  | { readonly ok: false; readonly problem: OwnersProblem };

/**
 * Parses OWNERS_ALIASES as Prow's `ParseAliasesConfig`: `aliases: {name: [login, ...]}`. A group
 * may also be `name:` (empty) or the inline map `{a, b}`. A group written as a plain string, or a
 * member that is not a string (`- 123`, `- yes`), makes the whole file invalid. Never throws.
 *
 * @example
 * const parsed = parseOwnersAliases('OWNERS_ALIASES', 'aliases:\n  SIG-Docs: ["@Alice", bob]\n');
 * parsed.ok && parsed.aliases.get('sig-docs'); // ['alice', 'bob']
 */
export function parseOwnersAliases(path: string, contents: string): OwnersAliasesResult {
  const read = readOwnersYaml(path, contents);
  if (!read.ok) return read;
  const { yaml } = read;
  const invalid = (at: YamlPath, detail: string): OwnersAliasesResult => ({
    ok: false,
    problem: ownersProblem(path, yaml.positionOf(at), 'invalid-aliases', `${detail}; no alias is expanded`),
  });

  const aliases = new Map<string, readonly string[]>();
  const warnings: OwnersProblem[] = [];
  if (yaml.value === null || yaml.value === undefined) return { ok: true, aliases, warnings };
  if (!isPlainObject(yaml.value))
    return invalid([], `the file must be a map with "aliases", not ${describeType(yaml.value)}`);

  for (const [key, groups] of sortedEntries(yaml.value)) {
    if (fieldName(key) !== 'aliases') {
      const detail = `unknown key ${JSON.stringify(key)} is ignored`;
      warnings.push(ownersProblem(path, yaml.positionOf([key], 'key'), 'unknown-key', detail));
      continue;
    }
    if (groups === null || groups === undefined) continue;
    if (!isPlainObject(groups))
      return invalid([key], `aliases must be a map of alias to logins, not ${describeType(groups)}`);
    // Prow walks a Go map (random order); sorted order makes the `Foo`/`foo` collision deterministic.
    for (const [name, members] of sortedEntries(groups)) {
      const at: YamlPath = [key, name];
      if (members === null || members === undefined) {
        aliases.set(normalizeLogin(name), []);
      } else if (Array.isArray(members)) {
        const badIndex = members.findIndex((member) => typeof member !== 'string');
        if (badIndex !== -1) {
          return invalid(
            [...at, badIndex],
            `alias ${name}: members must be strings, not ${describeType(members[badIndex])}`,
          );
        }
        aliases.set(normalizeLogin(name), normalizeLogins(members as string[]));
      } else if (isPlainObject(members)) {
        aliases.set(normalizeLogin(name), normalizeLogins(Object.keys(members)));
      } else if (typeof members === 'string') {
        return invalid(at, `alias group ${name} must contain a list of members, not a string`);
      } else {
        return invalid(at, `alias group ${name} must be a list, not ${describeType(members)}`);
      }
    }
  }
  return { ok: true, aliases, warnings };
}
