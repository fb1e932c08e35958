import type { IncomingMessage } from 'node:http';
import { request as requestHttp } from 'node:http';
import { request as requestHttps } from 'node:https';
import type { LookupFunction } from 'node:net';
import { Readable } from 'node:stream';
import { OutboundRefusedError } from './outbound-refused-error.js';

/** A config URL that names a server which never answers must not hold a job forever. */
const DEFAULT_TIMEOUT_MS = 30_000;
const NULL_BODY_STATUSES = new Set([101, 204, 205, 304]);

function responseOf(message: IncomingMessage, method: string): Response {
  const headers = new Headers();
  for (let i = 0; i + 1 < message.rawHeaders.length; i += 2)
    headers.append(message.rawHeaders[i]!, message.rawHeaders[i + 1]!);
  const status = message.statusCode ?? 0;
  if (method === 'HEAD' || NULL_BODY_STATUSES.has(status)) {
    message.resume();
    return new Response(null, { status, statusText: message.statusMessage, headers });
  }
  const body = Readable.toWeb(message) as ReadableStream<Uint8Array>;
  return new Response(body, { status, statusText: message.statusMessage, headers });
}

/**
 * A `fetch` over `node:http(s)` whose connections resolve through `lookup`. Node's `fetch` cannot
 * take a connect-time lookup without undici's `Agent`, which Node 20 does not export and Sheriff
 * does not depend on. It never follows redirects (the guard does, checking each hop), and without a
 * caller's `signal` it gives up after DEFAULT_TIMEOUT_MS.
 */
export function fetchOverNodeHttp(lookup: LookupFunction): typeof globalThis.fetch {
  return async (input, init) => {
    const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
    const method = (init?.method ?? 'GET').toUpperCase();
    const body =
      init?.body === undefined || init.body === null
        ? undefined
        : Buffer.from(await new Response(init.body).arrayBuffer());
    const signal = init?.signal ?? AbortSignal.timeout(DEFAULT_TIMEOUT_MS);
    signal.throwIfAborted();
    const send = url.protocol === 'https:' ? requestHttps : requestHttp;
    return new Promise<Response>((resolve, reject) => {
      let received: IncomingMessage | undefined;
      const request = send(url, {
        method,
        headers: Object.fromEntries(new Headers(init?.headers)),
        lookup,
        // A pooled socket could have been connected without this lookup; one connection per request.
        agent: false,
      });
      const abort = (): void => {
        request.destroy(signal.reason);
        received?.destroy(signal.reason);
      };
      signal.addEventListener('abort', abort, { once: true });
      request.on('error', (error) => {
        signal.removeEventListener('abort', abort);
        reject(
          error instanceof OutboundRefusedError || error === signal.reason
            ? error
            : new TypeError('fetch failed', { cause: error }),
        );
      });
      request.on('response', (message) => {
        received = message;
        message.on('close', () => signal.removeEventListener('abort', abort));
        try {
          resolve(responseOf(message, method));
        } catch (error) {
          message.destroy();
          reject(new TypeError('fetch failed', { cause: error }));
        }
      });
      request.end(body);
    });
  };
}
