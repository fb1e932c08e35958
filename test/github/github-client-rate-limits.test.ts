import { createGitHubDouble } from '../../src/github-double/index.js';
import { GitHubRateLimitError } from '../../src/github/github-rate-limit-error.js';
import { RetryLaterError } from '../../src/pipeline/job-errors.js';
import {
  ACME,
  COMMENTS_ROUTE,
  createRig,
  rejectionOf,
  twoInstallationWorld,
  UMBRELLA,
  WORLD_NOW,
} from './github-app-rig.js';
import { ManualClock, until } from './manual-clock.js';

const ACME_COMMENTS = '/repos/acme/widgets/issues/7/comments';
const ACME_ISSUE = '/repos/acme/widgets/issues/7';
const NOW_SECONDS = Date.parse(WORLD_NOW) / 1000;

describe.each([403, 429])('a secondary rate limit answered with %i', (status) => {
  it('is waited out for retry-after, with the whole installation, then retried once and succeeds', async () => {
    const clock = new ManualClock(WORLD_NOW);
    const rig = createRig({ clock });
    rig.double.faults.add({
      method: 'POST',
      route: COMMENTS_ROUTE,
      respond: { status, secondaryRateLimit: true, retryAfterSeconds: 10 },
    });
    const acme = await rig.github.installationClient(ACME);
    const umbrella = await rig.github.installationClient(UMBRELLA);

    const comment = acme.rest.issues.createComment({
      owner: 'acme',
      repo: 'widgets',
      issue_number: 7,
      body: 'hi',
    });
    await until(() => clock.parked.length === 1, 'the retry waits');
    expect(clock.parked).toEqual([clock.now() + 10_000]);
    expect(rig.requestsTo('POST', ACME_COMMENTS).map((request) => request.status)).toEqual([status]);

    // The installation is paused: a read waits too. Another installation is not.
    const read = acme.rest.issues.get({ owner: 'acme', repo: 'widgets', issue_number: 7 });
    await until(() => clock.parked.length === 2, 'the read waits for the pause');
    await umbrella.rest.issues.get({ owner: 'umbrella', repo: 'gadgets', issue_number: 7 });
    expect(rig.requestsTo('GET', ACME_ISSUE)).toEqual([]);

    clock.advance(10_000);
    await expect(comment).resolves.toMatchObject({ status: 201 });
    await expect(read).resolves.toMatchObject({ status: 200 });
    expect(rig.requestsTo('POST', ACME_COMMENTS).map((request) => request.status)).toEqual([status, 201]);
    expect(rig.double.comments('acme/widgets', 7)).toHaveLength(1);
  });
});

describe('a secondary rate limit longer than the client may wait', () => {
  it('becomes a retry-later error, and later requests of the installation fail fast without being sent', async () => {
    const clock = new ManualClock(WORLD_NOW);
    const rig = createRig({ clock, settings: { maxRateLimitWaitMs: 15_000 } });
    rig.double.faults.add({
      method: 'POST',
      route: COMMENTS_ROUTE,
      respond: { status: 403, secondaryRateLimit: true, retryAfterSeconds: 60 },
    });
    const acme = await rig.github.installationClient(ACME);

    const error = await rejectionOf(
      acme.rest.issues.createComment({ owner: 'acme', repo: 'widgets', issue_number: 7, body: 'hi' }),
    );
    expect(error).toBeInstanceOf(RetryLaterError);
    expect(error).toMatchObject({ limit: 'secondary', delayMs: 60_000, installation: String(ACME) });
    expect((error.cause as { status: number }).status).toBe(403);

    const next = await rejectionOf(acme.rest.issues.get({ owner: 'acme', repo: 'widgets', issue_number: 7 }));
    expect(next).toBeInstanceOf(GitHubRateLimitError);
    expect(rig.requestsTo('GET', ACME_ISSUE)).toEqual([]);
    expect(rig.requestsTo('POST', ACME_COMMENTS)).toHaveLength(1);
  });
});

describe('an exhausted primary rate limit', () => {
  const exhausted = (resetInSeconds: number) => ({
    status: 403,
    headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(NOW_SECONDS + resetInSeconds) },
    body: { message: 'API rate limit exceeded for installation ID 11.' },
  });

  it('gives a typed retry-later error carrying the reset time when the reset is far', async () => {
    const clock = new ManualClock(WORLD_NOW);
    const rig = createRig({ clock });
    rig.double.faults.add({ method: 'GET', route: ACME_ISSUE, respond: exhausted(1800) });
    const acme = await rig.github.installationClient(ACME);

    const error = await rejectionOf(
      acme.rest.issues.get({ owner: 'acme', repo: 'widgets', issue_number: 7 }),
    );

    expect(error).toBeInstanceOf(GitHubRateLimitError);
    expect(error).toBeInstanceOf(RetryLaterError);
    expect(error).toMatchObject({
      limit: 'primary',
      resetAt: new Date((NOW_SECONDS + 1800) * 1000),
      delayMs: 1_800_000,
    });
    expect(rig.requestsTo('GET', ACME_ISSUE)).toHaveLength(1);
  });

  it('waits for a near reset, then retries', async () => {
    const clock = new ManualClock(WORLD_NOW);
    const rig = createRig({ clock });
    rig.double.faults.add({ method: 'GET', route: ACME_ISSUE, respond: exhausted(5) });
    const acme = await rig.github.installationClient(ACME);

    const read = acme.rest.issues.get({ owner: 'acme', repo: 'widgets', issue_number: 7 });
    await until(() => clock.parked.length === 1, 'the retry waits for the reset');
    expect(clock.parked).toEqual([clock.now() + 5000]);
    clock.advance(5000);

    await expect(read).resolves.toMatchObject({ status: 200 });
    expect(rig.requestsTo('GET', ACME_ISSUE).map((request) => request.status)).toEqual([403, 200]);
  });

  it('stops sending once a response says none are left, until the reset', async () => {
    const clock = new ManualClock(WORLD_NOW);
    // The double's own limit: the token, then two reads, use up all three.
    const double = createGitHubDouble(twoInstallationWorld(), { rateLimits: { core: 3 } });
    const rig = createRig({ clock, double });
    const acme = await rig.github.installationClient(ACME);
    // Different reads: a repeated one would be a free 304.
    const read = (issue_number: number) =>
      acme.rest.issues.get({ owner: 'acme', repo: 'widgets', issue_number });
    await read(7);
    const last = await read(8);
    expect(last.headers['x-ratelimit-remaining']).toBe('0');

    const error = await rejectionOf(acme.rest.repos.get({ owner: 'acme', repo: 'widgets' }));

    expect(error).toMatchObject({ limit: 'primary', resetAt: new Date((NOW_SECONDS + 3600) * 1000) });
    expect(rig.requestsTo('GET', '/repos/acme/widgets')).toEqual([]);
  });
});

