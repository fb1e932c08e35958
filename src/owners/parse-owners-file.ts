import { posix } from 'node:path';
import {
  type Decoded,
  decodeBool,
  decodeStringList,
  decoded,
  describeType,
  fieldName,
  isPlainObject,
  mismatch,
  sortedEntries,
} from './go-json-decoding.js';
import { type OwnersProblem, ownersProblem } from './owners-problem.js';
import { type OwnersYaml, readOwnersYaml, type YamlPath } from './owners-yaml.js';
import { translateRe2 } from './translate-re2.js';

/** `options:` of an OWNERS file. */
export interface OwnersOptions {
  /** Stop inheriting parent OWNERS, per field, once this directory has found someone. */
  readonly noParentOwners: boolean;
  /** Files in subfolders without OWNERS approvers of their own need no approval. */
  readonly autoApproveUnownedSubfolders: boolean;
}

/** The owners one OWNERS entry names. Logins are normalised but aliases are not yet expanded. */
export interface OwnersConfig {
  /** Lower-cased, `@` stripped, sorted, unique. */
  readonly approvers: readonly string[];
  readonly reviewers: readonly string[];
  readonly requiredReviewers: readonly string[];
  /** As written (Prow does not change label case), sorted, unique. */
  readonly labels: readonly string[];
}

/** Which files below the OWNERS directory an entry applies to. */
export type OwnersFilter =
  | { readonly kind: 'everything' }
  /** `regexp` is tested, unanchored, against the path relative to the OWNERS directory. */
  | { readonly kind: 'pattern'; readonly pattern: string; readonly regexp: RegExp };

export interface OwnersRule {
  readonly filter: OwnersFilter;
  readonly config: OwnersConfig;
}

/** One OWNERS file as Prow reads it. */
export interface OwnersFile {
  /** Repository-relative path: `services/ec2/OWNERS`. */
  readonly path: string;
  /** Its directory, `''` for the repository root. */
  readonly directory: string;
  /**
   * `simple`: top-level `approvers`/`reviewers`/`required_reviewers`/`labels`, one rule for
   * everything. `full`: `filters`, one rule per regexp (`.*` is `everything`).
   */
  readonly shape: 'simple' | 'full';
  readonly options: OwnersOptions;
  readonly rules: readonly OwnersRule[];
}

export type OwnersFileResult =
  | { readonly ok: true; readonly ownersFile: OwnersFile; readonly warnings: readonly OwnersProblem[] }
  | { readonly ok: false; readonly problem: OwnersProblem };

/**
 * GitHub login normalisation, as Prow's `NormLogin`: lower-case, then drop one leading `@`.
 *
 * @example
 * normalizeLogin('@Eve-S3'); // 'eve-s3'
 */
export function normalizeLogin(login: string): string {
  const lower = login.toLowerCase();
  return lower.startsWith('@') ? lower.slice(1) : lower;
}

/**
 * Parses one OWNERS file with Prow's rules (`repoowners.go`): read as a simple config first; if
 * that fails or names nobody, read as a full config (`options` + `filters`). A file with
 * top-level owners ignores its `filters`. `emeritus_approvers` and other unknown keys are not read.
 * Never throws: a file Prow would skip comes back as `ok: false` with a problem naming the file
 * and line.
 *
 * @example
 * const parsed = parseOwnersFile('docs/OWNERS', 'approvers: [Alice, "@bob"]\nlabels: [area/docs]\n');
 * // parsed.ok === true; parsed.ownersFile.rules[0].config.approvers → ['alice', 'bob']
 * parseOwnersFile('OWNERS', 'approvers: [a\n');
 * // { ok: false, problem: { code: 'yaml-syntax', message: 'OWNERS:2:1: not valid YAML: ...' } }
 */
