import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { type Document, LineCounter, parseDocument } from 'yaml';
import type { z } from 'zod';
import { type ParsedWorld, type WorldInput, worldSchema } from './world-schema.js';

const WORLD_BRAND = Symbol.for('sheriff.github-double.world');

/** A validated world, ready for `createGitHubDouble`: defaults applied and every `dir:` already read. */
export interface World {
  readonly [WORLD_BRAND]: true;
  /** The file it came from, when it came from one. */
  readonly source: string | undefined;
  readonly definition: ParsedWorld;
  /** Default-branch files per repository (`owner/name` as written), `dir:` and `files:` merged. */
  readonly files: ReadonlyMap<string, ReadonlyMap<string, Uint8Array>>;
}

/** One problem in a world file, located by key path (and line, for YAML/JSON files). */
export interface WorldProblem {
  /** Formatted key path, e.g. `repos["acme/widgets"].issues[0].number`. */
  path: string;
  message: string;
  line?: number;
  /** The same path as keys, to locate it in the source text. */
  keys: PropertyKey[];
}

export type WorldResult = { ok: true; world: World } | { ok: false; problems: WorldProblem[] };

/** Thrown by `loadWorld` and `createGitHubDouble` when a world is invalid; one line per problem. */
export class WorldValidationError extends Error {
  constructor(
    readonly source: string,
    readonly problems: WorldProblem[],
  ) {
    super(problems.map((problem) => formatProblem(source, problem)).join('\n'));
    this.name = 'WorldValidationError';
  }
}

function formatProblem(source: string, problem: WorldProblem): string {
  const where = problem.line === undefined ? source : `${source}:${problem.line}`;
  return `${where}: ${problem.path || '(root)'}: ${problem.message}`;
}

/** `repos["acme/widgets"].issues[0].number` style, the way people find keys in a file. */
export function formatKeyPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else if (/^[A-Za-z_$][\w$-]*$/.test(String(key))) out += out ? `.${String(key)}` : String(key);
    else out += `[${JSON.stringify(String(key))}]`;
  }
  return out;
}

/** Skipped when reading a `dir:` tree: they are never part of a repository's contents. */
const SKIPPED_DIRECTORIES = new Set(['.git', 'node_modules']);

