import type { GitHubClient } from '../github/github-app.js';
import { fetchOwnersTree } from './fetch-owners-tree.js';
import { LruMap } from './lru-map.js';
import { OwnersIndex } from './owners-index.js';
import {
  DEFAULT_OWNERS_FILENAMES,
  type GitTreeEntry,
  type OwnersFilenames,
  sameOwnersBlobs,
} from './select-owners-blobs.js';

export interface OwnersTarget {
  owner: string;
  repo: string;
  /** The branch to read (a PR's base). Absent: the default branch, looked up once and cached. */
  branch?: string;
}

/**
 * How a load was answered, cheapest first: `cached` (no request), `not-modified` (one conditional
 * tree request answered 304), `unchanged` (the tree changed but no OWNERS file did: one tree
 * request), `loaded` (one tree request plus a blob request per new OWNERS file).
 */
export type OwnersLoadOutcome = 'cached' | 'not-modified' | 'unchanged' | 'loaded';

/** The OWNERS files of one branch head, and what loading them cost. */
export interface OwnersSnapshot {
  /** `owner/repo` as asked. */
  readonly repository: string;
  readonly branch: string;
  /** The root tree SHA; `null` for an empty repository or a missing branch (no OWNERS at all). */
  readonly treeSha: string | null;
  /** Path → blob SHA of every file in the index. */
  readonly blobs: ReadonlyMap<string, string>;
  readonly index: OwnersIndex;
  readonly outcome: OwnersLoadOutcome;
  /** Blob requests this load made. */
  readonly blobsFetched: number;
  /** Set when a truncated tree could not be walked whole: some OWNERS files may be missing. */
  readonly incomplete?: string;
}

export interface OwnersLoaderOptions {
  /** How long a loaded tree is trusted without asking GitHub again. Default 5 minutes. */
  maxAgeMs?: number;
  /** How long a looked-up default branch is trusted (a push also refreshes it). Default 1 hour. */
  defaultBranchMaxAgeMs?: number;
  filenames?: OwnersFilenames;
  /** OWNERS contents kept, by blob SHA, across repositories. Default 20,000. */
  maxCachedBlobs?: number;
  /** Branches whose index is kept (the least recently used is dropped). Default 1,000. */
  maxCachedBranches?: number;
  /** Blob requests in flight at once. Default 8. */
  blobConcurrency?: number;
  /** Directory listings allowed when GitHub truncates the recursive tree. Default 2,000. */
  maxTreeRequests?: number;
  /** The clock (tests). */
  now?: () => number;
}

interface CachedTree {
  etag: string | undefined;
  treeSha: string | null;
  blobs: ReadonlyMap<string, string>;
  index: OwnersIndex;
  incomplete: string | undefined;
  checkedAt: number;
  stale: boolean;
}

/**
 * Loads the OWNERS files of a repository from GitHub at the least API cost, and keeps them:
 *
 * - one request lists the whole tree (the recursive git trees API), conditional on its last ETag;
 * - only `OWNERS` and the root `OWNERS_ALIASES` blobs are fetched, each once per blob SHA (a blob
 *   SHA names its content, so a cached blob is never stale);
 * - an unchanged set of OWNERS blobs reuses the built index;
 * - within `maxAgeMs` nothing is asked at all, unless a push marked the branch stale.
 *
 * One loader serves every repository and plugin of a Sheriff process. Concurrent loads of the
 * same branch share one set of requests.
 *
 * @example
 * const loader = new GitHubOwnersLoader();
 * const snapshot = await loader.load(github, { owner: 'acme', repo: 'widgets' });
 * snapshot.index.resolve('docs/guide.md').approvers; // ['alice', 'carol']
 * loader.invalidateOnPush(pushPayload); // the next load asks GitHub again
 */
