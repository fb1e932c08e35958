import { request as httpRequest } from 'node:http';
import { type AddressInfo, connect, createServer, type Server, type Socket } from 'node:net';
import { type Harness, startHarness, TEST_SECRET } from '../support/sheriff-harness.js';
import { BACKENDS, createScratchLocation, type ScratchLocation } from '../support/stores.js';
import { WORLD_FIXTURE_SECRET, webhookExample, worldGitHubDelivery } from '../support/webhook-examples.js';

describe.each(BACKENDS)('POST /api/github/webhooks on %s', (backend) => {
  let harness: Harness;

  beforeEach(async () => {
    harness = await startHarness(backend);
  });
  afterEach(async () => {
    await harness.close();
  });

  const storedDeliveries = async () =>
    Number(
      (
        await harness.sheriff.store.db
          .selectFrom('deliveries')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('stores a signed delivery, answers 202 and hands the event to the plugins', async () => {
    const payload = webhookExample('issue_comment', 'created');
    const response = await harness.send('issue_comment', payload, { delivery: 'd-1' });
    expect(response.status).toBe(202);
    await harness.waitFor(() => harness.handled.length === 1);
    const [event] = harness.handled;
    expect(event).toMatchObject({
      deliveryId: 'd-1',
      name: 'issue_comment',
      action: 'created',
      source: 'github',
    });
    expect(event!.payload).toEqual(payload);
    const stored = await harness.sheriff.deliveries.get('d-1');
    expect(stored?.key).toBe(
      `${(payload as { repository: { full_name: string } }).repository.full_name.toLowerCase()}#${(payload as { issue: { number: number } }).issue.number}`,
    );
  });

  it('accepts a fixture exactly as GitHub signed it, with every secret of a rotation', async () => {
    await harness.close();
    harness = await startHarness(backend, { env: { WEBHOOK_SECRETS: `new-secret,${WORLD_FIXTURE_SECRET}` } });
    const { body, headers } = worldGitHubDelivery('status-failure-post-lambda-controller-release');
    const response = await fetch(`${harness.url}/api/github/webhooks`, { method: 'POST', headers, body });
    expect(response.status).toBe(202);
    await harness.waitFor(() => harness.handled.length === 1);
    expect(harness.handled[0]!.deliveryId).toBe(headers['X-GitHub-Delivery']);
  });

  it.each([
    ['a forged signature', { signature: `sha256=${'0'.repeat(64)}` }],
    ['a signature made with another secret', { secret: 'not-the-secret' }],
    ['no signature', { signature: null }],
    ['a malformed signature', { signature: 'sha256=zz' }],
    ['a sha1 signature only', { signature: 'sha1=c11224b7c1e63d500b58efcaf2169abea1e8ac8f' }],
  ])('refuses %s with 401 and runs nothing', async (_name, options) => {
    const response = await harness.send('issue_comment', webhookExample('issue_comment', 'created'), options);
    expect(response.status).toBe(401);
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(harness.handled).toHaveLength(0);
    expect(await storedDeliveries()).toBe(0);
  });

  it('refuses every webhook when no secret is configured', async () => {
    await harness.close();
    harness = await startHarness(backend, { env: { WEBHOOK_SECRET: '' } });
    const response = await harness.send('ping', webhookExample('ping'), { secret: '' });
    expect(response.status).toBe(401);
    expect(await storedDeliveries()).toBe(0);
  });

  it('runs a redelivered id once', async () => {
    const payload = webhookExample('issues', 'opened');
    const first = await harness.send('issues', payload, { delivery: 'same-id' });
    const again = await Promise.all(
      [1, 2, 3].map(() => harness.send('issues', payload, { delivery: 'same-id' })),
    );
    expect(first.status).toBe(202);
    expect(again.map((response) => response.status)).toEqual([200, 200, 200]);
    await harness.waitFor(() => harness.handled.length >= 1);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(harness.handled.map((event) => event.deliveryId)).toEqual(['same-id']);
  });

  it('counts outcomes in /metrics', async () => {
    await harness.send('ping', webhookExample('ping'), { delivery: 'm-1' });
    await harness.send('ping', webhookExample('ping'), { delivery: 'm-1' });
    await harness.send('ping', webhookExample('ping'), { signature: null });
    await harness.waitFor(() => harness.handled.length === 1);
    const text = await (await fetch(`${harness.url}/metrics`)).text();
    expect(text).toContain(
      'sheriff_webhook_deliveries_total{source="github",event="ping",outcome="accepted"} 1',
    );
    expect(text).toContain(
      'sheriff_webhook_deliveries_total{source="github",event="ping",outcome="duplicate"} 1',
    );
    expect(text).toContain(
      'sheriff_webhook_deliveries_total{source="github",event="ping",outcome="unauthorized"} 1',
    );
    expect(text).toMatch(/sheriff_queue_depth\{state="pending"\} \d+/);
  });

  it('answers 400 for a signed body that is not JSON, and 415 for another content type', async () => {
    expect((await harness.send('ping', 'not json')).status).toBe(400);
    const form = await harness.send('ping', 'payload=%7B%7D', {
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(form.status).toBe(415);
  });

  it('refuses an oversized body with 413 before buffering it, and memory stays flat', async () => {
    await harness.close();
    harness = await startHarness(backend, { env: { MAX_BODY_BYTES: String(1024 * 1024) } });
    const declared = await harness.send('ping', 'x'.repeat(1024 * 1024 + 1));
    expect(declared.status).toBe(413);

    // 100 MB streamed without a Content-Length: the server must stop it at the cap.
    global.gc?.();
    const before = process.memoryUsage().rss;
    const status = await streamChunked(`${harness.url}/api/github/webhooks`, 100 * 1024 * 1024);
    const growth = process.memoryUsage().rss - before;
    expect(status).toBe(413);
    // Buffering the body would add at least its 100 MB (Probot: +400 MB, perf-rel 6.5). The margin
    // below that absorbs what a loaded machine's allocator and the store thread do meanwhile.
    expect(growth).toBeLessThan(96 * 1024 * 1024);
    expect(await storedDeliveries()).toBe(0);
  });
});

describe('POST /api/github/webhooks with the store down', () => {
  let harness: Harness | undefined;
  let proxy: TcpProxy | undefined;
  let scratch: ScratchLocation | undefined;

  afterEach(async () => {
    await harness?.close().catch(() => {});
    proxy?.close();
    await scratch?.dispose();
  });

  it('answers 503 on PostgreSQL when the server is unreachable, and 202 again once it is back', async () => {
    scratch = await createScratchLocation('postgres');
    if (scratch.location.backend !== 'postgres') throw new Error('unreachable');
    const target = new URL(scratch.location.databaseUrl);
    proxy = await startTcpProxy(Number(target.port || 5432));
    const viaProxy = new URL(target);
    viaProxy.port = String(proxy.port);
    harness = await startHarness('postgres', {
      location: { backend: 'postgres', databaseUrl: viaProxy.toString() },
    });

    proxy.cut();
    const down = await harness.send('ping', webhookExample('ping'), { delivery: 'while-down' });
    expect(down.status).toBe(503);

    proxy.restore();
    const up = await harness.send('ping', webhookExample('ping'), { delivery: 'while-down' });
    expect(up.status).toBe(202);
  });

  it('answers 503 on PGlite when the embedded store has failed', async () => {
    harness = await startHarness('pglite');
    // Closing the embedded database is what a failed disk or a crashed WASM instance looks like to us.
    await harness.sheriff.store.db.destroy();
    const response = await harness.send('ping', webhookExample('ping'), { secret: TEST_SECRET });
    expect(response.status).toBe(503);
    const ready = await fetch(`${harness.url}/readyz`);
    expect(ready.status).toBe(503);
  });
});

function streamChunked(url: string, totalBytes: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const target = new URL(url);
    const request = httpRequest(
      {
        host: target.hostname,
        port: target.port,
        path: target.pathname,
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'transfer-encoding': 'chunked',
          'x-github-event': 'ping',
          'x-github-delivery': 'too-big',
          'x-hub-signature-256': `sha256=${'0'.repeat(64)}`,
        },
      },
      (response) => {
        response.resume();
        resolve(response.statusCode ?? 0);
        request.destroy();
      },
    );
    request.on('error', (error) => {
      // The server may close the socket while we are still writing; the status already arrived.
      if (
        (error as NodeJS.ErrnoException).code !== 'ECONNRESET' &&
        (error as NodeJS.ErrnoException).code !== 'EPIPE'
      ) {
        reject(error);
      }
    });
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    let sent = 0;
    const pump = () => {
      while (sent < totalBytes && !request.destroyed) {
        sent += chunk.length;
        if (!request.write(chunk)) {
          request.once('drain', pump);
          return;
        }
      }
      if (!request.destroyed) request.end();
    };
    pump();
  });
}

interface TcpProxy {
  port: number;
  cut(): void;
  restore(): void;
  close(): void;
}

/** A loopback TCP proxy to PostgreSQL that a test can cut, to take the store away for real. */
async function startTcpProxy(targetPort: number): Promise<TcpProxy> {
  const sockets = new Set<Socket>();
  let open = true;
  const server: Server = createServer((client) => {
    if (!open) {
      client.destroy();
      return;
    }
    const upstream = connect(targetPort, '127.0.0.1');
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => {});
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    cut() {
      open = false;
      for (const socket of sockets) socket.destroy();
    },
    restore() {
      open = true;
    },
    close() {
      open = false;
      for (const socket of sockets) socket.destroy();
      server.close();
    },
  };
}
