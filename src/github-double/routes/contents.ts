import type { RepoRecord } from '../double-state.js';
import { apiError, notFound } from '../github-error.js';
import type { TreeEntry } from '../git-objects.js';
import { requireRepo } from './lookups.js';
import { resolveRef } from './git-refs.js';
import type { RouteContext, RouteTable } from './route-types.js';

/** GitHub wraps base64 content at 60 characters. */
function wrappedBase64(content: Uint8Array): string {
  return (
    Buffer.from(content)
      .toString('base64')
      .match(/.{1,60}/g)
      ?.join('\n')
      .concat('\n') ?? ''
  );
}

function entryJson(context: RouteContext, repo: RepoRecord, entry: TreeEntry, ref: string) {
  const api = `${context.links.api}/repos/${repo.fullName}`;
  const self = `${api}/contents/${entry.path}?ref=${ref}`;
  const kind = entry.type === 'tree' ? 'dir' : 'file';
  const html = `${context.links.web}/${repo.fullName}/${kind === 'dir' ? 'tree' : 'blob'}/${ref}/${entry.path}`;
  const git = `${api}/git/${entry.type === 'tree' ? 'trees' : 'blobs'}/${entry.sha}`;
  return {
    type: kind,
    size: entry.size ?? 0,
    name: entry.name,
    path: entry.path,
    sha: entry.sha,
    url: self,
    git_url: git,
    html_url: html,
    download_url:
      kind === 'file' ? `https://raw.githubusercontent.com/${repo.fullName}/${ref}/${entry.path}` : null,
    _links: { self, git, html },
  };
}

/** `application/vnd.github.raw` (and the older `.v3.raw`) asks for the bytes of a file. */
function wantsRaw(headers: Headers): boolean {
  return /application\/vnd\.github(\.v3)?\.raw/.test(headers.get('accept') ?? '');
}

function wantsObject(headers: Headers): boolean {
  return /application\/vnd\.github(\.v3)?\.object/.test(headers.get('accept') ?? '');
}

/** Reading files from the default branch (JSON with base64 content, or raw). */
export const contentRoutes: RouteTable = {
  'repos/get-content': (context) => {
    const repo = requireRepo(context);
    const refParam = context.query.ref as string | undefined;
    const resolved = resolveRef(repo, refParam);
    if (!resolved) throw apiError(404, `No commit found for the ref ${refParam}`, context.docs);
    if (resolved.kind === 'pull-head') {
      throw apiError(501, 'The GitHub double keeps files only for the default branch', context.docs);
    }
    const ref = refParam || repo.defaultBranch;
    const path = String(context.params.path ?? '').replace(/^\/+|\/+$/g, '');
    const treeSha = repo.git.treeByPath.get(path);
    if (treeSha !== undefined) {
      const entries = repo.git.trees
        .get(treeSha)!
        .entries.map((entry) => entryJson(context, repo, entry, ref));
      if (!wantsObject(context.headers)) return { status: 200, body: entries };
      const self = `${context.links.api}/repos/${repo.fullName}/contents/${path}?ref=${ref}`;
      const root = { type: 'dir', size: 0, name: path.split('/').pop() ?? '', path, sha: treeSha, url: self };
      return {
        status: 200,
        body: {
          ...root,
          git_url: null,
          html_url: null,
          download_url: null,
          entries,
          _links: { self, git: null, html: null },
        },
      };
    }
    const content = repo.files.get(path);
    if (!content) throw notFound(context.docs);
    if (wantsRaw(context.headers)) {
      return { status: 200, raw: { content, contentType: 'application/vnd.github.raw; charset=utf-8' } };
    }
    const parent = repo.git.trees.get(repo.git.treeByPath.get(path.split('/').slice(0, -1).join('/'))!)!;
    const entry = parent.entries.find((candidate) => candidate.path === path)!;
    return {
      status: 200,
      body: { ...entryJson(context, repo, entry, ref), content: wrappedBase64(content), encoding: 'base64' },
    };
  },
};
