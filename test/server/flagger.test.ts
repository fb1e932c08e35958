import { readFileSync } from 'node:fs';
import Fastify, { type FastifyInstance } from 'fastify';
import { describeFlaggerPost, FLAGGER_GATE_REFUSAL } from '../../src/flagger/flagger-delivery.js';
import { createLogger } from '../../src/logging/logger.js';
import { SheriffMetrics } from '../../src/metrics/sheriff-metrics.js';
import type { DeliveryIntake } from '../../src/pipeline/delivery-intake.js';
import { redactFlaggerToken, registerFlaggerRoute } from '../../src/server/routes/flagger.js';
import type { NewDelivery } from '../../src/store/schema.js';
import { sharedFixturePath } from '../support/webhook-examples.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const fixture = (name: string): Json =>
  JSON.parse(readFileSync(sharedFixturePath('world', 'flagger', `${name}.json`), 'utf8')) as Json;
const REPO = 'example-ack/lambda-controller';

describe('reading a Flagger post', () => {
  it('tells an event webhook, a post-rollout hook and a gate apart by their shape', () => {
    expect(
      describeFlaggerPost(fixture('event-progressing-rolling-back-progress-deadline'), REPO),
    ).toMatchObject({
      ok: true,
      delivery: {
        key: 'example-ack/lambda-controller:canary:prod-us-west-2/ack-system/lambda-controller',
        repository: REPO,
        hook: 'event',
      },
    });
    expect(describeFlaggerPost(fixture('post-rollout-failed'), REPO)).toMatchObject({
      ok: true,
      delivery: { hook: 'post-rollout' },
    });
    const gate = fixture('post-rollout-failed');
    gate.phase = 'Progressing';
    expect(describeFlaggerPost(gate, REPO)).toEqual({
      ok: false,
      refused: true,
      error: FLAGGER_GATE_REFUSAL,
    });
  });

  it('gives a repeated post the same id, and an event re-emitted at the next interval a new one', () => {
    const event = fixture('event-failed-canary-failed-scaling-down');
    const id = (body: Json, repository = REPO) => {
      const described = describeFlaggerPost(body, repository);
      if (!described.ok) throw new Error(described.error);
      return described.delivery.id;
    };
    const reordered = { metadata: event.metadata, checksum: event.checksum, ...event };
    expect(id(reordered)).toBe(id(event));
    expect(id(event, 'example-ack/s3-controller')).not.toBe(id(event));
    const later = structuredClone(event);
    later.metadata.timestamp = String(Number(later.metadata.timestamp) + 60_000);
    expect(id(later)).not.toBe(id(event));
  });

  it('takes the repository from the URL, else from metadata.repository, and names what is wrong', () => {
    const event = fixture('event-failed-canary-failed-scaling-down');
    expect(describeFlaggerPost(event, undefined)).toEqual({
      ok: false,
      refused: false,
      error: expect.stringMatching(/^no repository: add \?repository=owner\/name to the webhook URL/),
    });
    event.metadata.repository = 'example-ack/s3-controller';
    expect(describeFlaggerPost(event, undefined)).toMatchObject({
      ok: true,
      delivery: { repository: 'example-ack/s3-controller' },
    });
    expect(describeFlaggerPost(event, 'not a repository')).toEqual({
      ok: false,
      refused: false,
      error: 'repository: must be "owner/name", not "not a repository"',
    });
    expect(describeFlaggerPost({ name: 'x', phase: 'Failed' }, REPO)).toEqual({
      ok: false,
      refused: false,
      error: expect.stringMatching(/^namespace: /),
    });
  });
});

describe('the token in a Flagger webhook URL', () => {
  it.each([
    ['/api/v1/flagger/s3cr3t?repository=acme/widgets', '/api/v1/flagger?repository=acme%2Fwidgets', 's3cr3t'],
    [
      '/api/v1/flagger?token=s3cr3t&repository=acme/widgets',
      '/api/v1/flagger?repository=acme%2Fwidgets',
      's3cr3t',
    ],
    [
      '/api/v1/flagger?repository=acme/widgets&token=s3cr3t',
      '/api/v1/flagger?repository=acme%2Fwidgets',
      's3cr3t',
    ],
    ['/api/v1/flagger/a%2Fb/c', '/api/v1/flagger', 'a/b/c'],
    ['/api/v1/flagger', '/api/v1/flagger', undefined],
  ])('is cut out of %s', (url, redacted, token) => {
    expect(redactFlaggerToken(url)).toEqual({ url: redacted, token });
  });

  it('leaves other paths alone', () => {
    expect(redactFlaggerToken('/api/v1/flaggerish?token=x')).toBeUndefined();
    expect(redactFlaggerToken('/api/github/webhooks?token=x')).toBeUndefined();
  });

  describe('on a server that logs every request URL (fastify with request logging on)', () => {
    let app: FastifyInstance;
    let lines: string[];
    let accepted: NewDelivery[];

    beforeEach(async () => {
      lines = [];
      accepted = [];
      const log = createLogger('trace', { write: (line: string) => void lines.push(line) });
      app = Fastify({ loggerInstance: log }) as unknown as FastifyInstance;
      app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_request, body, done) =>
        done(null, body),
      );
      const intake = {
        accept: async (delivery: NewDelivery) => {
          accepted.push(delivery);
          return 'stored';
        },
      } as unknown as DeliveryIntake;
      registerFlaggerRoute(app, {
        intake,
        tokens: ['old-token', 's3cr3t-t0ken'],
        metrics: new SheriffMetrics(),
        log,
      });
      await app.listen({ port: 0, host: '127.0.0.1' });
    });
    afterEach(async () => {
      await app.close();
    });

    const post = (path: string) =>
      fetch(`http://127.0.0.1:${(app.server.address() as { port: number }).port}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(fixture('event-failed-canary-failed-scaling-down')),
      });

    it('logs the URL without the token, in the path or the query, accepted or refused', async () => {
      expect(
        (await post('/api/v1/flagger/s3cr3t-t0ken?repository=example-ack/lambda-controller')).status,
      ).toBe(202);
      expect(
        (await post('/api/v1/flagger?token=s3cr3t-t0ken&repository=example-ack/lambda-controller')).status,
      ).toBe(202);
      expect((await post('/api/v1/flagger?token=wr0ng-t0ken')).status).toBe(401);
      expect((await post('/api/v1/flagger/s3cr3t-t0ken/extra')).status).toBe(401);
      expect(accepted.map((delivery) => delivery.repository)).toEqual([REPO, REPO]);
      const text = lines.join('');
      // The URLs are logged (so the test sees what a leak would look like) ...
      expect(text).toContain('"url":"/api/v1/flagger?repository=example-ack%2Flambda-controller"');
      // ... and no token is.
      expect(text).not.toContain('s3cr3t-t0ken');
      expect(text).not.toContain('wr0ng-t0ken');
    });
  });
});
