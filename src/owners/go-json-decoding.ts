import type { YamlPath } from './owners-yaml.js';

/**
 * Decoding helpers that reproduce how Go's `encoding/json` fills Prow's OWNERS structs from the
 * JSON that `sigs.k8s.io/yaml` makes of a YAML file: keys match struct fields case-insensitively,
 * a type mismatch is an error for the whole file, `null` leaves a bool alone and empties a list,
 * and numbers or booleans written where a string belongs become that string.
 */

export type Decoded<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly path: YamlPath; readonly detail: string };

/** A successful decode. @example decoded(['a']) // { ok: true, value: ['a'] } */
export function decoded<T>(value: T): Decoded<T> {
  return { ok: true, value };
}

/** A type mismatch at `path`. @example mismatch(['approvers'], 'approvers must be a list') */
export function mismatch(path: YamlPath, detail: string): Decoded<never> {
  return { ok: false, path, detail };
}

/** A YAML mapping, as opposed to a list or scalar. @example isPlainObject({ a: 1 }) // true */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * A mapping's entries in the order Go decodes them: `sigs.k8s.io/yaml` emits JSON with sorted
 * keys, so when `Approvers:` and `approvers:` both appear, the later one in that order wins.
 *
 * @example
 * sortedEntries({ b: 1, A: 2 }); // [['A', 2], ['b', 1]]
 */
export function sortedEntries(object: Record<string, unknown>): Array<[string, unknown]> {
  return Object.keys(object)
    .sort()
    .map((key) => [key, object[key]]);
}

/** The struct field a key fills, Go style: case does not matter. @example fieldName('Approvers') // 'approvers' */
export function fieldName(key: string): string {
  return key.toLowerCase();
}

/** Words for a value in an error message. @example describeType([1]) // 'a list' */
export function describeType(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a map';
  return `the ${typeof value} ${JSON.stringify(value)}`;
}

/**
 * A `[]string` field. Scalars that YAML read as numbers or booleans (`- 123`, `- yes`) become
 * strings, as `sigs.k8s.io/yaml` converts them for string targets; `null` items become `''`.
 *
 * @example
 * decodeStringList(['a', 123, null], ['approvers']); // { ok: true, value: ['a', '123', ''] }
 * decodeStringList('alice', ['approvers']); // { ok: false, path: ['approvers'], detail: '...' }
 */
export function decodeStringList(value: unknown, path: YamlPath): Decoded<string[]> {
  if (value === null || value === undefined) return decoded([]);
  if (!Array.isArray(value))
    return mismatch(path, `${path.join('.')} must be a list, not ${describeType(value)}`);
  const out: string[] = [];
  for (const [index, item] of value.entries()) {
    const text = scalarText(item);
    if (text === undefined) {
      return mismatch(
        [...path, index],
        `${path.join('.')} entries must be strings, not ${describeType(item)}`,
      );
    }
    out.push(text);
  }
  return decoded(out);
}

/**
 * A `bool` field: `null` keeps `previous`; anything but a boolean is a mismatch.
 *
 * @example
 * decodeBool(null, ['options', 'no_parent_owners'], true); // { ok: true, value: true }
 */
export function decodeBool(value: unknown, path: YamlPath, previous: boolean): Decoded<boolean> {
  if (value === null || value === undefined) return decoded(previous);
  if (typeof value === 'boolean') return decoded(value);
  return mismatch(path, `${path.join('.')} must be true or false, not ${describeType(value)}`);
}

function scalarText(item: unknown): string | undefined {
  if (typeof item === 'string') return item;
  if (item === null || item === undefined) return '';
  if (typeof item === 'number' || typeof item === 'boolean' || typeof item === 'bigint') return String(item);
  return undefined;
}
