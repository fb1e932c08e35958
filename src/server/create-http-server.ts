import Fastify, { type FastifyInstance, LogController } from 'fastify';
import type { Logger } from '../logging/logger.js';
import type { BootServer } from './boot-server.js';

/**
 * The HTTP server every route is registered on. JSON bodies are kept as raw bytes (the webhook
 * signature covers the exact bytes) and are capped by `bodyLimit`: fastify refuses an oversized
 * Content-Length with 413 before reading, and stops a chunked body as soon as it passes the cap,
 * so an unauthenticated 100 MB POST never sits in memory.
 */
/** What a route receives as `body` for a content type other than JSON. */
export const UNSUPPORTED_BODY = Symbol('unsupported content type');

const pendingHandlers = new WeakMap<BootServer, Parameters<BootServer['attach']>[0]>();

/** Makes the app answer on the boot socket (call after `app.ready()`). */
export function attachToBootServer(boot: BootServer): void {
  const handler = pendingHandlers.get(boot);
  if (!handler) throw new Error('this boot server was not given to createHttpServer');
  boot.attach(handler);
}

export function createHttpServer(options: {
  log: Logger;
  maxBodyBytes: number;
  /** A socket already listening (see `startBootServer`): the app takes it over once ready. */
  boot?: BootServer;
}): FastifyInstance {
  const { boot } = options;
  const app = Fastify({
    ...(boot
      ? {
          serverFactory: (handler: Parameters<BootServer['attach']>[0]) => {
            // Requests reach fastify only after `ready()`: see `Sheriff.listen`.
            pendingHandlers.set(boot, handler);
            return boot.server;
          },
        }
      : {}),
    loggerInstance: options.log,
    // One line per request would double the log volume; routes log what matters themselves.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: options.maxBodyBytes,
    // GitHub gives up after 10 s; a slow client must not hold a socket much longer than that.
    requestTimeout: 15_000,
    return503OnClosing: true,
  }) as unknown as FastifyInstance;
  app.removeAllContentTypeParsers();
  app.addContentTypeParser(['application/json'], { parseAs: 'buffer' }, (_request, body, done) =>
    done(null, body),
  );
  // Any other content type is read (within the same cap) and reaches routes as a marker, not
  // bytes, so the webhook route can answer 415.
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, _body, done) =>
    done(null, UNSUPPORTED_BODY),
  );
  return app;
}
