import { Octokit } from '@octokit/rest';
import { createGitHubDouble, type GitHubDouble, type LoopbackServer } from '../../src/github-double/index.js';
import { acmeWorld, quietLog, repo } from './support.js';

interface Transport {
  name: string;
  connect(double: GitHubDouble): Promise<{ octokit: Octokit; close(): Promise<void> }>;
}

const transports: Transport[] = [
  {
    name: 'loopback HTTP (baseUrl)',
    async connect(double) {
      const server: LoopbackServer = await double.listen();
      return {
        octokit: new Octokit({ baseUrl: server.baseUrl, log: quietLog }),
        close: () => server.close(),
      };
    },
  },
  {
    name: 'in-process (request.fetch)',
    async connect(double) {
      return {
        octokit: new Octokit({ request: { fetch: double.fetch }, log: quietLog }),
        close: async () => {},
      };
    },
  },
];

describe.each(transports)('a real Octokit over $name', (transport) => {
  let double: GitHubDouble;
  let octokit: Octokit;
  let close: () => Promise<void>;

  beforeEach(async () => {
    const world = acmeWorld();
    world.repos!['acme/widgets']!.issues!.push(
      ...Array.from({ length: 12 }, (_, index) => ({
        number: 20 + index,
        title: `Issue ${20 + index}`,
        user: 'bob',
      })),
    );
    double = createGitHubDouble(world);
    ({ octokit, close } = await transport.connect(double));
  });
  afterEach(() => close());

  it('changes state and records the writes in the contract shape', async () => {
    await octokit.rest.issues.addLabels({ ...repo, issue_number: 7, labels: ['lgtm'] });
    await octokit.rest.issues.createComment({ ...repo, issue_number: 7, body: 'LGTM label added' });
    await octokit.rest.issues.removeLabel({ ...repo, issue_number: 7, name: 'lgtm' });
    expect(double.actions()).toEqual([
      { method: 'POST', path: '/repos/acme/widgets/issues/7/labels', body: { labels: ['lgtm'] } },
      { method: 'POST', path: '/repos/acme/widgets/issues/7/comments', body: { body: 'LGTM label added' } },
      { method: 'DELETE', path: '/repos/acme/widgets/issues/7/labels/lgtm' },
    ]);
    expect(double.comments('acme/widgets', 7).map((comment) => comment.body)).toEqual(['LGTM label added']);
  });

  it('records every request with path, query and status', async () => {
    await octokit.rest.issues.listForRepo({ ...repo, state: 'all', per_page: 5 });
    expect(double.requests).toEqual([
      {
        method: 'GET',
        path: '/repos/acme/widgets/issues',
        query: { state: 'all', per_page: '5' },
        body: undefined,
        status: 200,
        operationId: 'issues/list-for-repo',
      },
    ]);
  });

  it('paginates through link headers that point back at the double', async () => {
    const issues = await octokit.paginate(octokit.rest.issues.listForRepo, {
      ...repo,
      state: 'all',
      per_page: 5,
    });
    expect(issues).toHaveLength(14);
    expect(double.requests.map((request) => request.query.page)).toEqual([undefined, '2', '3']);
  });

  it('turns 4xx answers into RequestErrors with GitHub bodies', async () => {
    await expect(octokit.rest.issues.get({ ...repo, issue_number: 404 })).rejects.toMatchObject({
      status: 404,
      response: { data: { message: 'Not Found' } },
    });
  });
});
