import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { guardOutboundFetch, OutboundRefusedError } from '../../src/net/guard-outbound-fetch.js';

describe('fetching URLs that come from repositories’ config', () => {
  let server: Server;
  let base: string;
  const hits: string[] = [];

  beforeAll(async () => {
    server = createServer((request, response) => {
      hits.push(request.url ?? '');
      if (request.url === '/hop') {
        response.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/' });
        response.end();
        return;
      }
      response.end('v1.30.0');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
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
});
