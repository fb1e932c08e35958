import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import type { ConfigSchema, SheriffConfig } from './sheriff-config-schema.js';

export interface ConfigProblem {
  /** Dotted key path, e.g. `plugins.hold.enabled`; empty for the whole file. */
  path: string;
  /** 1-based line in the file, where known. */
  line?: number;
  message: string;
}

export type ConfigResult = { ok: true; config: SheriffConfig } | { ok: false; problems: ConfigProblem[] };

/**
 * Validates already-parsed config data. Own properties only: a `__proto__` key is data to reject,
 * never a prototype (zod's strict objects report it as an unknown key).
 */
export function validateConfigData(schema: ConfigSchema, data: unknown): ConfigResult {
  const parsed = schema.safeParse(ownData(data ?? {}));
  if (parsed.success) return { ok: true, config: parsed.data };
  return {
    ok: false,
    problems: parsed.error.issues.map((issue) => {
      const keys = 'keys' in issue && Array.isArray(issue.keys) ? issue.keys : [];
      const path = [...issue.path.map(String), ...(keys.length === 1 ? keys : [])].join('.');
      return { path, message: issue.message };
    }),
  };
}

/**
 * Parses and validates the text of a config file, naming the key path and line of each problem.
 * YAML aliases are capped (a "billion laughs" file is refused, not expanded).
 */
export function validateConfigText(schema: ConfigSchema, text: string): ConfigResult {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false });
  if (document.errors.length > 0) {
    return {
      ok: false,
      problems: document.errors.map((error) => ({
        path: '',
        line: lineCounter.linePos(error.pos[0]).line,
        message: error.message.split('\n')[0]!,
      })),
    };
  }
  let data: unknown;
  try {
    data = document.toJS({ maxAliasCount: 100 });
  } catch (error) {
    return { ok: false, problems: [{ path: '', message: (error as Error).message }] };
  }
  const result = validateConfigData(schema, data);
  if (result.ok) return result;
  return {
    ok: false,
    problems: result.problems.map((problem) => {
      const line = lineOf(document.contents, problem.path ? problem.path.split('.') : [], lineCounter);
      return line === undefined ? problem : { ...problem, line };
    }),
  };
}

/** The line of the deepest node along `path` that exists in the document. */
function lineOf(
  node: Node | null | undefined,
  path: readonly string[],
  lines: LineCounter,
): number | undefined {
  let current: unknown = node;
  let line: number | undefined = (node as Node | null)?.range
    ? lines.linePos((node as Node).range![0]).line
    : undefined;
  for (const key of path) {
    if (isMap(current)) {
      const pair = current.items.find((item) => isScalar(item.key) && String(item.key.value) === key);
      if (!pair) break;
      const keyNode = pair.key as Node;
      if (keyNode.range) line = lines.linePos(keyNode.range[0]).line;
      current = pair.value;
    } else if (isSeq(current)) {
      const item = current.items[Number(key)] as Node | undefined;
      if (!item) break;
      if (item.range) line = lines.linePos(item.range[0]).line;
      current = item;
    } else {
      break;
    }
  }
  return line;
}

/**
 * A deep copy holding only own enumerable properties, as plain data: an inherited key is not
 * config, and a `__proto__` key stays an ordinary key (so the strict schema can reject it).
 */
export function ownData(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(ownData);
  if (typeof value !== 'object' || value === null) return value;
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    Object.defineProperty(copy, key, {
      value: ownData((value as Record<string, unknown>)[key]),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return copy;
}
