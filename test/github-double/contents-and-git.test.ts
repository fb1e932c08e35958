import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { blobSha, buildGitSnapshot, createGitHubDouble, loadWorld } from '../../src/github-double/index.js';
import { commitSha } from '../../src/github-double/git-objects.js';
import { inProcessOctokit, rejection } from './support.js';

/** Files whose tree and commit SHAs were computed with git itself (`git write-tree`, `git commit-tree`). */
const GIT_CHECKED_FILES = {
  OWNERS: 'approvers: [alice]\n',
  '.github/sheriff.yml': 'x: 1\n',
  'services/lambda/OWNERS': 'lambda\n',
  'a-b/f': '',
  'a/g': 'z',
  'a.txt': 'q',
};
const GIT_TREE_SHA = 'd6b6c83998c8d951330a5fbe92cf07daffe7c5d9';
/** `git commit-tree` with author and committer "GitHub Double <double@example.invalid>" at 2025-01-01T00:00:00Z. */
const GIT_COMMIT_SHA = '0c9e6392220abf65dc9b9980ea60edbcba6a2486';

const repo = { owner: 'acme', repo: 'tree' } as const;

describe('git object ids', () => {
  it('hashes blobs like git', () => {
    expect(blobSha(Buffer.from(''))).toBe('e69de29bb2d1d6434b8b29ae775ad8c2e48c5391');
  });

  it('hashes trees (with git entry order) and commits like git', () => {
    const files = new Map(Object.entries(GIT_CHECKED_FILES).map(([path, text]) => [path, Buffer.from(text)]));
    const snapshot = buildGitSnapshot(files);
    expect(snapshot.rootTree).toBe(GIT_TREE_SHA);
    expect(commitSha(snapshot.rootTree, 'Initial commit', new Date('2025-01-01T00:00:00Z'))).toBe(
      GIT_COMMIT_SHA,
    );
  });
});

describe('contents and the git data API', () => {
  const double = createGitHubDouble({
    now: '2025-01-01T00:00:00Z',
    repos: { 'acme/tree': { files: GIT_CHECKED_FILES } },
  });
  const octokit = inProcessOctokit(double);

  it('serves the recursive tree with git SHAs', async () => {
    const branch = await octokit.rest.repos.getBranch({ ...repo, branch: 'main' });
    expect(branch.data.commit.sha).toBe(GIT_COMMIT_SHA);
    const commit = await octokit.rest.git.getCommit({ ...repo, commit_sha: GIT_COMMIT_SHA });
    expect(commit.data.tree.sha).toBe(GIT_TREE_SHA);
    const { data } = await octokit.rest.git.getTree({ ...repo, tree_sha: GIT_TREE_SHA, recursive: 'true' });
    expect(data.sha).toBe(GIT_TREE_SHA);
    expect(data.tree.map((entry) => `${entry.type} ${entry.path}`)).toEqual([
      'tree .github',
      'blob .github/sheriff.yml',
      'blob OWNERS',
      'tree a-b',
      'blob a-b/f',
      'blob a.txt',
      'tree a',
      'blob a/g',
      'tree services',
      'tree services/lambda',
      'blob services/lambda/OWNERS',
    ]);
  });

  it('serves only the top level without recursive', async () => {
    const { data } = await octokit.rest.git.getTree({ ...repo, tree_sha: 'main' });
    expect(data.tree.map((entry) => entry.path)).toEqual([
      '.github',
      'OWNERS',
      'a-b',
      'a.txt',
      'a',
      'services',
    ]);
  });

  it('serves blobs by SHA', async () => {
    const { data } = await octokit.rest.git.getBlob({ ...repo, file_sha: blobSha(Buffer.from('q')) });
    expect(Buffer.from(data.content, 'base64').toString()).toBe('q');
  });

  it('serves a file as base64 JSON and as raw bytes', async () => {
    const json = await octokit.rest.repos.getContent({ ...repo, path: 'services/lambda/OWNERS' });
    expect(json.data).toMatchObject({
      type: 'file',
      encoding: 'base64',
      sha: blobSha(Buffer.from('lambda\n')),
    });
    const content = (json.data as { content: string }).content;
    expect(Buffer.from(content, 'base64').toString()).toBe('lambda\n');
    const raw = await octokit.request('GET /repos/{owner}/{repo}/contents/{path}', {
      ...repo,
      path: 'OWNERS',
      mediaType: { format: 'raw' },
    });
    expect(raw.data).toBe('approvers: [alice]\n');
  });

  it('lists directories, the root included', async () => {
    const root = await octokit.rest.repos.getContent({ ...repo, path: '' });
    expect((root.data as Array<{ name: string }>).map((entry) => entry.name)).toContain('OWNERS');
    const dir = await octokit.rest.repos.getContent({ ...repo, path: 'services' });
    expect(dir.data).toMatchObject([{ type: 'dir', path: 'services/lambda' }]);
  });

  it('answers 404 for missing files and unknown refs', async () => {
    expect((await rejection(octokit.rest.repos.getContent({ ...repo, path: 'nope' }))).status).toBe(404);
    const badRef = await rejection(octokit.rest.repos.getContent({ ...repo, path: 'OWNERS', ref: 'nope' }));
    expect(badRef.response?.data).toMatchObject({ message: 'No commit found for the ref nope' });
  });
});

describe('world dir:', () => {
  const root = mkdtempSync(join(tmpdir(), 'github-double-world-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('reads a directory tree as the default branch, skipping .git and node_modules', async () => {
    mkdirSync(join(root, 'checkout/services/s3'), { recursive: true });
    mkdirSync(join(root, 'checkout/.git'), { recursive: true });
    mkdirSync(join(root, 'checkout/node_modules/x'), { recursive: true });
    writeFileSync(join(root, 'checkout/OWNERS'), 'approvers: [root]\n');
    writeFileSync(join(root, 'checkout/services/s3/OWNERS'), 'approvers: [eve]\n');
    writeFileSync(join(root, 'checkout/.git/HEAD'), 'ref: refs/heads/main\n');
    writeFileSync(join(root, 'checkout/node_modules/x/index.js'), '');
    writeFileSync(
      join(root, 'world.yaml'),
      'repos:\n  acme/mono:\n    dir: checkout\n    files:\n      .github/sheriff.yml: "x: 1\\n"\n',
    );
    const double = createGitHubDouble(loadWorld(join(root, 'world.yaml')));
    const { data } = await inProcessOctokit(double).rest.git.getTree({
      owner: 'acme',
      repo: 'mono',
      tree_sha: 'main',
      recursive: '1',
    });
    expect(data.tree.filter((entry) => entry.type === 'blob').map((entry) => entry.path)).toEqual([
      '.github/sheriff.yml',
      'OWNERS',
      'services/s3/OWNERS',
    ]);
  });
});
