import type { Dirent } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { type OwnersIndexOptions, OwnersIndex } from './owners-index.js';
import { type OwnersProblem, ownersProblem } from './owners-problem.js';

export type ReadOwnersDirResult =
  | {
      readonly ok: true;
      readonly index: OwnersIndex;
      /** Files that could not be read, then `index.problems`. */
      readonly problems: readonly OwnersProblem[];
    }
  | { readonly ok: false; readonly error: string };

/** Directories never searched: they hold no project OWNERS, and node_modules can be huge. */
const SKIPPED_DIRECTORIES = new Set(['.git', 'node_modules']);

/**
 * Reads a checkout from disk into an {@link OwnersIndex}: every `OWNERS` file below `dir` and the
 * `OWNERS_ALIASES` at its root. Like Prow's `filepath.Walk`, symbolic links are not followed and a
 * symlinked OWNERS file is not read. `.git` and `node_modules` are skipped. Resolves to
 * `ok: false` only when `dir` itself cannot be read.
 *
 * @example
 * const read = await readOwnersDir('/work/shared/fixtures/world/owners-monorepo');
 * if (read.ok) read.index.resolve('services/s3/main.go').approvers; // ['cy-s3', 'dee-s3', ...]
 */
export async function readOwnersDir(dir: string, options?: OwnersIndexOptions): Promise<ReadOwnersDirResult> {
  try {
    if (!(await stat(dir)).isDirectory()) return { ok: false, error: `${dir} is not a directory` };
  } catch (error) {
    return { ok: false, error: `cannot read ${dir}: ${(error as Error).message}` };
  }
  const ownersName = options?.filenames?.owners ?? 'OWNERS';
  const aliasesName = options?.filenames?.ownersAliases ?? 'OWNERS_ALIASES';
  const files = new Map<string, string>();
  const problems: OwnersProblem[] = [];

  const readInto = async (relative: string) => {
    try {
      files.set(relative, await readFile(join(dir, relative), 'utf8'));
    } catch (error) {
      const detail = `cannot be read, skipped: ${(error as Error).message}`;
      problems.push(ownersProblem(relative, null, 'unreadable', detail));
    }
  };
  const walk = async (relativeDir: string): Promise<void> => {
    let entries: Dirent[];
    try {
      entries = await readdir(join(dir, relativeDir), { withFileTypes: true });
    } catch (error) {
      const detail = `directory cannot be read, skipped: ${(error as Error).message}`;
      problems.push(ownersProblem(relativeDir === '' ? '.' : relativeDir, null, 'unreadable', detail));
      return;
    }
    await Promise.all(
      entries.map((entry) => {
        const relative = relativeDir === '' ? entry.name : `${relativeDir}/${entry.name}`;
        if (entry.isDirectory()) return SKIPPED_DIRECTORIES.has(entry.name) ? undefined : walk(relative);
        if (!entry.isFile()) return undefined;
        if (entry.name === ownersName || relative === aliasesName) return readInto(relative);
        return undefined;
      }),
    );
  };
  await walk('');

  const index = OwnersIndex.fromFiles(
    new Map([...files].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))),
    options,
  );
  problems.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  return { ok: true, index, problems: [...problems, ...index.problems] };
}
