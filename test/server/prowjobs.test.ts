import { readFileSync } from 'node:fs';
import { describeProwJob } from '../../src/prowjobs/prowjob-delivery.js';
import { type Harness, startHarness } from '../support/sheriff-harness.js';
import { BACKENDS } from '../support/stores.js';
import { sharedFixturePath } from '../support/webhook-examples.js';

const TOKEN = 'prow-secret-token';
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const prowjob = (): Json =>
  JSON.parse(
    readFileSync(
      sharedFixturePath('world', 'prow', 'prowjob-post-lambda-controller-release-failure.json'),
      'utf8',
    ),
  ) as Json;

describe('describing a ProwJob for the store', () => {
  it('keys it like the crier statuses of its job, and names it by ProwJob name and state', () => {
    expect(describeProwJob(prowjob())).toEqual({
      ok: true,
      delivery: {
        id: 'prowjob:e0ffc648-e663-11f1-9e67-02fc00000001:failure',
        key: 'example-ack/lambda-controller:job:post-lambda-controller-release',
        repository: 'example-ack/lambda-controller',
      },
    });
  });

  it('routes a periodic by its first extra ref, and names what is missing', () => {
    const periodic = prowjob();
    delete periodic.spec.refs;
    expect(describeProwJob(periodic)).toMatchObject({
      ok: true,
      delivery: { repository: 'example-ack/test-infra' },
    });
    expect(describeProwJob({ spec: { type: 'periodic', job: 'x' }, status: {} })).toEqual({
      ok: false,
      error: expect.stringMatching(/^status\.state: /),
    });
  });
});

describe.each(BACKENDS)('POST /api/v1/prowjobs on %s', (backend) => {
  let harness: Harness;

  beforeEach(async () => {
    harness = await startHarness(backend, { env: { PROWJOB_TOKENS: `old-token, ${TOKEN}` } });
  });
  afterEach(async () => {
    await harness.close();
  });

  const post = (body: string, headers: Record<string, string> = {}) =>
    fetch(`${harness.url}/api/v1/prowjobs`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}`, ...headers },
      body,
    });
  const stored = async () =>
    harness.sheriff.store.db
      .selectFrom('deliveries')
      .select(['id', 'source', 'event', 'key', 'repository'])
      .execute();

  it('stores each ProwJob of an array as a prowjob delivery and hands it to the plugins', async () => {
    const success = prowjob();
    success.status.state = 'success';
    const response = await post(JSON.stringify([prowjob(), success]));
    expect(response.status).toBe(202);
    expect(await response.json()).toMatchObject({ stored: 2, duplicates: 0 });
    await harness.waitFor(() => harness.handled.length === 2);
    expect(harness.handled.map((event) => [event.source, event.name])).toEqual([
      ['prowjob', 'prowjob'],
      ['prowjob', 'prowjob'],
    ]);
    expect((await stored()).map((row) => row.id).sort()).toEqual([
      'prowjob:e0ffc648-e663-11f1-9e67-02fc00000001:failure',
      'prowjob:e0ffc648-e663-11f1-9e67-02fc00000001:success',
    ]);
  });

  it('accepts every token of a rotation, and answers a re-post as a duplicate', async () => {
    expect((await post(JSON.stringify(prowjob()), { authorization: 'Bearer old-token' })).status).toBe(202);
    expect((await post(JSON.stringify(prowjob()))).status).toBe(200);
  });

  it.each([
    ['no Authorization header', { authorization: '' }],
    ['a wrong token', { authorization: 'Bearer nope' }],
    ['a token prefix', { authorization: `Bearer ${TOKEN.slice(0, 5)}` }],
    ['another scheme', { authorization: `Token ${TOKEN}` }],
  ])('refuses %s with 401 and stores nothing', async (_name, headers) => {
    expect((await post(JSON.stringify(prowjob()), headers)).status).toBe(401);
    expect(await stored()).toEqual([]);
  });

  it('refuses an array with one bad ProwJob as a whole (400, each problem named), and bad JSON', async () => {
    const response = await post(JSON.stringify([prowjob(), { spec: { job: 'x' } }]));
    expect(response.status).toBe(400);
    expect(((await response.json()) as { problems: string[] }).problems).toEqual([
      expect.stringMatching(/^\[1\] spec\.type: /),
    ]);
    expect((await post('{not json')).status).toBe(400);
    expect((await post('[]')).status).toBe(400);
    expect(await stored()).toEqual([]);
  });

  it('refuses everything when no token is configured', async () => {
    await harness.close();
    harness = await startHarness(backend);
    expect((await post(JSON.stringify(prowjob()))).status).toBe(401);
  });
});
