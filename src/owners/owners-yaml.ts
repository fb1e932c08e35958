import {
  type Document,
  isAlias,
  isMap,
  isScalar,
  isSeq,
  LineCounter,
  type Node,
  parseAllDocuments,
  type Tags,
} from 'yaml';
import { type FilePosition, type OwnersProblem, ownersProblem } from './owners-problem.js';

/** A key path into a YAML document: `['filters', '^helm/', 'labels', 0]`. */
export type YamlPath = readonly (string | number)[];

/** The first document of a YAML file as plain data, with a way back to line numbers. */
export interface OwnersYaml {
  /** `null`, a boolean, number, string, array or plain object (the first document only). */
  readonly value: unknown;
  /** Where the value (or, with `'key'`, the map key) at `path` is written; `null` if not found. */
  positionOf(path: YamlPath, part?: 'key' | 'value'): FilePosition | null;
}

export type OwnersYamlResult =
  { readonly ok: true; readonly yaml: OwnersYaml } | { readonly ok: false; readonly problem: OwnersProblem };

const TIMESTAMP_TAG = 'tag:yaml.org,2002:timestamp';

/** go-yaml v2 leaves timestamps and sexagesimal numbers (`1:20`) as strings. */
function keepGoYamlTag(tag: Tags[number]): boolean {
  if (typeof tag === 'string') return !['timestamp', 'intTime', 'floatTime'].includes(tag);
  return tag.tag !== TIMESTAMP_TAG && !('format' in tag && tag.format === 'TIME');
}

/**
 * Reads YAML the way Prow's `sigs.k8s.io/yaml` (go-yaml v2) does: YAML 1.1 scalars (`yes`, `on`
 * and `y` are booleans), only the first document, a repeated key overwrites the earlier one,
 * `<<` merge keys, and timestamps and `1:20`-style numbers left as strings.
 *
 * @example
 * const read = readOwnersYaml('OWNERS', 'approvers:\n  - Alice\n');
 * read.ok && read.yaml.value; // { approvers: ['Alice'] }
 * read.ok && read.yaml.positionOf(['approvers', 0]); // { line: 2, column: 5 }
 */
export function readOwnersYaml(file: string, contents: string): OwnersYamlResult {
  const lineCounter = new LineCounter();
  const documents = parseAllDocuments(contents, {
    version: '1.1',
    uniqueKeys: false,
    merge: true,
    prettyErrors: false,
    lineCounter,
    customTags: (tags) => tags.filter(keepGoYamlTag),
  });
  const document = Array.isArray(documents) ? documents[0] : undefined;
  if (document === undefined) return { ok: true, yaml: { value: null, positionOf: () => null } };

  const toPosition = (offset: number): FilePosition => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  const [syntaxError] = document.errors;
  if (syntaxError !== undefined) {
    const detail = `not valid YAML: ${syntaxError.message}`;
    return { ok: false, problem: ownersProblem(file, toPosition(syntaxError.pos[0]), 'yaml-syntax', detail) };
  }
  let value: unknown;
  try {
    value = document.toJS({ maxAliasCount: 100 });
  } catch (error) {
    const detail = `not valid YAML: ${(error as Error).message}`;
    return { ok: false, problem: ownersProblem(file, null, 'yaml-syntax', detail) };
  }
  return {
    ok: true,
    yaml: {
      value,
      positionOf: (path, part = 'value') => {
        const node = findNode(document, path, part);
        return node?.range === undefined || node.range === null ? null : toPosition(node.range[0]);
      },
    },
  };
}

function findNode(document: Document, path: YamlPath, part: 'key' | 'value'): Node | null {
  let node: unknown = document.contents;
  for (const [depth, segment] of path.entries()) {
    if (isAlias(node)) node = node.resolve(document);
    if (isMap(node)) {
      const pair = node.items.findLast((item) => keyText(item.key) === String(segment));
      if (pair === undefined) return null;
      node = part === 'key' && depth === path.length - 1 ? pair.key : pair.value;
    } else if (isSeq(node) && typeof segment === 'number') {
      node = node.items[segment];
    } else {
      return null;
    }
  }
  return isScalar(node) || isMap(node) || isSeq(node) || isAlias(node) ? node : null;
}

function keyText(key: unknown): string {
  return isScalar(key) ? String(key.value) : String(key);
}
