import { GitHubRateLimitError } from '../../src/github/github-rate-limit-error.js';
import { RetryLaterError } from '../../src/pipeline/job-errors.js';
import { ACME, COMMENTS_ROUTE, createRig, rejectionOf, UMBRELLA, WORLD_NOW } from './github-app-rig.js';
import { ManualClock, until } from './manual-clock.js';

const ACME_COMMENTS = '/repos/acme/widgets/issues/7/comments';
const UMBRELLA_COMMENTS = '/repos/umbrella/gadgets/issues/7/comments';

describe('GitHub client pacing', () => {
  it('does not serialise two installations behind each other', async () => {
    // One request at a time per installation makes each installation's comments strictly serial,
    // so any overlap between the installations can only come from separate queues.
    const rig = createRig({ settings: { concurrency: 1 } });
    const perInstallation = 3;
    rig.double.faults.add({
      method: 'POST',
      route: COMMENTS_ROUTE,
      times: 2 * perInstallation,
      respond: { delayMs: 25 },
    });
    const acme = await rig.github.installationClient(ACME);
    const umbrella = await rig.github.installationClient(UMBRELLA);
    const comment = (client: typeof acme, owner: string, repo: string, i: number) =>
      client.rest.issues.createComment({ owner, repo, issue_number: 7, body: `comment ${i}` });
    // Every comment of acme is asked for before any of umbrella: one shared queue would send them first.
    const calls = [
      ...Array.from({ length: perInstallation }, (_, i) => comment(acme, 'acme', 'widgets', i)),
      ...Array.from({ length: perInstallation }, (_, i) => comment(umbrella, 'umbrella', 'gadgets', i)),
    ];
    await Promise.all(calls);

    const arrivals = rig.double.requests
      .filter((request) => request.method === 'POST' && request.path.endsWith('/issues/7/comments'))
      .map((request) => request.path);
    expect(arrivals.filter((path) => path === ACME_COMMENTS)).toHaveLength(perInstallation);
    expect(arrivals.filter((path) => path === UMBRELLA_COMMENTS)).toHaveLength(perInstallation);
    // Umbrella's first comment reached GitHub before acme's last one: the two queues interleave.
    expect(arrivals.indexOf(UMBRELLA_COMMENTS)).toBeLessThan(arrivals.lastIndexOf(ACME_COMMENTS));
    expect(arrivals.indexOf(ACME_COMMENTS)).toBeLessThan(arrivals.lastIndexOf(UMBRELLA_COMMENTS));

    const commentsSent = rig.sent.filter((request) => request.path.endsWith('/issues/7/comments'));
    // ...and were in flight together, while each installation kept to one at a time.
    expect(Math.max(...commentsSent.map((request) => request.inFlightAtStart))).toBe(2);
  });

  it('enforces the content-creation limit per installation, from settings', async () => {
    const clock = new ManualClock(WORLD_NOW);
    const rig = createRig({
      clock,
      settings: { writesPerMinute: 3, writesPerHour: 100, maxRateLimitWaitMs: 120_000 },
    });
    const acme = await rig.github.installationClient(ACME);
    const umbrella = await rig.github.installationClient(UMBRELLA);
    const acmeComments = Array.from({ length: 4 }, (_, i) =>
      acme.rest.issues.createComment({ owner: 'acme', repo: 'widgets', issue_number: 7, body: `a${i}` }),
    );

    await until(() => clock.parked.length === 1, "acme's fourth comment waits");
    const acmeDone = () => rig.requestsTo('POST', ACME_COMMENTS).filter((request) => request.status === 201);
    await until(() => acmeDone().length === 3, 'three comments are done');
    expect(rig.requestsTo('POST', ACME_COMMENTS)).toHaveLength(3);
    // It waits for the first comment to leave the 60 s window, not a moment less.
    expect(clock.parked).toEqual([clock.now() + 60_000]);

    // Meanwhile umbrella's writes and acme's reads are not held back.
    await Promise.all(
      Array.from({ length: 3 }, (_, i) =>
        umbrella.rest.issues.createComment({
          owner: 'umbrella',
          repo: 'gadgets',
          issue_number: 7,
          body: `u${i}`,
        }),
      ),
    );
    await acme.rest.issues.get({ owner: 'acme', repo: 'widgets', issue_number: 7 });
    expect(rig.requestsTo('POST', UMBRELLA_COMMENTS)).toHaveLength(3);
    expect(rig.requestsTo('POST', ACME_COMMENTS)).toHaveLength(3);

    clock.advance(60_000);
    await Promise.all(acmeComments);
    expect(rig.double.comments('acme/widgets', 7).map((c) => c.body)).toEqual(['a0', 'a1', 'a2', 'a3']);
  });

  it('does not count edits and deletions as content creation', async () => {
    const clock = new ManualClock(WORLD_NOW);
    const rig = createRig({ clock, settings: { writesPerMinute: 1 } });
    const acme = await rig.github.installationClient(ACME);
    const repo = { owner: 'acme', repo: 'widgets', issue_number: 7 };
    await acme.rest.issues.addLabels({ ...repo, labels: ['lgtm'] });
    await acme.rest.issues.update({ ...repo, title: 'renamed' });
    await acme.rest.issues.removeLabel({ ...repo, name: 'lgtm' });
    expect(clock.sleeps).toEqual([]);
  });

  it('hands a write that would wait past the maximum to the job queue, without sending it', async () => {
    const clock = new ManualClock(WORLD_NOW);
    const rig = createRig({ clock, settings: { writesPerMinute: 80, writesPerHour: 2 } });
    const acme = await rig.github.installationClient(ACME);
    const comment = (body: string) =>
      acme.rest.issues.createComment({ owner: 'acme', repo: 'widgets', issue_number: 7, body });
    await comment('one');
    await comment('two');
    const error = await rejectionOf(comment('three'));

    expect(error).toBeInstanceOf(GitHubRateLimitError);
    expect(error).toBeInstanceOf(RetryLaterError);
    expect(error).toMatchObject({
      limit: 'content-creation',
      installation: String(ACME),
      delayMs: 3_600_000,
      resetAt: new Date(clock.now() + 3_600_000),
    });
    expect(rig.requestsTo('POST', ACME_COMMENTS)).toHaveLength(2);
  });
});