export class GitHubOwnersLoader {
  private readonly maxAgeMs: number;
  private readonly defaultBranchMaxAgeMs: number;
  private readonly filenames: OwnersFilenames;
  private readonly blobConcurrency: number;
  private readonly maxTreeRequests: number;
  private readonly now: () => number;
  private readonly trees: LruMap<string, CachedTree>;
  private readonly loading = new Map<string, Promise<OwnersSnapshot>>();
  private readonly defaultBranches = new Map<string, { branch: string; until: number }>();
  private readonly blobs: LruMap<string, string>;
  private readonly subtrees = new LruMap<string, readonly GitTreeEntry[]>(10_000);

  constructor(options: OwnersLoaderOptions = {}) {
    this.maxAgeMs = options.maxAgeMs ?? 5 * 60_000;
    this.defaultBranchMaxAgeMs = options.defaultBranchMaxAgeMs ?? 60 * 60_000;
    this.filenames = options.filenames ?? DEFAULT_OWNERS_FILENAMES;
    this.blobConcurrency = options.blobConcurrency ?? 8;
    this.maxTreeRequests = options.maxTreeRequests ?? 2_000;
    this.now = options.now ?? Date.now;
    this.blobs = new LruMap(options.maxCachedBlobs ?? 20_000);
    this.trees = new LruMap(options.maxCachedBranches ?? 1_000);
  }

  /**
   * The OWNERS index of a branch head (the default branch unless `branch` is given). Throws on
   * GitHub errors other than "no such branch" or "empty repository", which give an empty index.
   */
  async load(github: GitHubClient, target: OwnersTarget): Promise<OwnersSnapshot> {
    const branch = target.branch ?? (await this.defaultBranch(github, target.owner, target.repo));
    const key = treeKey(target.owner, target.repo, branch);
    const running = this.loading.get(key);
    if (running) return running;
    const loading = this.refresh(github, target, branch, key).finally(() => this.loading.delete(key));
    this.loading.set(key, loading);
    return loading;
  }

  /** Makes the next load of the branch (every branch when absent) ask GitHub. Cached blobs stay. */
  invalidate(owner: string, repo: string, branch?: string): void {
    const prefix = treeKey(owner, repo, '');
    for (const [key, cached] of this.trees) {
      if (branch === undefined ? key.startsWith(prefix) : key === prefix + branch) cached.stale = true;
    }
  }

  /**
   * Handles a `push` payload: the pushed branch is marked stale, and the repository's default
   * branch is remembered from it (pushes carry it, so no lookup is needed later).
   */
  invalidateOnPush(payload: unknown): void {
    const push = payload as {
      ref?: unknown;
      repository?: { name?: unknown; owner?: { login?: unknown; name?: unknown }; default_branch?: unknown };
    } | null;
    const owner = push?.repository?.owner?.login ?? push?.repository?.owner?.name;
    const repo = push?.repository?.name;
    if (typeof owner !== 'string' || typeof repo !== 'string') return;
    const defaultBranch = push?.repository?.default_branch;
    if (typeof defaultBranch === 'string' && defaultBranch !== '') {
      this.defaultBranches.set(repoKey(owner, repo), {
        branch: defaultBranch,
        until: this.now() + this.defaultBranchMaxAgeMs,
      });
    }
    const ref = push?.ref;
    if (typeof ref === 'string' && ref.startsWith('refs/heads/')) {
      this.invalidate(owner, repo, ref.slice('refs/heads/'.length));
    }
  }

  private async defaultBranch(github: GitHubClient, owner: string, repo: string): Promise<string> {
    const key = repoKey(owner, repo);
    const known = this.defaultBranches.get(key);
    if (known && known.until > this.now()) return known.branch;
    const { data } = await github.rest.repos.get({ owner, repo });
    this.defaultBranches.set(key, {
      branch: data.default_branch,
      until: this.now() + this.defaultBranchMaxAgeMs,
    });
    return data.default_branch;
  }

