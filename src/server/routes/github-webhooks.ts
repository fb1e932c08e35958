import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from '../../logging/logger.js';
import type { DeliveryOutcome, SheriffMetrics } from '../../metrics/sheriff-metrics.js';
import { type DeliveryIntake, StoreUnavailableError } from '../../pipeline/delivery-intake.js';
import { type GitHubPayload, keyForGitHubEvent } from '../../webhooks/delivery-key.js';
import { verifySignature } from '../../webhooks/verify-signature.js';

export const GITHUB_WEBHOOK_PATH = '/api/github/webhooks';

export interface GitHubWebhookRouteOptions {
  intake: DeliveryIntake;
  secrets: readonly string[];
  metrics: SheriffMetrics;
  log: Logger;
}

/**
 * `POST /api/github/webhooks`: GitHub's deliveries, direct or forwarded by Prow's hook (same
 * bytes, same headers, same secret). The order of checks is the security design:
 * size (before buffering, by fastify's body limit) → signature → parse → durable write → 2xx.
 * Nothing reaches a plugin unless it was verified and stored.
 */
export function registerGitHubWebhookRoute(app: FastifyInstance, options: GitHubWebhookRouteOptions): void {
  const { intake, secrets, metrics, log } = options;
  if (secrets.length === 0) {
    log.warn('no webhook secret is configured: every webhook will be refused with 401');
  }

  app.post(GITHUB_WEBHOOK_PATH, async (request: FastifyRequest, reply: FastifyReply) => {
    const started = process.hrtime.bigint();
    const event = header(request, 'x-github-event');
    const deliveryId = header(request, 'x-github-delivery');
    const outcome = (result: DeliveryOutcome, status: number, body: Record<string, unknown>) => {
      metrics.deliveries.inc({ source: 'github', event: event ?? 'unknown', outcome: result });
      metrics.ackDuration.observe(Number(process.hrtime.bigint() - started) / 1e9);
      return reply.code(status).send(body);
    };

    const body = request.body;
    if (!Buffer.isBuffer(body)) {
      return outcome('bad_request', 415, { message: 'Content-Type must be application/json' });
    }
    if (secrets.length === 0 || !verifySignature(body, header(request, 'x-hub-signature-256'), secrets)) {
      request.log.warn({ delivery: deliveryId, event }, 'webhook refused: missing or invalid signature');
      return outcome('unauthorized', 401, { message: 'signature does not match' });
    }
    if (!event || !deliveryId) {
      return outcome('bad_request', 400, { message: 'X-GitHub-Event and X-GitHub-Delivery are required' });
    }

    // Decoded once: parsed here, stored as text below.
    const text = body.toString('utf8');
    let payload: GitHubPayload;
    try {
      payload = JSON.parse(text) as GitHubPayload;
    } catch {
      return outcome('bad_request', 400, { message: 'body is not valid JSON' });
    }
    if (payload === null || typeof payload !== 'object') {
      return outcome('bad_request', 400, { message: 'body must be a JSON object' });
    }

    try {
      const result = await intake.accept({
        id: deliveryId,
        source: 'github',
        event,
        action: typeof payload.action === 'string' ? payload.action : null,
        key: keyForGitHubEvent(event, payload),
        installation_id: typeof payload.installation?.id === 'number' ? payload.installation.id : null,
        repository: payload.repository?.full_name ?? null,
        payload: text,
      });
      return result === 'stored'
        ? outcome('accepted', 202, { delivery: deliveryId, status: 'accepted' })
        : outcome('duplicate', 200, { delivery: deliveryId, status: 'duplicate' });
    } catch (error) {
      if (!(error instanceof StoreUnavailableError)) throw error;
      request.log.error({ delivery: deliveryId, event, err: error }, 'delivery not stored; answering 503');
      return outcome('store_unavailable', 503, {
        message: 'Sheriff could not store this delivery; redeliver it later',
      });
    }
  });
}

function header(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}
