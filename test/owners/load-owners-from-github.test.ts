import { ProbotOctokit } from 'probot';
import { createGitHubDouble, type GitHubDouble } from '../../src/github-double/index.js';
import type { WorldInput } from '../../src/github-double/world-schema.js';
import type { GitHubClient } from '../../src/github/github-app.js';
import { describeOwnersForPaths } from '../../src/owners/describe-owners-for-paths.js';
import { GitHubOwnersLoader } from '../../src/owners/load-owners-from-github.js';
import { readOwnersDir } from '../../src/owners/read-owners-dir.js';
import { OWNERS_MONOREPO } from '../areas/area-fixtures.js';

const REPO = 'example-ack/cloud-controllers';
const target = { owner: 'example-ack', repo: 'cloud-controllers' };
/** OWNERS, OWNERS_ALIASES and six services/** OWNERS files. */
const OWNERS_FILES = 8;
const SAMPLE_PATHS = ['services/lambda/olm/olmconfig.yaml', 'services/iam/role.go', 'README.md'];

/** The monorepo fixture plus files that are not OWNERS, at the head of `main`. */
function world(files: Record<string, string> = {}): WorldInput {
  return {
    repos: {
      [REPO]: {
        defaultBranch: 'main',
        dir: OWNERS_MONOREPO,
        files: {
          'README.md': '# cloud controllers\n',
          'services/lambda/main.go': 'package main\n',
          ...files,
        },
      },
    },
  };
}

function clientOf(double: GitHubDouble): GitHubClient {
  return new ProbotOctokit({
    request: { fetch: double.fetch },
    throttle: { enabled: false },
    retry: { enabled: false },
  }) as unknown as GitHubClient;
}

/** The requests a step made, as `operationId status`, in order. */
function calls(double: GitHubDouble): string[] {
  const made = double.requests.map((request) => `${request.operationId} ${request.status}`);
  double.clearRequests();
  return made;
}

const pushTo = (branch: string) => ({
  ref: `refs/heads/${branch}`,
  repository: {
    name: target.repo,
    owner: { login: target.owner, name: target.owner },
    default_branch: 'main',
  },
});