describe('server errors', () => {
  it('resends a GET with exponential backoff', async () => {
    const clock = new ManualClock(WORLD_NOW, { autoAdvance: true });
    const rig = createRig({ clock, settings: { retryBaseMs: 1000 } });
    rig.double.faults.add({ method: 'GET', route: ACME_ISSUE, times: 2, respond: { status: 502 } });
    const acme = await rig.github.installationClient(ACME);

    await expect(
      acme.rest.issues.get({ owner: 'acme', repo: 'widgets', issue_number: 7 }),
    ).resolves.toMatchObject({
      status: 200,
    });
    expect(clock.sleeps).toEqual([1000, 2000]);
    expect(rig.requestsTo('GET', ACME_ISSUE).map((request) => request.status)).toEqual([502, 502, 200]);
  });

  it('gives up after the maximum retries', async () => {
    const clock = new ManualClock(WORLD_NOW, { autoAdvance: true });
    const rig = createRig({ clock, settings: { maxRetries: 2 } });
    rig.double.faults.add({ method: 'GET', route: ACME_ISSUE, times: 10, respond: { status: 503 } });
    const acme = await rig.github.installationClient(ACME);

    const error = await rejectionOf(
      acme.rest.issues.get({ owner: 'acme', repo: 'widgets', issue_number: 7 }),
    );
    expect(error.status).toBe(503);
    expect(rig.requestsTo('GET', ACME_ISSUE)).toHaveLength(3);
  });

  it('does not resend a comment, which GitHub may have created before failing', async () => {
    const clock = new ManualClock(WORLD_NOW, { autoAdvance: true });
    const rig = createRig({ clock });
    rig.double.faults.add({ method: 'POST', route: COMMENTS_ROUTE, respond: { status: 502 } });
    const acme = await rig.github.installationClient(ACME);

    const error = await rejectionOf(
      acme.rest.issues.createComment({ owner: 'acme', repo: 'widgets', issue_number: 7, body: 'hi' }),
    );
    expect(error.status).toBe(502);
    expect(rig.requestsTo('POST', ACME_COMMENTS)).toHaveLength(1);
    expect(clock.sleeps).toEqual([]);
  });

  it('resends adding a label, which is safe to repeat', async () => {
    const clock = new ManualClock(WORLD_NOW, { autoAdvance: true });
    const rig = createRig({ clock });
    rig.double.faults.add({
      method: 'POST',
      route: '/repos/{owner}/{repo}/issues/{issue_number}/labels',
      respond: { status: 502 },
    });
    const acme = await rig.github.installationClient(ACME);

    await acme.rest.issues.addLabels({ owner: 'acme', repo: 'widgets', issue_number: 7, labels: ['lgtm'] });
    expect(
      rig.requestsTo('POST', '/repos/acme/widgets/issues/7/labels').map((request) => request.status),
    ).toEqual([502, 200]);
  });
});

describe('request metrics', () => {
  it('counts every attempt by route and status, and tracks the remaining primary limit', async () => {
    const clock = new ManualClock(WORLD_NOW, { autoAdvance: true });
    const rig = createRig({ clock });
    rig.double.faults.add({
      method: 'POST',
      route: COMMENTS_ROUTE,
      respond: { status: 403, secondaryRateLimit: true, retryAfterSeconds: 1 },
    });
    const acme = await rig.github.installationClient(ACME);
    await acme.rest.issues.createComment({ owner: 'acme', repo: 'widgets', issue_number: 7, body: 'hi' });

    const requests = await rig.metrics.githubRequests.get();
    const count = (status: string) =>
      requests.values.find((value) => value.labels.route === COMMENTS_ROUTE && value.labels.status === status)
        ?.value;
    expect([count('403'), count('201')]).toEqual([1, 1]);
    const remaining = await rig.metrics.githubRateLimitRemaining.get();
    expect(remaining.values).toContainEqual(
      expect.objectContaining({ labels: { installation: String(ACME), resource: 'core' } }),
    );
  });
});
