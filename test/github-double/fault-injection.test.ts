import { createGitHubDouble } from '../../src/github-double/index.js';
import { acmeWorld, inProcessOctokit, rejection, repo } from './support.js';

const COMMENTS_ROUTE = '/repos/{owner}/{repo}/issues/{issue_number}/comments';

describe('fault injection', () => {
  it('fails N matching requests, then lets them through (retry succeeds)', async () => {
    const double = createGitHubDouble(acmeWorld());
    const octokit = inProcessOctokit(double);
    double.faults.add({ method: 'POST', route: COMMENTS_ROUTE, times: 1, respond: { status: 500 } });
    const failed = await rejection(
      octokit.rest.issues.createComment({ ...repo, issue_number: 7, body: 'hi' }),
    );
    expect(failed.status).toBe(500);
    expect(double.comments('acme/widgets', 7)).toEqual([]);
    await octokit.rest.issues.createComment({ ...repo, issue_number: 7, body: 'hi' });
    expect(double.comments('acme/widgets', 7)).toHaveLength(1);
    expect(double.requests.map((request) => [request.status, request.fault])).toEqual([
      [500, true],
      [201, undefined],
    ]);
    expect(double.faults.pending()).toEqual([]);
  });

  it("imitates GitHub's secondary rate limit: 403, the message Octokit looks for, retry-after", async () => {
    const double = createGitHubDouble(acmeWorld());
    double.faults.add({
      route: COMMENTS_ROUTE,
      respond: { status: 403, secondaryRateLimit: true, retryAfterSeconds: 7 },
    });
    const error = await rejection(
      inProcessOctokit(double).rest.issues.createComment({ ...repo, issue_number: 7, body: 'x' }),
    );
    expect(error.status).toBe(403);
    expect(error.response?.headers['retry-after']).toBe('7');
    expect((error.response?.data as { message: string }).message).toMatch(
      /^You have exceeded a secondary rate limit\. Please wait a few minutes before you try again\./,
    );
    // @octokit/plugin-throttling's test for a secondary limit:
    expect(/\bsecondary rate\b/i.test((error.response?.data as { message: string }).message)).toBe(true);
  });

  it('makes a secondary limit a 403 with retry-after 60 unless told otherwise', async () => {
    const double = createGitHubDouble(acmeWorld());
    double.faults.add({ route: '/repos/{owner}/{repo}', respond: { secondaryRateLimit: true } });
    const error = await rejection(inProcessOctokit(double).rest.repos.get({ ...repo }));
    expect(error.status).toBe(403);
    expect(error.response?.headers['retry-after']).toBe('60');
  });

  it('answers 429 with remaining 0 and retry-after', async () => {
    const double = createGitHubDouble(acmeWorld());
    double.faults.add({
      route: '/repos/acme/widgets/issues/8',
      respond: { status: 429, retryAfterSeconds: 2 },
    });
    const error = await rejection(inProcessOctokit(double).rest.issues.get({ ...repo, issue_number: 8 }));
    expect(error.status).toBe(429);
    expect(error.response?.headers).toMatchObject({ 'retry-after': '2', 'x-ratelimit-remaining': '0' });
  });

  it('matches method, concrete paths and templates, and counts down `times`', async () => {
    const double = createGitHubDouble(acmeWorld());
    const octokit = inProcessOctokit(double);
    const fault = double.faults.add({
      method: 'GET',
      route: '/repos/acme/widgets/issues/{issue_number}',
      times: 2,
      respond: { status: 502 },
    });
    await octokit.rest.issues.update({ ...repo, issue_number: 8, title: 'still works' });
    expect((await rejection(octokit.rest.issues.get({ ...repo, issue_number: 7 }))).status).toBe(502);
    expect(fault.remaining).toBe(1);
    expect((await rejection(octokit.rest.issues.get({ ...repo, issue_number: 8 }))).status).toBe(502);
    await expect(octokit.rest.issues.get({ ...repo, issue_number: 8 })).resolves.toMatchObject({
      status: 200,
    });
  });

  it('delays a response without failing it', async () => {
    const double = createGitHubDouble(acmeWorld());
    double.faults.add({ route: '/repos/{owner}/{repo}', respond: { delayMs: 60 } });
    const started = Date.now();
    const response = await inProcessOctokit(double).rest.repos.get({ ...repo });
    expect(response.status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(50);
  });
});
