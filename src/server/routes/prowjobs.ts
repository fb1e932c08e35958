import { bearerToken, isAcceptedToken } from '../accepted-token.js';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from '../../logging/logger.js';
import type { DeliveryOutcome, SheriffMetrics } from '../../metrics/sheriff-metrics.js';
import { type DeliveryIntake, StoreUnavailableError } from '../../pipeline/delivery-intake.js';
import { describeProwJob, type ProwJobDelivery } from '../../prowjobs/prowjob-delivery.js';

export const PROWJOBS_PATH = '/api/v1/prowjobs';

/** The event name a posted ProwJob is stored and dispatched under. */
export const PROWJOB_EVENT = 'prowjob';

export interface ProwJobRouteOptions {
  intake: DeliveryIntake;
  /** Accepted bearer tokens; empty refuses every request. */
  tokens: readonly string[];
  metrics: SheriffMetrics;
  log: Logger;
}

/**
 * `POST /api/v1/prowjobs`: one ProwJob or an array of them, for jobs crier never reports to
 * GitHub (periodics) or that a cluster-side hook forwards. Checks, in order: bearer token
 * (constant time; 401) → JSON (415/400) → every ProwJob's shape (400, nothing stored) → durable
 * write → 202 (200 when every one was already stored). Like webhooks, nothing reaches a plugin
 * before it is stored.
 *
 * @example
 * curl -H 'Authorization: Bearer $PROWJOB_TOKEN' -H 'Content-Type: application/json' \
 *   --data @prowjob.json https://sheriff.example.dev/api/v1/prowjobs
 */
export function registerProwJobRoute(app: FastifyInstance, options: ProwJobRouteOptions): void {
  const { intake, tokens, metrics, log } = options;
  if (tokens.length === 0) {
    log.info('no PROWJOB_TOKEN is configured: POST /api/v1/prowjobs refuses every request with 401');
  }

  app.post(PROWJOBS_PATH, async (request: FastifyRequest, reply: FastifyReply) => {
    const outcome = (result: DeliveryOutcome, status: number, body: Record<string, unknown>) => {
      metrics.deliveries.inc({ source: 'prowjob', event: PROWJOB_EVENT, outcome: result });
      return reply.code(status).send(body);
    };

    if (!isAcceptedToken(bearerToken(request.headers.authorization), tokens)) {
      request.log.warn('ProwJob post refused: missing or invalid bearer token');
      return outcome('unauthorized', 401, { message: 'a valid Authorization: Bearer token is required' });
    }
    const body = request.body;
    if (!Buffer.isBuffer(body)) {
      return outcome('bad_request', 415, { message: 'Content-Type must be application/json' });
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(body.toString('utf8'));
    } catch {
      return outcome('bad_request', 400, { message: 'body is not valid JSON' });
    }
    const items = Array.isArray(parsed) ? parsed : [parsed];
    if (items.length === 0) return outcome('bad_request', 400, { message: 'no ProwJob in the body' });

    const deliveries: Array<{ delivery: ProwJobDelivery; payload: unknown }> = [];
    const problems: string[] = [];
    items.forEach((item, index) => {
      const described = describeProwJob(item);
      if (described.ok) deliveries.push({ delivery: described.delivery, payload: item });
      else problems.push(Array.isArray(parsed) ? `[${index}] ${described.error}` : described.error);
    });
    if (problems.length > 0) {
      return outcome('bad_request', 400, { message: 'not a ProwJob', problems });
    }

    try {
      const results = await Promise.all(
        deliveries.map(({ delivery, payload }) =>
          intake.accept({
            id: delivery.id,
            source: 'prowjob',
            event: PROWJOB_EVENT,
            action: null,
            key: delivery.key,
            installation_id: null,
            repository: delivery.repository,
            // One item re-serialised: its bytes are not covered by a signature, unlike a webhook's.
            payload: JSON.stringify(payload),
          }),
        ),
      );
      const stored = results.filter((result) => result === 'stored').length;
      const ids = deliveries.map(({ delivery }) => delivery.id);
      return stored > 0
        ? outcome('accepted', 202, { status: 'accepted', stored, duplicates: results.length - stored, ids })
        : outcome('duplicate', 200, { status: 'duplicate', stored, duplicates: results.length, ids });
    } catch (error) {
      if (!(error instanceof StoreUnavailableError)) throw error;
      request.log.error({ err: error }, 'ProwJobs not stored; answering 503');
      return outcome('store_unavailable', 503, {
        message: 'Sheriff could not store the ProwJobs; post again later',
      });
    }
  });
}
