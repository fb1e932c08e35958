import { createHash } from 'node:crypto';

/**
 * Git object ids computed exactly as git computes them, so a tree or blob SHA from the double matches
 * what `git hash-object` / `git write-tree` would print for the same files.
 */

function hashObject(type: 'blob' | 'tree' | 'commit', content: Uint8Array): string {
  return createHash('sha1').update(`${type} ${content.length}\0`).update(content).digest('hex');
}

/**
 * The SHA of a blob: sha1 of `blob <length>\0<content>`.
 *
 * @example
 * blobSha(Buffer.from('')); // 'e69de29bb2d1d6434b8b29ae775ad8c2e48c5391'
 */
export function blobSha(content: Uint8Array): string {
  return hashObject('blob', content);
}

export interface TreeEntry {
  /** Name within its directory. */
  name: string;
  /** Full path from the repository root. */
  path: string;
  type: 'blob' | 'tree';
  /** `100644` for files, `040000` for directories (as the REST API prints it). */
  mode: '100644' | '040000';
  sha: string;
  size?: number;
}

export interface GitTree {
  sha: string;
  entries: TreeEntry[];
}

/** Every tree and blob of a snapshot of files, keyed by SHA, plus the root tree. */
export interface GitSnapshot {
  rootTree: string;
  trees: Map<string, GitTree>;
  blobs: Map<string, Uint8Array>;
  /** Path of every directory -> its tree SHA (`''` is the root). */
  treeByPath: Map<string, string>;
}

interface DirectoryNode {
  files: Map<string, Uint8Array>;
  dirs: Map<string, DirectoryNode>;
}

/** Git orders tree entries by name, comparing a directory as if its name ended in `/`. */
function gitEntryOrder(a: { name: string; type: string }, b: { name: string; type: string }): number {
  const key = (entry: { name: string; type: string }) =>
    entry.type === 'tree' ? `${entry.name}/` : entry.name;
  const left = Buffer.from(key(a));
  const right = Buffer.from(key(b));
  return Buffer.compare(left, right);
}

/**
 * Builds the git trees for a set of files (path -> content).
 *
 * @example
 * const snapshot = buildGitSnapshot(new Map([['OWNERS', Buffer.from('approvers: [alice]\n')]]));
 * snapshot.trees.get(snapshot.rootTree)?.entries[0]?.path; // 'OWNERS'
 */
export function buildGitSnapshot(files: ReadonlyMap<string, Uint8Array>): GitSnapshot {
  const root: DirectoryNode = { files: new Map(), dirs: new Map() };
  for (const [path, content] of files) {
    const parts = path.split('/').filter(Boolean);
    let node = root;
    for (const part of parts.slice(0, -1)) {
      let child = node.dirs.get(part);
      if (!child) {
        child = { files: new Map(), dirs: new Map() };
        node.dirs.set(part, child);
      }
      node = child;
    }
    node.files.set(parts[parts.length - 1]!, content);
  }
  const snapshot: GitSnapshot = { rootTree: '', trees: new Map(), blobs: new Map(), treeByPath: new Map() };
  const writeTree = (node: DirectoryNode, prefix: string): string => {
    const entries: TreeEntry[] = [];
    for (const [name, content] of node.files) {
      const sha = blobSha(content);
      snapshot.blobs.set(sha, content);
      entries.push({ name, path: prefix + name, type: 'blob', mode: '100644', sha, size: content.length });
    }
    for (const [name, child] of node.dirs) {
      const sha = writeTree(child, `${prefix}${name}/`);
      entries.push({ name, path: prefix + name, type: 'tree', mode: '040000', sha });
    }
    entries.sort(gitEntryOrder);
    // Inside the tree object git writes directory modes without the leading zero.
    const body = Buffer.concat(
      entries.flatMap((entry) => [
        Buffer.from(`${entry.type === 'tree' ? '40000' : '100644'} ${entry.name}\0`),
        Buffer.from(entry.sha, 'hex'),
      ]),
    );
    const sha = hashObject('tree', body);
    snapshot.trees.set(sha, { sha, entries });
    snapshot.treeByPath.set(prefix.replace(/\/$/, ''), sha);
    return sha;
  };
  snapshot.rootTree = writeTree(root, '');
  return snapshot;
}

/**
 * The SHA of a root commit of `tree` with a fixed author, as `git commit-tree` would write it.
 *
 * @example
 * commitSha(snapshot.rootTree, 'Initial commit', new Date('2025-01-01T00:00:00Z'));
 */
export function commitSha(tree: string, message: string, at: Date, parents: readonly string[] = []): string {
  const seconds = Math.floor(at.getTime() / 1000);
  const signature = `GitHub Double <double@example.invalid> ${seconds} +0000`;
  const text = [
    `tree ${tree}`,
    ...parents.map((parent) => `parent ${parent}`),
    `author ${signature}`,
    `committer ${signature}`,
    '',
    `${message}\n`,
  ].join('\n');
  return hashObject('commit', Buffer.from(text));
}
