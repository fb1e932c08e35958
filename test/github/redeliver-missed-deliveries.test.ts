import { generateKeyPairSync } from 'node:crypto';
import nock from 'nock';
import { createGitHubApp } from '../../src/github/github-app.js';
import { createRedeliveryTask } from '../../src/github/redeliver-missed-deliveries.js';
import { createLogger } from '../../src/logging/logger.js';
import { SheriffMetrics } from '../../src/metrics/sheriff-metrics.js';
import { DeliveryLog } from '../../src/store/delivery-log.js';
import type { Store } from '../../src/store/open-store.js';
import { RedeliveryLedger } from '../../src/store/redelivery-ledger.js';
import { BACKENDS, openScratchStore } from '../support/stores.js';

const { privateKey } = generateKeyPairSync('rsa', {
  modulusLength: 2048,
  privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
  publicKeyEncoding: { type: 'spki', format: 'pem' },
});

describe.each(BACKENDS)('the missed-delivery reconciler on %s', (backend) => {
  let store: Store;

  beforeEach(async () => {
    store = await openScratchStore(backend);
    nock.disableNetConnect();
  });
  afterEach(async () => {
    nock.cleanAll();
    nock.enableNetConnect();
    await store.close();
  });

  it('asks GitHub to redeliver what the store never saw, once, and remembers it asked', async () => {
    const now = new Date();
    const minutesAgo = (minutes: number) => new Date(now.getTime() - minutes * 60_000).toISOString();
    const deliveries = new DeliveryLog(store.db, store.payloadEncoder);
    await deliveries.record(
      [
        deliveries.encode({
          id: 'stored-guid',
          source: 'github',
          event: 'issues',
          action: 'opened',
          key: 'acme/widgets#1',
          installation_id: 1,
          repository: 'acme/widgets',
          payload: '{}',
        }),
      ],
      3,
    );
    const listed = [
      {
        id: 11,
        guid: 'missed-guid',
        delivered_at: minutesAgo(30),
        status_code: 503,
        event: 'issue_comment',
        action: 'created',
        redelivery: false,
        duration: 0.1,
        status: 'Service Unavailable',
        installation_id: 1,
        repository_id: 1,
      },
      {
        id: 12,
        guid: 'stored-guid',
        delivered_at: minutesAgo(20),
        status_code: 202,
        event: 'issues',
        action: 'opened',
        redelivery: false,
        duration: 0.1,
        status: 'OK',
        installation_id: 1,
        repository_id: 1,
      },
    ];
    const api = nock('https://api.github.com')
      .get('/app/hook/deliveries')
      .query({ per_page: '100' })
      .twice()
      .reply(200, listed)
      .post('/app/hook/deliveries/11/attempts')
      .once()
      .reply(202, {});

    const metrics = new SheriffMetrics({ defaultMetrics: false });
    const task = createRedeliveryTask({
      github: createGitHubApp({
        appId: '1',
        privateKey,
        baseUrl: 'https://api.github.com',
        log: createLogger('silent'),
        metrics,
      }),
      deliveries,
      ledger: new RedeliveryLedger(store.db),
      metrics,
      intervalMs: 60_000,
      windowHours: 72,
      maxPerRun: 10,
    });
    const log = createLogger('silent');
    expect(await task.run({ log, state: undefined, now })).toEqual({ listed: 2, redelivered: 1 });
    expect(await new RedeliveryLedger(store.db).counts(['missed-guid'])).toEqual(
      new Map([['missed-guid', 1]]),
    );
    expect(api.isDone()).toBe(false); // the second listing is still pending
    // The next run sees the same listing; the ledger allows more tries, so one more request is expected.
    api.post('/app/hook/deliveries/11/attempts').reply(202, {});
    expect(await task.run({ log, state: undefined, now })).toEqual({ listed: 2, redelivered: 1 });
    expect(await new RedeliveryLedger(store.db).counts(['missed-guid'])).toEqual(
      new Map([['missed-guid', 2]]),
    );
    expect(api.isDone()).toBe(true);
  });
});