export function parseOwnersFile(path: string, contents: string): OwnersFileResult {
  const read = readOwnersYaml(path, contents);
  if (!read.ok) return read;
  const { yaml } = read;
  const directory = directoryOf(path);
  const warnings: OwnersProblem[] = [];
  const warn = (at: YamlPath, part: 'key' | 'value', code: OwnersProblem['code'], detail: string) =>
    warnings.push(ownersProblem(path, yaml.positionOf(at, part), code, detail));

  const simple = decodeSimpleConfig(yaml.value);
  if (simple.ok && !isEmpty(simple.value.config)) {
    const filtersKey = topLevelKeys(yaml.value).find((key) => fieldName(key) === 'filters');
    if (filtersKey !== undefined) {
      const detail = 'filters are ignored because the file also has top-level approvers, reviewers or labels';
      warn([filtersKey], 'key', 'filters-ignored', detail);
    }
    warnUnknownKeys(yaml, warn);
    const rules = [{ filter: { kind: 'everything' } as const, config: normalizeConfig(simple.value.config) }];
    return {
      ok: true,
      ownersFile: { path, directory, shape: 'simple', options: simple.value.options, rules },
      warnings,
    };
  }

  const full = decodeFullConfig(yaml.value);
  if (!full.ok) {
    const failure = simple.ok ? full : simple;
    const detail = `neither a simple nor a full OWNERS config: ${failure.detail}`;
    return {
      ok: false,
      problem: ownersProblem(path, yaml.positionOf(failure.path), 'invalid-owners', detail),
    };
  }
  if (!simple.ok) {
    const detail = `${simple.detail}, so top-level approvers, reviewers, required_reviewers and labels are ignored`;
    warn(simple.path, 'value', 'simple-keys-ignored', detail);
  }
  const rules: OwnersRule[] = [];
  for (const [pattern, config] of full.value.filters) {
    const filter = compileFilter(pattern);
    if (filter.kind === 'invalid') {
      warn(
        [full.value.filtersKey, pattern],
        'key',
        'invalid-filter',
        `filter ${JSON.stringify(pattern)} is skipped: ${filter.reason}`,
      );
      continue;
    }
    rules.push({ filter, config: normalizeConfig(config) });
  }
  warnUnknownKeys(yaml, warn);
  return {
    ok: true,
    ownersFile: { path, directory, shape: 'full', options: full.value.options, rules },
    warnings,
  };
}

/**
 * The directory an OWNERS file governs, as Prow keys it: `''` for the root, no trailing slash.
 *
 * @example
 * directoryOf('services/ec2/OWNERS'); // 'services/ec2'
 * directoryOf('OWNERS'); // ''
 */
export function directoryOf(path: string): string {
  const directory = posix.dirname(path);
  return directory === '.' || directory === '/' ? '' : directory;
}

type RawConfig = Record<keyof OwnersConfig, string[]>;

const CONFIG_FIELDS: ReadonlyMap<string, keyof OwnersConfig> = new Map([
  ['approvers', 'approvers'],
  ['reviewers', 'reviewers'],
  ['required_reviewers', 'requiredReviewers'],
  ['labels', 'labels'],
]);
const OPTION_FIELDS: ReadonlyMap<string, keyof OwnersOptions> = new Map([
  ['no_parent_owners', 'noParentOwners'],
  ['auto_approve_unowned_subfolders', 'autoApproveUnownedSubfolders'],
]);
/** Keys people write for documentation; Prow never reads them, and neither does Sheriff. */
const DOCUMENTATION_KEYS = new Set(['emeritus_approvers', 'emeritus_reviewers', 'security_contacts']);
const DEFAULT_OPTIONS: OwnersOptions = { noParentOwners: false, autoApproveUnownedSubfolders: false };

function emptyConfig(): RawConfig {
  return { approvers: [], reviewers: [], requiredReviewers: [], labels: [] };
}

/** `SimpleConfig.Empty()`: counts raw entries, so `approvers: [~]` is not empty. */
function isEmpty(config: RawConfig): boolean {
  return Object.values(config).every((list) => list.length === 0);
}

function decodeSimpleConfig(value: unknown): Decoded<{ options: OwnersOptions; config: RawConfig }> {
  if (value === null || value === undefined)
    return decoded({ options: DEFAULT_OPTIONS, config: emptyConfig() });
  if (!isPlainObject(value))
    return mismatch([], `the file must be a map of OWNERS keys, not ${describeType(value)}`);
  let options = DEFAULT_OPTIONS;
  const config = emptyConfig();
  let firstError: Decoded<never> | undefined;
  for (const [key, item] of sortedEntries(value)) {
    const name = fieldName(key);
    const field = CONFIG_FIELDS.get(name);
    if (field !== undefined) {
      const list = decodeStringList(item, [key]);
      if (list.ok) config[field] = list.value;
      else firstError ??= list;
    } else if (name === 'options') {
      const decodedOptions = decodeOptions(item, [key], options);
      if (decodedOptions.ok) options = decodedOptions.value;
      else firstError ??= decodedOptions;
    }
  }
  return firstError ?? decoded({ options, config });
}

interface FullConfig {
  readonly options: OwnersOptions;
  /** Sorted by pattern. */
  readonly filters: ReadonlyMap<string, RawConfig>;
  /** The key as written (`filters`, or `Filters`), to find it again for line numbers. */
  readonly filtersKey: string;
}

