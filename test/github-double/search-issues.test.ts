import { createGitHubDouble } from '../../src/github-double/index.js';
import { parseIssueSearchQuery } from '../../src/github-double/issue-search-query.js';
import { acmeWorld, inProcessOctokit, rejection } from './support.js';

function setup() {
  const world = acmeWorld();
  world.repos!['acme/widgets']!.issues!.push(
    {
      number: 9,
      title: 'Tracking: lambda release',
      user: 'sheriff[bot]',
      body: '<!-- sheriff:fp=abc -->',
      labels: ['kind/tests/failing'],
    },
    {
      number: 10,
      title: 'Old tracking issue',
      user: 'sheriff[bot]',
      state: 'closed',
      body: '<!-- sheriff:fp=old -->',
    },
  );
  world.repos!['acme/gadgets'] = {
    issues: [{ number: 1, title: 'Tracking: gadget release', user: 'alice' }],
  };
  const double = createGitHubDouble(world);
  return { double, octokit: inProcessOctokit(double) };
}

async function numbers(octokit: ReturnType<typeof inProcessOctokit>, q: string): Promise<string[]> {
  const { data } = await octokit.rest.search.issuesAndPullRequests({ q });
  return data.items.map((item) => `${item.repository_url.split('/').slice(-1)[0]}#${item.number}`);
}

describe('search issues', () => {
  it('finds a fingerprint in the body of an open issue in one repository', async () => {
    const { octokit } = setup();
    expect(await numbers(octokit, 'repo:acme/widgets is:issue is:open in:body "sheriff:fp=abc"')).toEqual([
      'widgets#9',
    ]);
  });

  it('combines labels, authors, state and type', async () => {
    const { octokit } = setup();
    expect(await numbers(octokit, 'org:acme is:issue label:kind/tests/failing author:sheriff[bot]')).toEqual([
      'widgets#9',
    ]);
    expect(await numbers(octokit, 'repo:acme/widgets is:issue is:closed')).toEqual(['widgets#10']);
    expect(await numbers(octokit, 'repo:acme/widgets is:pr')).toEqual(['widgets#7']);
    expect(await numbers(octokit, 'is:issue tracking -label:kind/tests/failing')).toEqual([
      'widgets#10',
      'gadgets#1',
    ]);
  });

  it('counts against the search rate limit, not core', async () => {
    const { double, octokit } = setup();
    const { headers } = await octokit.rest.search.issuesAndPullRequests({ q: 'is:issue tracking' });
    expect(headers['x-ratelimit-resource']).toBe('search');
    expect(headers['x-ratelimit-limit']).toBe('30');
    expect(double.rateLimit('core').used).toBe(0);
  });

  it('refuses a query that does not say issue or pull request, as GitHub does since 2025', async () => {
    const { octokit } = setup();
    const error = await rejection(
      octokit.rest.search.issuesAndPullRequests({ q: 'repo:acme/widgets tracking' }),
    );
    expect(error.status).toBe(422);
    expect(error.response?.data).toMatchObject({
      message: "Query must include 'is:issue' or 'is:pull-request'",
    });
  });

  it('fails loudly on qualifiers the double does not implement', async () => {
    const { octokit } = setup();
    const error = await rejection(
      octokit.rest.search.issuesAndPullRequests({ q: 'is:issue created:>2025-01-01' }),
    );
    expect(error.status).toBe(501);
  });
});

describe('parseIssueSearchQuery', () => {
  it('keeps quoted values together and lower-cases terms', () => {
    expect(parseIssueSearchQuery('label:"help wanted" -author:bob Crash')).toEqual({
      ok: true,
      query: {
        terms: ['crash'],
        qualifiers: [
          { key: 'label', value: 'help wanted', negated: false },
          { key: 'author', value: 'bob', negated: true },
        ],
      },
    });
  });

  it('treats unknown word:thing as text, like GitHub', () => {
    const parsed = parseIssueSearchQuery('is:issue fp:abc');
    expect(parsed.ok && parsed.query.terms).toEqual(['fp:abc']);
  });

  it('rejects an empty query', () => {
    expect(parseIssueSearchQuery('  ')).toMatchObject({ ok: false, kind: 'invalid' });
  });
});
