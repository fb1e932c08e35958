import { createSheriff, type Sheriff } from '../../src/app/create-sheriff.js';
import { createLogger } from '../../src/logging/logger.js';
import { startBootServer, type BootServer } from '../../src/server/boot-server.js';
import { testSettings } from '../support/sheriff-harness.js';
import { BACKENDS, createScratchLocation } from '../support/stores.js';

describe('the boot server', () => {
  let boot: BootServer;
  afterEach(async () => {
    await boot?.close();
  });

  it('is alive but not ready while the store opens, and refuses deliveries with a retry-after', async () => {
    boot = await startBootServer({ port: 0, host: '127.0.0.1' });
    const health = await fetch(`${boot.url}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'starting' });
    const ready = await fetch(`${boot.url}/readyz`);
    expect(ready.status).toBe(503);
    const delivery = await fetch(`${boot.url}/api/github/webhooks`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-github-event': 'ping' },
      body: '{}',
    });
    // Never 2xx: nothing was stored, so GitHub must record a failure the reconciler can redeliver.
    expect(delivery.status).toBe(503);
    expect(delivery.headers.get('retry-after')).toBe('5');
  });
});

describe.each(BACKENDS)('Sheriff taking over the boot socket on %s', (backend) => {
  let sheriff: Sheriff | undefined;
  let boot: BootServer;
  let dispose: (() => Promise<void>) | undefined;

  afterEach(async () => {
    await sheriff?.stop();
    await boot.close();
    await dispose?.();
  });

  it('serves its own routes on the same port once the store is open, and frees it on stop', async () => {
    boot = await startBootServer({ port: 0, host: '127.0.0.1' });
    const scratch = await createScratchLocation(backend);
    dispose = () => scratch.dispose();
    sheriff = await createSheriff({
      settings: testSettings(scratch.location),
      log: createLogger('silent'),
      boot,
    });
    expect((await fetch(`${boot.url}/readyz`)).status).toBe(503);
    expect(await sheriff.listen()).toBe(boot.url);
    const ready = await fetch(`${boot.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: 'ready', store: backend });
    const unsigned = await fetch(`${boot.url}/api/github/webhooks`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-github-event': 'ping', 'x-github-delivery': 'd1' },
      body: '{}',
    });
    expect(unsigned.status).toBe(401);
    await sheriff.stop();
    sheriff = undefined;
    expect(boot.server.listening).toBe(false);
  });
});