describe('GitHubOwnersLoader: OWNERS from GitHub at minimal API cost', () => {
  let clock: number;
  let loader: GitHubOwnersLoader;
  beforeEach(() => {
    clock = Date.parse('2025-05-14T18:00:00Z');
    loader = new GitHubOwnersLoader({ now: () => clock, maxAgeMs: 5 * 60_000 });
  });

  it('cold: one repository lookup, one recursive tree, one blob per OWNERS file; resolves as a checkout does', async () => {
    const double = createGitHubDouble(world());
    const snapshot = await loader.load(clientOf(double), target);
    expect(calls(double)).toEqual([
      'repos/get 200',
      'git/get-tree 200',
      ...Array<string>(OWNERS_FILES).fill('git/get-blob 200'),
    ]);
    expect(snapshot).toMatchObject({
      repository: REPO,
      branch: 'main',
      outcome: 'loaded',
      blobsFetched: OWNERS_FILES,
    });
    expect([...snapshot.blobs.keys()]).toEqual([
      'OWNERS',
      'OWNERS_ALIASES',
      'services/ec2/OWNERS',
      'services/iam/OWNERS',
      'services/lambda/OWNERS',
      'services/lambda/olm/OWNERS',
      'services/rds/OWNERS',
      'services/s3/OWNERS',
    ]);
    const checkout = await readOwnersDir(OWNERS_MONOREPO);
    if (!checkout.ok) throw new Error(checkout.error);
    expect(describeOwnersForPaths(snapshot.index, SAMPLE_PATHS)).toEqual(
      describeOwnersForPaths(checkout.index, SAMPLE_PATHS),
    );
  });

  it('warm, unchanged: no request within the max age, then one conditional tree request answered 304', async () => {
    const double = createGitHubDouble(world());
    const github = clientOf(double);
    const cold = await loader.load(github, target);
    calls(double);

    const cached = await loader.load(github, target);
    expect(calls(double)).toEqual([]);
    expect(cached.outcome).toBe('cached');
    expect(cached.index).toBe(cold.index);

    clock += 5 * 60_000;
    const revalidated = await loader.load(github, target);
    expect(calls(double)).toEqual(['git/get-tree 304']);
    expect(revalidated).toMatchObject({ outcome: 'not-modified', blobsFetched: 0 });
    expect(revalidated.index).toBe(cold.index);
    expect(double.rateLimit().used).toBe(OWNERS_FILES + 2);
  });

  it('a push to the branch makes the next load ask at once; no OWNERS change costs no blob', async () => {
    const before = createGitHubDouble(world());
    await loader.load(clientOf(before), target);
    // The push changed README.md only: a new tree, the same OWNERS blobs.
    const after = createGitHubDouble(world({ 'README.md': '# cloud controllers, v2\n' }));
    loader.invalidateOnPush(pushTo('main'));
    const snapshot = await loader.load(clientOf(after), target);
    expect(calls(after)).toEqual(['git/get-tree 200']);
    expect(snapshot).toMatchObject({ outcome: 'unchanged', blobsFetched: 0 });
  });

  it('one OWNERS file changed: one tree request and one blob', async () => {
    const before = createGitHubDouble(world());
    await loader.load(clientOf(before), target);
    const after = createGitHubDouble(world({ 'services/s3/OWNERS': 'approvers: [new-s3-lead]\n' }));
    loader.invalidateOnPush(pushTo('main'));
    const snapshot = await loader.load(clientOf(after), target);
    expect(calls(after)).toEqual(['git/get-tree 200', 'git/get-blob 200']);
    expect(snapshot).toMatchObject({ outcome: 'loaded', blobsFetched: 1 });
    expect(snapshot.index.leafApprovers('services/s3/main.go')).toEqual(new Set(['new-s3-lead']));
  });

  it('ignores a push to another branch or repository', async () => {
    const double = createGitHubDouble(world());
    const github = clientOf(double);
    await loader.load(github, target);
    calls(double);
    loader.invalidateOnPush(pushTo('release-1.7'));
    loader.invalidateOnPush({
      ...pushTo('main'),
      repository: { name: 'other', owner: { login: 'example-ack' } },
    });
    expect((await loader.load(github, target)).outcome).toBe('cached');
    expect(calls(double)).toEqual([]);
  });

  it('skips the repository lookup when the branch is known, and after a push told it the default branch', async () => {
    const double = createGitHubDouble(world());
    await loader.load(clientOf(double), { ...target, branch: 'main' });
    expect(calls(double)[0]).toBe('git/get-tree 200');

    const other = new GitHubOwnersLoader({ now: () => clock });
    other.invalidateOnPush(pushTo('main'));
    await other.load(clientOf(double), target);
    expect(calls(double)[0]).toBe('git/get-tree 200');
  });

  it('shares one set of requests between concurrent loads', async () => {
    const double = createGitHubDouble(world());
    const github = clientOf(double);
    const [a, b] = await Promise.all([
      loader.load(github, { ...target, branch: 'main' }),
      loader.load(github, { ...target, branch: 'main' }),
    ]);
    expect(a).toBe(b);
    expect(calls(double)).toHaveLength(1 + OWNERS_FILES);
  });

  it('reuses blobs across repositories with the same OWNERS contents (a blob SHA names its content)', async () => {
    const double = createGitHubDouble({
      repos: { ...world().repos, 'example-ack/copy': { defaultBranch: 'main', dir: OWNERS_MONOREPO } },
    });
    const github = clientOf(double);
    await loader.load(github, { ...target, branch: 'main' });
    calls(double);
    const copy = await loader.load(github, { owner: 'example-ack', repo: 'copy', branch: 'main' });
    expect(calls(double)).toEqual(['git/get-tree 200']);
    expect(copy.blobsFetched).toBe(0);
  });

  it('gives an empty index for a missing branch', async () => {
    const double = createGitHubDouble(world());
    const snapshot = await loader.load(clientOf(double), { ...target, branch: 'no-such-branch' });
    expect(snapshot).toMatchObject({ treeSha: null, outcome: 'loaded', blobsFetched: 0 });
    expect(snapshot.index.ownersFiles).toEqual([]);
  });

  it('walks the tree one directory at a time when GitHub truncates the recursive listing', async () => {
    const double = createGitHubDouble(world());
    const github = clientOf(double);
    const full = await github.rest.git.getTree({ ...target, tree_sha: 'main', recursive: '1' });
    double.clearRequests();
    double.faults.add({
      method: 'GET',
      route: `/repos/${REPO}/git/trees/main`,
      respond: { status: 200, body: { ...full.data, tree: full.data.tree.slice(0, 3), truncated: true } },
    });
    const snapshot = await loader.load(github, { ...target, branch: 'main' });
    const paths = double.requests.map((request) => request.path);
    // The (injected) truncated listing, then the root, services/, and its six OWNERS directories.
    expect(paths.filter((path) => path.includes('/git/trees/'))).toHaveLength(1 + 8);
    expect(paths.filter((path) => path.includes('/git/blobs/'))).toHaveLength(OWNERS_FILES);
    expect(snapshot.blobs.size).toBe(OWNERS_FILES);
    expect(snapshot.incomplete).toBeUndefined();
  });

  it('stops walking a huge truncated tree at maxTreeRequests and says so', async () => {
    const double = createGitHubDouble(world());
    const github = clientOf(double);
    const full = await github.rest.git.getTree({ ...target, tree_sha: 'main', recursive: '1' });
    double.faults.add({
      method: 'GET',
      route: `/repos/${REPO}/git/trees/main`,
      respond: { status: 200, body: { ...full.data, tree: [], truncated: true } },
    });
    const small = new GitHubOwnersLoader({ now: () => clock, maxTreeRequests: 2 });
    const snapshot = await small.load(github, { ...target, branch: 'main' });
    expect(snapshot.incomplete).toBe(
      'the tree of example-ack/cloud-controllers@main is too large: stopped after 2 directory listings',
    );
    expect([...snapshot.blobs.keys()]).toEqual(['OWNERS', 'OWNERS_ALIASES']);
  });
});