function readTree(root: string): Map<string, Uint8Array> {
  const files = new Map<string, Uint8Array>();
  const walk = (dir: string, prefix: string): void => {
    const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name));
    for (const entry of entries) {
      const path = prefix ? `${prefix}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        if (!SKIPPED_DIRECTORIES.has(entry.name)) walk(join(dir, entry.name), path);
      } else if (entry.isFile()) {
        files.set(path, readFileSync(join(dir, entry.name)));
      }
    }
  };
  walk(root, '');
  return files;
}

function zodProblems(error: z.ZodError): WorldProblem[] {
  return error.issues.flatMap((issue) => {
    // Point at each unknown key itself, not at the object holding it.
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => {
        const keys = [...issue.path, key];
        return { path: formatKeyPath(keys), message: 'unknown key', keys };
      });
    }
    return [{ path: formatKeyPath(issue.path), message: issue.message, keys: issue.path }];
  });
}

/**
 * Validates a world (already parsed from YAML or JSON, or written inline in a test) and reads the
 * `dir:` trees, relative to `baseDir`.
 *
 * @example
 * const result = parseWorld({ repos: { 'acme/widgets': { labels: ['lgtm'] } } });
 * if (result.ok) createGitHubDouble(result.world);
 */
export function parseWorld(input: unknown, options: { baseDir?: string; source?: string } = {}): WorldResult {
  const parsed = worldSchema.safeParse(input);
  if (!parsed.success) return { ok: false, problems: zodProblems(parsed.error) };
  const definition = parsed.data;
  const problems: WorldProblem[] = [];
  const files = new Map<string, Map<string, Uint8Array>>();
  for (const [fullName, repo] of Object.entries(definition.repos)) {
    const tree = new Map<string, Uint8Array>();
    if (repo.dir !== undefined) {
      const dir = resolve(options.baseDir ?? process.cwd(), repo.dir);
      try {
        for (const [path, content] of readTree(dir)) tree.set(path, content);
      } catch (error) {
        const keys = ['repos', fullName, 'dir'];
        problems.push({
          path: formatKeyPath(keys),
          message: `cannot read ${dir}: ${(error as Error).message}`,
          keys,
        });
      }
    }
    for (const [path, content] of Object.entries(repo.files))
      tree.set(path.replace(/^\/+/, ''), Buffer.from(content));
    files.set(fullName, tree);
  }
  problems.push(...crossReferenceProblems(definition));
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, world: { [WORLD_BRAND]: true, source: options.source, definition, files } };
}

/** What zod cannot see: duplicates and references between sections. */
function crossReferenceProblems(world: ParsedWorld): WorldProblem[] {
  const problems: WorldProblem[] = [];
  const at = (keys: PropertyKey[], message: string) =>
    problems.push({ path: formatKeyPath(keys), message, keys });
  const repoNames = new Set(Object.keys(world.repos).map((name) => name.toLowerCase()));
  for (const [fullName, repo] of Object.entries(world.repos)) {
    const numbers = new Set<number>();
    repo.issues.forEach((issue, index) => {
      if (numbers.has(issue.number))
        at(['repos', fullName, 'issues', index, 'number'], `duplicate number ${issue.number}`);
      numbers.add(issue.number);
    });
    const runIds = new Set<number>();
    repo.workflowRuns.forEach((run, index) => {
      if (runIds.has(run.id)) at(['repos', fullName, 'workflowRuns', index, 'id'], `duplicate id ${run.id}`);
      runIds.add(run.id);
    });
  }
  world.installations?.forEach((installation, index) => {
    installation.repositories?.forEach((name, position) => {
      if (!repoNames.has(name.toLowerCase())) {
        at(['installations', index, 'repositories', position], `no repository ${name} in repos`);
      }
    });
  });
  return problems;
}

function isWorld(value: unknown): value is World {
  return typeof value === 'object' && value !== null && WORLD_BRAND in value;
}

/** Accepts a loaded `World` as it is, or validates an inline definition; throws when it is invalid. */
export function toWorld(world: World | WorldInput, baseDir?: string): World {
  if (isWorld(world)) return world;
  const result = parseWorld(world, { baseDir, source: '(inline world)' });
  if (!result.ok) throw new WorldValidationError('(inline world)', result.problems);
  return result.world;
}

/** The line of a key path in a YAML/JSON document, or of its nearest existing parent. */
function lineOf(
  document: Document,
  lineCounter: LineCounter,
  keys: readonly PropertyKey[],
): number | undefined {
  for (let length = keys.length; length >= 0; length--) {
    const node = document.getIn(keys.slice(0, length), true) as
      { range?: [number, number, number] } | undefined;
    if (node?.range) return lineCounter.linePos(node.range[0]).line;
  }
  return undefined;
}

/**
 * Reads and validates a world file (YAML or JSON: JSON is YAML). Throws `WorldValidationError` with one
 * `file:line: key.path: message` line per problem.
 *
 * @example
 * const world = loadWorld('test/fixtures/worlds/retest.yaml');
 * const double = createGitHubDouble(world);
 */
export function loadWorld(file: string): World {
  const text = readFileSync(file, 'utf8');
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter });
  if (document.errors.length > 0) {
    throw new WorldValidationError(
      file,
      document.errors.map((error) => ({
        path: '',
        message: error.message.split('\n')[0] ?? error.message,
        line: error.linePos?.[0].line,
        keys: [],
      })),
    );
  }
  const result = parseWorld(document.toJS() ?? {}, { baseDir: dirname(resolve(file)), source: file });
  if (result.ok) return result.world;
  const located = result.problems.map((problem) => ({
    ...problem,
    line: lineOf(document, lineCounter, problem.keys),
  }));
  throw new WorldValidationError(file, located);
}
