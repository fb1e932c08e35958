import type { RepoRecord } from '../double-state.js';
import { apiError, notFound } from '../github-error.js';
import { legacyNodeId } from '../identity.js';
import { renderUser } from '../render/user.js';
import { isoTime } from '../render/timestamps.js';
import { requireRepo } from './lookups.js';
import { resolveRef } from './git-refs.js';
import type { RouteContext, RouteTable } from './route-types.js';

const AUTHOR = { name: 'GitHub Double', email: 'double@example.invalid' };
const UNSIGNED = { verified: false, reason: 'unsigned', signature: null, payload: null, verified_at: null };

function gitCommit(context: RouteContext, repo: RepoRecord) {
  const api = `${context.links.api}/repos/${repo.fullName}`;
  const person = { ...AUTHOR, date: isoTime(repo.createdAt) };
  return {
    sha: repo.headCommit,
    node_id: legacyNodeId('Commit', repo.headCommit),
    url: `${api}/git/commits/${repo.headCommit}`,
    html_url: `${context.links.web}/${repo.fullName}/commit/${repo.headCommit}`,
    author: person,
    committer: person,
    tree: { sha: repo.git.rootTree, url: `${api}/git/trees/${repo.git.rootTree}` },
    message: 'Initial commit',
    parents: [],
    verification: UNSIGNED,
  };
}

function requireTree(context: RouteContext, repo: RepoRecord): string {
  const wanted = String(context.params.tree_sha);
  if (repo.git.trees.has(wanted)) return wanted;
  // GitHub also takes a commit SHA or a branch name here.
  if (resolveRef(repo, wanted)?.kind === 'default-branch') return repo.git.rootTree;
  throw notFound(context.docs);
}

/** The git data API over the default branch: one commit, its trees and blobs. */
export const gitRoutes: RouteTable = {
  'repos/get-branch': (context) => {
    const repo = requireRepo(context);
    const branch = String(context.params.branch);
    if (branch !== repo.defaultBranch) throw apiError(404, 'Branch not found', context.docs);
    const api = `${context.links.api}/repos/${repo.fullName}`;
    const commit = gitCommit(context, repo);
    const owner = renderUser(context.state, repo.owner, context.links);
    return {
      status: 200,
      body: {
        name: branch,
        commit: {
          sha: repo.headCommit,
          node_id: commit.node_id,
          commit: {
            author: commit.author,
            committer: commit.committer,
            message: commit.message,
            tree: commit.tree,
            url: commit.url,
            comment_count: 0,
            verification: UNSIGNED,
          },
          url: `${api}/commits/${repo.headCommit}`,
          html_url: commit.html_url,
          comments_url: `${api}/commits/${repo.headCommit}/comments`,
          author: owner,
          committer: owner,
          parents: [],
        },
        _links: {
          self: `${api}/branches/${branch}`,
          html: `${context.links.web}/${repo.fullName}/tree/${branch}`,
        },
        protected: false,
        protection: {
          enabled: false,
          required_status_checks: { enforcement_level: 'off', contexts: [], checks: [] },
        },
        protection_url: `${api}/branches/${branch}/protection`,
      },
    };
  },

  'git/get-ref': (context) => {
    const repo = requireRepo(context);
    const ref = String(context.params.ref);
    const resolved = ref.startsWith('heads/') ? resolveRef(repo, ref) : undefined;
    if (!resolved) throw notFound(context.docs);
    const api = `${context.links.api}/repos/${repo.fullName}`;
    return {
      status: 200,
      body: {
        ref: `refs/${ref}`,
        node_id: legacyNodeId('Ref', `${repo.fullName}:${ref}`),
        url: `${api}/git/refs/${ref}`,
        object: { type: 'commit', sha: resolved.sha, url: `${api}/git/commits/${resolved.sha}` },
      },
    };
  },

  'git/get-commit': (context) => {
    const repo = requireRepo(context);
    if (context.params.commit_sha !== repo.headCommit) throw notFound(context.docs);
    return { status: 200, body: gitCommit(context, repo) };
  },

  'git/get-tree': (context) => {
    const repo = requireRepo(context);
    const root = requireTree(context, repo);
    const api = `${context.links.api}/repos/${repo.fullName}/git`;
    const recursive = context.query.recursive !== undefined;
    const tree: unknown[] = [];
    const walk = (sha: string, prefix: string): void => {
      for (const entry of repo.git.trees.get(sha)!.entries) {
        const path = prefix + entry.name;
        const kind = entry.type === 'tree' ? 'trees' : 'blobs';
        tree.push({
          path,
          mode: entry.mode,
          type: entry.type,
          sha: entry.sha,
          ...(entry.size === undefined ? {} : { size: entry.size }),
          url: `${api}/${kind}/${entry.sha}`,
        });
        if (recursive && entry.type === 'tree') walk(entry.sha, `${path}/`);
      }
    };
    walk(root, '');
    return { status: 200, body: { sha: root, url: `${api}/trees/${root}`, tree, truncated: false } };
  },

  'git/get-blob': (context) => {
    const repo = requireRepo(context);
    const sha = String(context.params.file_sha);
    const content = repo.git.blobs.get(sha);
    if (!content) throw notFound(context.docs);
    return {
      status: 200,
      body: {
        sha,
        node_id: legacyNodeId('Blob', sha),
        size: content.length,
        url: `${context.links.api}/repos/${repo.fullName}/git/blobs/${sha}`,
        content: Buffer.from(content).toString('base64'),
        encoding: 'base64',
      },
    };
  },
};
