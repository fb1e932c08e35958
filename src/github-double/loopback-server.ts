import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { DoubleRequest, DoubleResponse } from './request-handler.js';

export interface LoopbackServer {
  /** `http://127.0.0.1:<port>`: pass it as Octokit's `baseUrl`. */
  baseUrl: string;
  close(): Promise<void>;
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function toHeaders(request: IncomingMessage): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(request.headers)) {
    if (Array.isArray(value)) for (const item of value) headers.append(name, item);
    else if (value !== undefined) headers.set(name, value);
  }
  return headers;
}

/**
 * Serves a handler over node:http on 127.0.0.1 with an ephemeral port.
 *
 * @example
 * const server = await listenOnLoopback((request) => handler.handle(request));
 * const octokit = new Octokit({ baseUrl: server.baseUrl });
 * await server.close();
 */
export async function listenOnLoopback(handle: (request: DoubleRequest) => Promise<DoubleResponse>) {
  const server = createServer((request, response) => {
    void (async () => {
      try {
        const host = request.headers.host ?? '127.0.0.1';
        const answer = await handle({
          method: request.method ?? 'GET',
          url: new URL(request.url ?? '/', `http://${host}`),
          headers: toHeaders(request),
          bodyText: await readBody(request),
        });
        response.sendDate = false;
        response.writeHead(answer.status, answer.headers);
        response.end(answer.body ?? undefined);
      } catch (error) {
        response.writeHead(500, { 'content-type': 'application/json; charset=utf-8' });
        response.end(JSON.stringify({ message: `GitHub double failed: ${(error as Error).message}` }));
      }
    })();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const loopback: LoopbackServer = {
    baseUrl: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // Keep-alive connections would hold close() open until they time out.
        server.closeAllConnections();
      }),
  };
  return loopback;
}
