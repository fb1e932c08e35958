import { posix } from 'node:path';

/** One entry of GitHub's git tree listing (`GET /repos/{owner}/{repo}/git/trees/{sha}`). */
export interface GitTreeEntry {
  readonly path?: string;
  readonly mode?: string;
  readonly type?: string;
  readonly sha?: string;
}

export interface OwnersFilenames {
  readonly owners: string;
  readonly ownersAliases: string;
}

export const DEFAULT_OWNERS_FILENAMES: OwnersFilenames = {
  owners: 'OWNERS',
  ownersAliases: 'OWNERS_ALIASES',
};

/** Git's mode for a symbolic link: Prow's `filepath.Walk` does not read a symlinked OWNERS. */
const SYMLINK_MODE = '120000';

/**
 * The blobs Sheriff needs from a recursive tree listing: every `OWNERS` file and the root
 * `OWNERS_ALIASES`, as path → blob SHA, sorted by path. Symbolic links and submodules are skipped,
 * as Prow's walk of a checkout skips them.
 *
 * @example
 * selectOwnersBlobs([{ path: 'OWNERS', type: 'blob', mode: '100644', sha: 'a1' },
 *   { path: 'docs/README.md', type: 'blob', mode: '100644', sha: 'b2' }]);
 * // Map { 'OWNERS' => 'a1' }
 */
export function selectOwnersBlobs(
  entries: readonly GitTreeEntry[],
  filenames: OwnersFilenames = DEFAULT_OWNERS_FILENAMES,
): Map<string, string> {
  const selected: Array<[string, string]> = [];
  for (const entry of entries) {
    if (entry.type !== 'blob' || entry.mode === SYMLINK_MODE || !entry.path || !entry.sha) continue;
    if (posix.basename(entry.path) === filenames.owners || entry.path === filenames.ownersAliases) {
      selected.push([entry.path, entry.sha]);
    }
  }
  return new Map(selected.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/**
 * Whether two selections name the same files with the same contents: then the index built from
 * one serves the other, whatever else changed in the tree.
 */
export function sameOwnersBlobs(a: ReadonlyMap<string, string>, b: ReadonlyMap<string, string>): boolean {
  if (a.size !== b.size) return false;
  for (const [path, sha] of a) if (b.get(path) !== sha) return false;
  return true;
}
