import { createGitHubDouble } from '../../src/github-double/index.js';
import { acmeWorld } from './support.js';

/** Raw requests, so the test controls exactly what is sent (Octokit would refuse some of these itself). */
async function send(method: string, path: string, body?: unknown) {
  const double = createGitHubDouble(acmeWorld());
  const response = await double.fetch(`https://api.github.com${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  return { double, status: response.status, body: text ? JSON.parse(text) : undefined };
}

describe('what real GitHub would reject', () => {
  it('answers an unknown route with GitHub exact 404', async () => {
    const { status, body } = await send('GET', '/repos/acme/widgets/no-such-thing');
    expect(status).toBe(404);
    expect(body).toEqual({
      message: 'Not Found',
      documentation_url: 'https://docs.github.com/rest',
      status: '404',
    });
  });

  it('answers a known path with the wrong method with 404, as GitHub does', async () => {
    const { status } = await send('PATCH', '/repos/acme/widgets/issues/7/labels', { labels: ['x'] });
    expect(status).toBe(404);
  });

  it('rejects a body field of the wrong type with 422 Invalid request, and changes nothing', async () => {
    const { double, status, body } = await send('POST', '/repos/acme/widgets/issues/7/labels', {
      labels: 'lgtm',
    });
    expect(status).toBe(422);
    expect(body.message).toMatch(/^Invalid request\.\n\n/);
    expect(body.message).toContain('/labels');
    expect(body.documentation_url).toBe('https://docs.github.com/rest/issues/labels#add-labels-to-an-issue');
    expect(double.issue('acme/widgets', 7)?.labels).toEqual([]);
  });

  it('rejects a missing required field', async () => {
    const { double, status, body } = await send('POST', '/repos/acme/widgets/issues', { body: 'no title' });
    expect(status).toBe(422);
    expect(body.message).toContain('"title" wasn\'t supplied.');
    expect(double.issue('acme/widgets', 9)).toBeUndefined();
  });

  it('rejects a value outside an enum', async () => {
    const { status, body } = await send('POST', '/repos/acme/widgets/statuses/abc123', { state: 'red' });
    expect(status).toBe(422);
    expect(body.message).toContain('is not a possible value');
  });

  it('rejects a missing required body', async () => {
    const { status } = await send('POST', '/repos/acme/widgets/issues/7/comments');
    expect(status).toBe(422);
  });

  it('rejects malformed JSON with 400 Problems parsing JSON', async () => {
    const { status, body } = await send('POST', '/repos/acme/widgets/issues/7/comments', '{"body": ');
    expect(status).toBe(400);
    expect(body.message).toBe('Problems parsing JSON');
  });

  it('does not route a path parameter of the wrong type', async () => {
    const { status } = await send('GET', '/repos/acme/widgets/issues/seven');
    expect(status).toBe(404);
  });

  it('rejects a query parameter of the wrong type', async () => {
    const { status } = await send('GET', '/repos/acme/widgets/issues?per_page=many');
    expect(status).toBe(422);
  });

  it('answers the label colour error exactly as recorded in @octokit/fixtures', async () => {
    const { status, body } = await send('POST', '/repos/acme/widgets/labels', {
      name: 'foo',
      color: 'invalid',
    });
    expect(status).toBe(422);
    expect(body).toMatchObject({
      message: 'Validation Failed',
      errors: [{ resource: 'Label', code: 'invalid', field: 'color' }],
    });
  });

  it('fails loudly (501, naming the operationId) on a GitHub route the double does not implement', async () => {
    const { status, body } = await send('POST', '/repos/acme/widgets/releases', { tag_name: 'v1' });
    expect(status).toBe(501);
    expect(body.message).toContain('repos/create-release');
  });

  it('records rejected requests too', async () => {
    const { double } = await send('POST', '/repos/acme/widgets/issues/7/labels', { labels: 'lgtm' });
    expect(double.requests).toMatchObject([
      { method: 'POST', path: '/repos/acme/widgets/issues/7/labels', status: 422 },
    ]);
    expect(double.actions()).toEqual([
      { method: 'POST', path: '/repos/acme/widgets/issues/7/labels', body: { labels: 'lgtm' } },
    ]);
  });
});

describe('GraphQL', () => {
  it('is recorded as an action but answered 501, since the double only speaks REST', async () => {
    const { double, status } = await send('POST', '/graphql', { query: 'mutation { x }' });
    expect(status).toBe(501);
    expect(double.actions()).toEqual([
      { method: 'POST', path: '/graphql', body: { query: 'mutation { x }' } },
    ]);
  });
});
