import { ACME, createRig, UMBRELLA } from './github-app-rig.js';

const ISSUE = '/repos/acme/widgets/issues/7';
const issue7 = { owner: 'acme', repo: 'widgets', issue_number: 7 };

function ifNoneMatchOf(rig: ReturnType<typeof createRig>, path: string): Array<string | null> {
  return rig.sent
    .filter((request) => request.path === path)
    .map((request) => request.headers.get('if-none-match'));
}

describe('conditional GETs', () => {
  it('revalidates a repeated GET with If-None-Match and answers a 304 from the cache, for free', async () => {
    const rig = createRig();
    const acme = await rig.github.installationClient(ACME);
    const first = await acme.rest.issues.get(issue7);
    const usedAfterFirst = rig.double.rateLimit('core').used;

    const second = await acme.rest.issues.get(issue7);

    expect(ifNoneMatchOf(rig, ISSUE)).toEqual([null, first.headers.etag]);
    expect(first.headers.etag).toMatch(/^W\/".+"$/); // sent with its quotes
    expect(rig.requestsTo('GET', ISSUE).map((request) => request.status)).toEqual([200, 304]);
    expect(second.status).toBe(200);
    expect(second.data).toEqual(first.data);
    expect(rig.double.rateLimit('core').used).toBe(usedAfterFirst);
  });

  it('returns the new body once the resource changed, and caches that', async () => {
    const rig = createRig();
    const acme = await rig.github.installationClient(ACME);
    await acme.rest.issues.get(issue7);
    await acme.rest.issues.addLabels({ ...issue7, labels: ['lgtm'] });

    const changed = await acme.rest.issues.get(issue7);
    const again = await acme.rest.issues.get(issue7);

    expect(changed.data.labels.map((label) => (typeof label === 'string' ? label : label.name))).toEqual([
      'lgtm',
    ]);
    expect(rig.requestsTo('GET', ISSUE).map((request) => request.status)).toEqual([200, 200, 304]);
    expect(ifNoneMatchOf(rig, ISSUE)[2]).toBe(changed.headers.etag);
    expect(again.data).toEqual(changed.data);
  });

  it('hands out copies: a caller editing its result does not change the cache', async () => {
    const rig = createRig();
    const acme = await rig.github.installationClient(ACME);
    const first = await acme.rest.issues.get(issue7);
    first.data.title = 'edited by a careless caller';
    const second = await acme.rest.issues.get(issue7);
    second.data.title = 'edited again';

    const third = await acme.rest.issues.get(issue7);
    expect(rig.requestsTo('GET', ISSUE).map((request) => request.status)).toEqual([200, 304, 304]);
    expect(third.data.title).toBe('Issue 7');
  });

  it('keeps installations and media types apart', async () => {
    const rig = createRig();
    const acme = await rig.github.installationClient(ACME);
    const umbrella = await rig.github.installationClient(UMBRELLA);
    await acme.rest.repos.get({ owner: 'acme', repo: 'widgets' });
    // Another installation's token has other ETags: it must not reuse acme's entry.
    await umbrella.rest.repos.get({ owner: 'acme', repo: 'widgets' });
    expect(ifNoneMatchOf(rig, '/repos/acme/widgets')).toEqual([null, null]);

    const readme = { owner: 'acme', repo: 'widgets', path: 'README.md' };
    const raw = { ...readme, mediaType: { format: 'raw' } };
    await acme.rest.repos.getContent(readme);
    await acme.rest.repos.getContent(raw);
    const rawAgain = await acme.rest.repos.getContent(raw);
    const sentForReadme = ifNoneMatchOf(rig, '/repos/acme/widgets/contents/README.md');
    expect(sentForReadme.slice(0, 2)).toEqual([null, null]);
    expect(sentForReadme[2]).toEqual(expect.any(String));
    expect(rawAgain.data).toBe('# widgets\n');
  });

  it('leaves a GET that brings its own If-None-Match alone', async () => {
    const rig = createRig();
    const acme = await rig.github.installationClient(ACME);
    const first = await acme.rest.issues.get(issue7);
    const own = await acme.rest.issues
      .get({ ...issue7, headers: { 'if-none-match': first.headers.etag } })
      .catch((error: { status: number }) => error);
    expect(own).toMatchObject({ status: 304 });
  });
});
