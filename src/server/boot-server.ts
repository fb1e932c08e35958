import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

type RequestHandler = (request: IncomingMessage, response: ServerResponse) => void;

/** The listening socket, taken before the store is open; the app attaches to it once ready. */
export interface BootServer {
  readonly server: Server;
  /** `http://host:port` it listens on. */
  readonly url: string;
  /** Hands every later request to the app (fastify's handler, once `ready()`). */
  attach(handler: RequestHandler): void;
  close(): Promise<void>;
}

/**
 * Listens at once, before the store opens (PGlite takes seconds, more on a loaded machine): while
 * starting, `/healthz` answers 200 (the process is alive), `/readyz` 503, and every other request
 * 503 with `Retry-After`, so a delivery is refused honestly (GitHub shows it failed and the
 * reconciler asks for it again) instead of being accepted and lost. `attach` switches the same
 * socket over to the app without a moment of refused connections.
 */
export async function startBootServer(options: { port: number; host: string }): Promise<BootServer> {
  let handler: RequestHandler | undefined;
  const server = createServer((request, response) => {
    if (handler) {
      handler(request, response);
      return;
    }
    const path = (request.url ?? '/').split('?')[0];
    const send = (status: number, body: object, headers: Record<string, string> = {}) => {
      response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
      response.end(JSON.stringify(body));
    };
    // The body of a refused request is not read; close the connection rather than drain it.
    if (path === '/healthz' && request.method === 'GET') send(200, { status: 'starting' });
    else if (path === '/readyz' && request.method === 'GET')
      send(503, { status: 'not ready', reason: 'the store is opening' });
    else
      send(
        503,
        { message: 'Sheriff is starting: deliver again in a few seconds' },
        { 'retry-after': '5', connection: 'close' },
      );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    server,
    url: `http://${host}:${address.port}`,
    attach: (next) => {
      handler = next;
    },
    close: () =>
      new Promise<void>((resolve) => {
        if (!server.listening) return resolve();
        server.close(() => resolve());
        server.closeIdleConnections();
      }),
  };
}
