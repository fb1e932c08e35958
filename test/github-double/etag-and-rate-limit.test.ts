import { createGitHubDouble } from '../../src/github-double/index.js';
import { acmeWorld, inProcessOctokit, rejection, repo } from './support.js';

describe('conditional requests', () => {
  it('answers If-None-Match with 304 while nothing changed, and does not count it', async () => {
    const double = createGitHubDouble(acmeWorld());
    const octokit = inProcessOctokit(double);
    const first = await octokit.rest.issues.get({ ...repo, issue_number: 8 });
    const etag = first.headers.etag!;
    expect(etag).toMatch(/^W\/"[0-9a-f]{64}"$/);
    const notModified = await rejection(
      octokit.rest.issues.get({ ...repo, issue_number: 8, headers: { 'if-none-match': etag } }),
    );
    expect(notModified.status).toBe(304);
    expect(double.rateLimit('core').used).toBe(1);
    await octokit.rest.issues.createComment({ ...repo, issue_number: 8, body: 'changes the comment count' });
    const changed = await octokit.rest.issues.get({
      ...repo,
      issue_number: 8,
      headers: { 'if-none-match': etag },
    });
    expect(changed.status).toBe(200);
    expect(changed.headers.etag).not.toBe(etag);
  });
});

describe('rate limits', () => {
  it('sends x-ratelimit-* on every response, decreasing per request', async () => {
    const double = createGitHubDouble(acmeWorld());
    const octokit = inProcessOctokit(double);
    const first = await octokit.rest.issues.get({ ...repo, issue_number: 8 });
    const second = await octokit.rest.repos.get({ ...repo });
    expect(first.headers).toMatchObject({
      'x-ratelimit-limit': '5000',
      'x-ratelimit-remaining': '4999',
      'x-ratelimit-used': '1',
      'x-ratelimit-resource': 'core',
      'x-ratelimit-reset': String(Date.parse('2025-05-14T11:00:00Z') / 1000),
    });
    expect(second.headers['x-ratelimit-remaining']).toBe('4998');
    const error = await rejection(octokit.rest.issues.get({ ...repo, issue_number: 999 }));
    expect(error.response?.headers['x-ratelimit-remaining']).toBe('4997');
  });

  it('refuses requests once the window is used up, until the clock passes the reset', async () => {
    const double = createGitHubDouble(acmeWorld(), { rateLimits: { core: 2 } });
    const octokit = inProcessOctokit(double);
    await octokit.rest.repos.get({ ...repo });
    await octokit.rest.repos.get({ ...repo });
    const limited = await rejection(octokit.rest.repos.get({ ...repo }));
    expect(limited.status).toBe(403);
    expect(limited.response?.headers['x-ratelimit-remaining']).toBe('0');
    expect((limited.response?.data as { message: string }).message).toMatch(/^API rate limit exceeded/);
    const status = await octokit.rest.rateLimit.get();
    expect(status.data.resources.core).toMatchObject({ limit: 2, remaining: 0, used: 2 });
    double.setClock('2025-05-14T11:00:00Z');
    await expect(octokit.rest.repos.get({ ...repo })).resolves.toMatchObject({ status: 200 });
  });
});
