import { isAcceptedToken } from '../accepted-token.js';
import type { IncomingMessage } from 'node:http';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { describeFlaggerPost } from '../../flagger/flagger-delivery.js';
import type { Logger } from '../../logging/logger.js';
import type { DeliveryOutcome, SheriffMetrics } from '../../metrics/sheriff-metrics.js';
import { type DeliveryIntake, StoreUnavailableError } from '../../pipeline/delivery-intake.js';

export const FLAGGER_PATH = '/api/v1/flagger';

/** The event name a Flagger post is stored and dispatched under. */
export const FLAGGER_EVENT = 'flagger';

export interface FlaggerRouteOptions {
  intake: DeliveryIntake;
  /** Accepted tokens; empty refuses every request. */
  tokens: readonly string[];
  metrics: SheriffMetrics;
  log: Logger;
}

/**
 * `POST /api/v1/flagger`: Flagger's `event` and `post-rollout` webhooks. Flagger cannot sign
 * nor send a header, so the webhook URL carries a token: `/api/v1/flagger/<token>` or
 * `?token=<token>`, plus `repository=owner/name`. Checks, in order: token (constant time; 401)
 * → JSON (415/400) → a gate or rollback hook (403: Sheriff is never a gate) → shape and
 * repository (400) → durable write → 202 (200 for a repeat). Processing is asynchronous.
 *
 * The token is cut out of the request URL before fastify sees the request, so no log line,
 * error report or 404 message can ever show it.
 *
 * @example
 * # in the Canary: analysis.webhooks[]
 * - name: sheriff
 *   type: event
 *   url: http://sheriff.prow.svc:3000/api/v1/flagger/<token>?repository=example-ack/lambda-controller
 */
export function registerFlaggerRoute(app: FastifyInstance, options: FlaggerRouteOptions): void {
  const { intake, tokens, metrics, log } = options;
  if (tokens.length === 0) {
    log.info('no FLAGGER_TOKEN is configured: POST /api/v1/flagger refuses every request with 401');
  }
  const tokenOf = new WeakMap<IncomingMessage, string>();
  // Runs before fastify's own listener: the URL fastify routes and logs no longer has the token.
  app.server.prependListener('request', (request: IncomingMessage) => {
    const redacted = redactFlaggerToken(request.url ?? '');
    if (!redacted) return;
    request.url = redacted.url;
    if (redacted.token !== undefined) tokenOf.set(request, redacted.token);
  });

  app.post(FLAGGER_PATH, async (request: FastifyRequest, reply: FastifyReply) => {
    const outcome = (result: DeliveryOutcome, status: number, body: Record<string, unknown>) => {
      metrics.deliveries.inc({ source: 'flagger', event: FLAGGER_EVENT, outcome: result });
      return reply.code(status).send(body);
    };

    if (!isAcceptedToken(tokenOf.get(request.raw), tokens)) {
      request.log.warn('Flagger post refused: missing or invalid token');
      return outcome('unauthorized', 401, {
        message: 'a valid token is required: /api/v1/flagger/<token> or ?token=<token>',
      });
    }
    const body = request.body;
    if (!Buffer.isBuffer(body)) {
      return outcome('bad_request', 415, { message: 'Content-Type must be application/json' });
    }
    const text = body.toString('utf8');
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      return outcome('bad_request', 400, { message: 'body is not valid JSON' });
    }
    const query = request.query as Record<string, unknown>;
    const repository = typeof query.repository === 'string' ? query.repository : undefined;
    const described = describeFlaggerPost(parsed, repository);
    if (!described.ok) {
      if (described.refused) {
        request.log.warn('Flagger gate or rollback hook refused: Sheriff is never a gate');
        return outcome('bad_request', 403, { message: described.error });
      }
      return outcome('bad_request', 400, { message: described.error });
    }

    const { delivery } = described;
    try {
      const result = await intake.accept({
        id: delivery.id,
        source: 'flagger',
        event: FLAGGER_EVENT,
        action: delivery.hook,
        key: delivery.key,
        installation_id: null,
        repository: delivery.repository,
        payload: text,
      });
      return result === 'stored'
        ? outcome('accepted', 202, { status: 'accepted', id: delivery.id })
        : outcome('duplicate', 200, { status: 'duplicate', id: delivery.id });
    } catch (error) {
      if (!(error instanceof StoreUnavailableError)) throw error;
      request.log.error({ err: error }, 'Flagger post not stored; answering 503');
      return outcome('store_unavailable', 503, {
        message: 'Sheriff could not store the post; Flagger retries only if the webhook sets retries',
      });
    }
  });
}

/**
 * Takes the token out of a Flagger URL (from the path or from `?token=`) and gives the URL
 * without it; undefined for a URL outside `/api/v1/flagger`.
 *
 * @example
 * redactFlaggerToken('/api/v1/flagger/s3cr3t?repository=acme/widgets');
 * // { url: '/api/v1/flagger?repository=acme%2Fwidgets', token: 's3cr3t' }
 */
export function redactFlaggerToken(url: string): { url: string; token: string | undefined } | undefined {
  if (!url.startsWith(FLAGGER_PATH)) return undefined;
  const rest = url.slice(FLAGGER_PATH.length);
  if (rest !== '' && !rest.startsWith('/') && !rest.startsWith('?')) return undefined;
  const at = rest.indexOf('?');
  const path = at === -1 ? rest : rest.slice(0, at);
  const params = new URLSearchParams(at === -1 ? '' : rest.slice(at + 1));
  const fromQuery = params.get('token') ?? undefined;
  params.delete('token');
  const fromPath = path.replace(/^\/+/, '');
  const search = params.toString();
  return {
    url: `${FLAGGER_PATH}${search ? `?${search}` : ''}`,
    token: fromPath !== '' ? decodeOrKeep(fromPath) : fromQuery,
  };
}

function decodeOrKeep(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