function decodeFullConfig(value: unknown): Decoded<FullConfig> {
  let options = DEFAULT_OPTIONS;
  const filters = new Map<string, RawConfig>();
  let filtersKey = 'filters';
  if (value === null || value === undefined) return decoded({ options, filters, filtersKey });
  if (!isPlainObject(value))
    return mismatch([], `the file must be a map of OWNERS keys, not ${describeType(value)}`);
  let firstError: Decoded<never> | undefined;
  for (const [key, item] of sortedEntries(value)) {
    const name = fieldName(key);
    if (name === 'options') {
      const decodedOptions = decodeOptions(item, [key], options);
      if (decodedOptions.ok) options = decodedOptions.value;
      else firstError ??= decodedOptions;
    } else if (name === 'filters') {
      filtersKey = key;
      if (item === null || item === undefined) {
        filters.clear();
      } else if (!isPlainObject(item)) {
        firstError ??= mismatch(
          [key],
          `filters must be a map of regexp to owners, not ${describeType(item)}`,
        );
      } else {
        for (const [pattern, entry] of sortedEntries(item)) {
          const config = decodeConfig(entry, [key, pattern]);
          if (config.ok) filters.set(pattern, config.value);
          else firstError ??= config;
        }
      }
    }
  }
  const sorted = new Map([...filters].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return firstError ?? decoded({ options, filters: sorted, filtersKey });
}

function decodeConfig(value: unknown, path: YamlPath): Decoded<RawConfig> {
  const config = emptyConfig();
  if (value === null || value === undefined) return decoded(config);
  if (!isPlainObject(value))
    return mismatch(path, `filter ${String(path.at(-1))} must be a map, not ${describeType(value)}`);
  for (const [key, item] of sortedEntries(value)) {
    const field = CONFIG_FIELDS.get(fieldName(key));
    if (field === undefined) continue;
    const list = decodeStringList(item, [...path, key]);
    if (!list.ok) return list;
    config[field] = list.value;
  }
  return decoded(config);
}

function decodeOptions(value: unknown, path: YamlPath, previous: OwnersOptions): Decoded<OwnersOptions> {
  if (value === null || value === undefined) return decoded(previous);
  if (!isPlainObject(value)) return mismatch(path, `options must be a map, not ${describeType(value)}`);
  const options = { ...previous };
  for (const [key, item] of sortedEntries(value)) {
    const field = OPTION_FIELDS.get(fieldName(key));
    if (field === undefined) continue;
    const flag = decodeBool(item, [...path, key], options[field]);
    if (!flag.ok) return flag;
    options[field] = flag.value;
  }
  return decoded(options);
}

function normalizeConfig(config: RawConfig): OwnersConfig {
  return {
    approvers: normalizeLogins(config.approvers),
    reviewers: normalizeLogins(config.reviewers),
    requiredReviewers: normalizeLogins(config.requiredReviewers),
    labels: uniqueSorted(config.labels),
  };
}

/**
 * Normalised logins, sorted and unique. Empty ones (`~`, `"@"`) name nobody and are dropped.
 *
 * @example
 * normalizeLogins(['Bob', '@alice', 'bob', '']); // ['alice', 'bob']
 */
export function normalizeLogins(logins: Iterable<string>): string[] {
  return uniqueSorted([...logins].map(normalizeLogin));
}

function uniqueSorted(values: readonly string[]): string[] {
  return [...new Set(values.filter((value) => value !== ''))].sort();
}

type CompiledFilter = OwnersFilter | { readonly kind: 'invalid'; readonly reason: string };

function compileFilter(pattern: string): CompiledFilter {
  // Prow stores `.*` as "no regexp", which also matches the directory itself.
  if (pattern === '.*') return { kind: 'everything' };
  const translated = translateRe2(pattern);
  if (translated.ok) return { kind: 'pattern', pattern, regexp: translated.regexp };
  const { kind, reason } = translated.error;
  return {
    kind: 'invalid',
    reason: kind === 'invalid' ? `${reason} (Prow skips it too)` : `${reason} (Prow would apply it)`,
  };
}

function topLevelKeys(value: unknown): string[] {
  return isPlainObject(value) ? Object.keys(value) : [];
}

function warnUnknownKeys(
  yaml: OwnersYaml,
  warn: (at: YamlPath, part: 'key', code: 'unknown-key', detail: string) => void,
): void {
  if (!isPlainObject(yaml.value)) return;
  const unknown = (at: YamlPath) =>
    warn(at, 'key', 'unknown-key', `unknown key ${JSON.stringify(at.at(-1))} is ignored`);
  for (const [key, item] of sortedEntries(yaml.value)) {
    const name = fieldName(key);
    if (CONFIG_FIELDS.has(name) || DOCUMENTATION_KEYS.has(name)) continue;
    if (name === 'options') {
      if (!isPlainObject(item)) continue;
      for (const optionKey of Object.keys(item)) {
        if (!OPTION_FIELDS.has(fieldName(optionKey))) unknown([key, optionKey]);
      }
    } else if (name === 'filters') {
      if (!isPlainObject(item)) continue;
      for (const [pattern, entry] of sortedEntries(item)) {
        if (!isPlainObject(entry)) continue;
        for (const entryKey of Object.keys(entry)) {
          const entryName = fieldName(entryKey);
          if (!CONFIG_FIELDS.has(entryName) && !DOCUMENTATION_KEYS.has(entryName))
            unknown([key, pattern, entryKey]);
        }
      }
    } else {
      unknown([key]);
    }
  }
}
