import type { GitHubClient } from '../github/github-app.js';
import type { LruMap } from './lru-map.js';
import { type GitTreeEntry, type OwnersFilenames, selectOwnersBlobs } from './select-owners-blobs.js';

export interface OwnersTreeRequest {
  owner: string;
  repo: string;
  /** A branch name or a tree/commit SHA: GitHub's trees API takes either. */
  ref: string;
  /** The ETag of the last listing of this ref, for a conditional request. */
  etag: string | undefined;
}

export interface OwnersTreeOptions {
  filenames: OwnersFilenames;
  /** Listings of subtrees by SHA, for the walk a truncated listing needs (a SHA never changes meaning). */
  subtrees: LruMap<string, readonly GitTreeEntry[]>;
  /** The walk stops after this many tree requests; the OWNERS files found so far are used. */
  maxTreeRequests: number;
}

export type OwnersTreeResult =
  /** The listing has not changed since `etag`: GitHub answered 304, which costs no rate limit. */
  | { readonly kind: 'not-modified' }
  /** No such branch, or an empty repository: there are no OWNERS files. */
  | { readonly kind: 'missing' }
  | {
      readonly kind: 'listed';
      readonly treeSha: string;
      readonly etag: string | undefined;
      /** OWNERS and the root OWNERS_ALIASES: path → blob SHA. */
      readonly blobs: Map<string, string>;
      /** Tree requests made (1 unless GitHub truncated the recursive listing). */
      readonly treeRequests: number;
      /** Set when the truncated-listing walk hit `maxTreeRequests`. */
      readonly incomplete?: string;
    };

/**
 * Lists the OWNERS blobs of a ref with one request: the recursive git tree, conditional on the last
 * ETag. GitHub truncates a recursive listing past 100,000 entries or 7 MB; then the tree is walked
 * one directory at a time instead, reusing listings of subtrees already seen (by SHA).
 *
 * @example
 * const listed = await fetchOwnersTree(github, { owner: 'acme', repo: 'widgets', ref: 'main', etag: undefined }, options);
 * if (listed.kind === 'listed') listed.blobs; // Map { 'OWNERS' => '3f2c…', 'docs/OWNERS' => '9ab1…' }
 */
export async function fetchOwnersTree(
  github: GitHubClient,
  request: OwnersTreeRequest,
  options: OwnersTreeOptions,
): Promise<OwnersTreeResult> {
  let response;
  try {
    response = await github.rest.git.getTree({
      owner: request.owner,
      repo: request.repo,
      tree_sha: request.ref,
      recursive: '1',
      ...(request.etag ? { headers: { 'if-none-match': request.etag } } : {}),
    });
  } catch (error) {
    const status = (error as { status?: number }).status;
    if (status === 304) return { kind: 'not-modified' };
    // 404: no such branch; 409: "Git Repository is empty".
    if (status === 404 || status === 409) return { kind: 'missing' };
    throw error;
  }
  const { data, headers } = response;
  const etag = typeof headers.etag === 'string' ? headers.etag : undefined;
  if (!data.truncated) {
    return {
      kind: 'listed',
      treeSha: data.sha,
      etag,
      blobs: selectOwnersBlobs(data.tree, options.filenames),
      treeRequests: 1,
    };
  }
  const walked = await walkTree(github, request, data.sha, options);
  return { kind: 'listed', treeSha: data.sha, etag, ...walked, treeRequests: walked.treeRequests + 1 };
}

/** Breadth-first over the directories, one non-recursive listing each (cached by tree SHA). */
async function walkTree(
  github: GitHubClient,
  request: OwnersTreeRequest,
  rootSha: string,
  options: OwnersTreeOptions,
): Promise<{ blobs: Map<string, string>; treeRequests: number; incomplete?: string }> {
  const found: GitTreeEntry[] = [];
  const queue: Array<{ sha: string; prefix: string }> = [{ sha: rootSha, prefix: '' }];
  let treeRequests = 0;
  for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
    let entries = options.subtrees.get(next.sha);
    if (entries === undefined) {
      if (treeRequests >= options.maxTreeRequests) {
        const incomplete = `the tree of ${request.owner}/${request.repo}@${request.ref} is too large: stopped after ${treeRequests} directory listings`;
        return { blobs: selectOwnersBlobs(found, options.filenames), treeRequests, incomplete };
      }
      treeRequests += 1;
      const { data } = await github.rest.git.getTree({
        owner: request.owner,
        repo: request.repo,
        tree_sha: next.sha,
      });
      entries = data.tree;
      options.subtrees.set(next.sha, entries);
    }
    for (const entry of entries) {
      const path = `${next.prefix}${entry.path ?? ''}`;
      if (entry.type === 'tree' && entry.sha) queue.push({ sha: entry.sha, prefix: `${path}/` });
      else found.push({ ...entry, path });
    }
  }
  return { blobs: selectOwnersBlobs(found, options.filenames), treeRequests };
}