  private async refresh(
    github: GitHubClient,
    target: OwnersTarget,
    branch: string,
    key: string,
  ): Promise<OwnersSnapshot> {
    const repository = `${target.owner}/${target.repo}`;
    const snapshot = (
      tree: CachedTree,
      outcome: OwnersLoadOutcome,
      blobsFetched: number,
    ): OwnersSnapshot => ({
      repository,
      branch,
      treeSha: tree.treeSha,
      blobs: tree.blobs,
      index: tree.index,
      outcome,
      blobsFetched,
      ...(tree.incomplete === undefined ? {} : { incomplete: tree.incomplete }),
    });
    const cached = this.trees.get(key);
    const now = this.now();
    if (cached && !cached.stale && now - cached.checkedAt < this.maxAgeMs)
      return snapshot(cached, 'cached', 0);

    const listed = await fetchOwnersTree(
      github,
      { owner: target.owner, repo: target.repo, ref: branch, etag: cached?.etag },
      { filenames: this.filenames, subtrees: this.subtrees, maxTreeRequests: this.maxTreeRequests },
    );
    if (listed.kind === 'not-modified' && cached) {
      cached.checkedAt = now;
      cached.stale = false;
      return snapshot(cached, 'not-modified', 0);
    }
    if (listed.kind !== 'listed') {
      const empty: CachedTree = {
        etag: undefined,
        treeSha: null,
        blobs: new Map(),
        index: OwnersIndex.fromFiles({}, { filenames: this.filenames }),
        incomplete: undefined,
        checkedAt: now,
        stale: false,
      };
      this.trees.set(key, empty);
      return snapshot(empty, 'loaded', 0);
    }

    const base = { etag: listed.etag, treeSha: listed.treeSha, checkedAt: now, stale: false };
    if (cached && !listed.incomplete && sameOwnersBlobs(cached.blobs, listed.blobs)) {
      const tree: CachedTree = { ...cached, ...base };
      this.trees.set(key, tree);
      return snapshot(tree, 'unchanged', 0);
    }
    const { contents, fetched } = await this.readBlobs(github, target, listed.blobs);
    const tree: CachedTree = {
      ...base,
      blobs: listed.blobs,
      index: OwnersIndex.fromFiles(contents, { filenames: this.filenames }),
      incomplete: listed.incomplete,
    };
    this.trees.set(key, tree);
    return snapshot(tree, 'loaded', fetched);
  }

  /** Contents by path, fetching only blobs not already cached, a few at a time. */
  private async readBlobs(
    github: GitHubClient,
    target: OwnersTarget,
    blobs: ReadonlyMap<string, string>,
  ): Promise<{ contents: Map<string, string>; fetched: number }> {
    // Copied out first: a cache smaller than one repository's OWNERS set must not lose blobs mid-load.
    const bySha = new Map<string, string>();
    const missing: string[] = [];
    for (const sha of new Set(blobs.values())) {
      const text = this.blobs.get(sha);
      if (text === undefined) missing.push(sha);
      else bySha.set(sha, text);
    }
    let next = 0;
    const worker = async () => {
      while (next < missing.length) {
        const sha = missing[next++]!;
        const { data } = await github.rest.git.getBlob({
          owner: target.owner,
          repo: target.repo,
          file_sha: sha,
        });
        const text = Buffer.from(data.content, data.encoding === 'base64' ? 'base64' : 'utf8').toString(
          'utf8',
        );
        bySha.set(sha, text);
        this.blobs.set(sha, text);
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.blobConcurrency, missing.length) }, worker));
    const contents = new Map<string, string>();
    for (const [path, sha] of blobs) contents.set(path, bySha.get(sha)!);
    return { contents, fetched: missing.length };
  }
}

function repoKey(owner: string, repo: string): string {
  return `${owner}/${repo}`.toLowerCase();
}

/** Owner and name are case-insensitive on GitHub; branch names are not. */
function treeKey(owner: string, repo: string, branch: string): string {
  return `${repoKey(owner, repo)}@${branch}`;
}
