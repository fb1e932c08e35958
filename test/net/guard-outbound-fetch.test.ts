import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  guardOutboundFetch,
  OutboundRefusedError,
  type ResolveHost,
} from '../../src/net/guard-outbound-fetch.js';

/** A resolver that gives its answers in turn (the last one from then on), and counts the questions. */
function answering(...answers: string[][]): ResolveHost & { asked: string[] } {
  const asked: string[] = [];
  return Object.assign(
    async (host: string) => {
      asked.push(host);
      return answers[Math.min(asked.length, answers.length) - 1]!;
    },
    { asked },
  );
}

describe('fetching URLs that come from repositories’ config', () => {
  let server: Server;
  let base: string;
  let port: number;
  const hits: string[] = [];
  let onStall = (): void => {};

  beforeAll(async () => {
    server = createServer((request, response) => {
      hits.push(request.url ?? '');
      if (request.url === '/hop') {
        response.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/' });
        response.end();
        return;
      }
      if (request.url === '/stall') {
        onStall();
        return;
      }
      response.end('v1.30.0');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
    base = `http://127.0.0.1:${port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  beforeEach(() => {
    hits.length = 0;
  });

  it('refuses loopback, private, link-local and local names without an allowlist, before connecting', async () => {
    const guarded = guardOutboundFetch(globalThis.fetch, []);
    for (const url of [
      `${base}/marker`,
      'http://169.254.169.254/latest/meta-data/',
      'http://10.1.2.3/x',
      'http://[::1]/x',
      'http://[::ffff:127.0.0.1]/x',
      'http://localhost/x',
      'http://metadata.google.internal/x',
      'file:///etc/passwd',
    ])
      await expect(guarded(url)).rejects.toBeInstanceOf(OutboundRefusedError);
    expect(hits).toEqual([]);
  });

  it('fetches an allowed host, and checks where a redirect goes again', async () => {
    const guarded = guardOutboundFetch(globalThis.fetch, ['127.0.0.1']);
    expect(await (await guarded(`${base}/marker`)).text()).toBe('v1.30.0');
    await expect(guarded(`${base}/hop`)).rejects.toThrow(
      /169\.254\.169\.254 is not in OUTBOUND_ALLOWED_HOSTS/,
    );
    expect(hits).toEqual(['/marker', '/hop']);
  });

  it('refuses hosts outside the allowlist, subdomain patterns included', async () => {
    const guarded = guardOutboundFetch(globalThis.fetch, ['*.storage.example.dev']);
    await expect(guarded('http://evil.example.com/x')).rejects.toBeInstanceOf(OutboundRefusedError);
    await expect(guarded(`${base}/marker`)).rejects.toBeInstanceOf(OutboundRefusedError);
  });

  it('refuses a name whose DNS answer turns private between the check and the connection', async () => {
    const resolve = answering(['93.184.216.34'], ['127.0.0.1']);
    const guarded = guardOutboundFetch(globalThis.fetch, [], resolve);
    await expect(guarded(`http://rebind.example.test:${port}/marker`)).rejects.toThrow(
      new OutboundRefusedError(
        'not fetched: rebind.example.test resolved to a private address (127.0.0.1) on connect',
      ),
    );
    expect(resolve.asked).toEqual(['rebind.example.test', 'rebind.example.test']);
    expect(hits).toEqual([]);
  });

  it('connects to the address its resolver gave, not to another DNS answer', async () => {
    const resolve = answering(['127.0.0.1']);
    const guarded = guardOutboundFetch(globalThis.fetch, ['marker.example.test'], resolve);
    const response = await guarded(`http://marker.example.test:${port}/marker`);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('v1.30.0');
    expect(hits).toEqual(['/marker']);
  });

  it('gives up when the caller’s signal aborts a request the server never answers', async () => {
    const controller = new AbortController();
    onStall = () => controller.abort(new Error('marker took too long'));
    const guarded = guardOutboundFetch(globalThis.fetch, ['127.0.0.1']);
    await expect(guarded(`${base}/stall`, { signal: controller.signal })).rejects.toThrow(
      'marker took too long',
    );
    expect(hits).toEqual(['/stall']);
  });

  it('hands an injected fetch the checked URL, redirects left to the guard', async () => {
    const calls: Array<{ url: string; redirect: RequestInit['redirect'] }> = [];
    const inner: typeof globalThis.fetch = async (input, init) => {
      calls.push({ url: String(input), redirect: init?.redirect });
      return new Response('v1.30.0');
    };
    const guarded = guardOutboundFetch(inner, [], answering(['93.184.216.34']));
    expect(await (await guarded('https://storage.example.test/marker.txt')).text()).toBe('v1.30.0');
    expect(calls).toEqual([{ url: 'https://storage.example.test/marker.txt', redirect: 'manual' }]);
  });
});
