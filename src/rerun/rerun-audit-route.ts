import { bearerToken, isAcceptedToken } from '../server/accepted-token.js';
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { Logger } from '../logging/logger.js';
import type { Database } from '../store/schema.js';
import { RerunAudit } from './rerun-audit.js';

export const RERUNS_PATH = '/api/v1/reruns';

const MAX_LIMIT = 1000;

export interface RerunAuditRouteOptions {
  db: Kysely<Database>;
  /** Accepted bearer tokens (`AUDIT_TOKEN`); empty refuses every request. */
  tokens: readonly string[];
  log: Logger;
}

/**
 * `GET /api/v1/reruns[?job=NAME][&repository=OWNER/NAME][&limit=N]`: the `/retest-release` audit,
 * newest first, as `{"reruns": [...]}`. Authenticated with `Authorization: Bearer <AUDIT_TOKEN>`
 * (401 without; constant-time compare). A bad `limit` is a 400 naming it.
 *
 * @example
 * curl -H "Authorization: Bearer $AUDIT_TOKEN" 'https://sheriff.example.dev/api/v1/reruns?job=release'
 */
export function registerRerunAuditRoute(app: FastifyInstance, options: RerunAuditRouteOptions): void {
  const audit = new RerunAudit(options.db);
  if (options.tokens.length === 0)
    options.log.info(`no AUDIT_TOKEN is configured: GET ${RERUNS_PATH} refuses every request with 401`);

  app.get(RERUNS_PATH, async (request, reply) => {
    if (!isAcceptedToken(bearerToken(request.headers.authorization), options.tokens)) {
      return reply.code(401).send({ message: 'a valid Authorization: Bearer token is required' });
    }
    const query = request.query as Record<string, unknown>;
    const limit = query.limit === undefined ? 100 : Number(query.limit);
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
      return reply.code(400).send({ message: `limit: an integer from 1 to ${MAX_LIMIT}` });
    }
    const text = (key: string) =>
      typeof query[key] === 'string' && query[key] !== '' ? (query[key] as string) : undefined;
    const job = text('job');
    const repository = text('repository');
    const reruns = await audit.list({
      limit,
      ...(job !== undefined ? { job } : {}),
      ...(repository !== undefined ? { repository } : {}),
    });
    return { reruns };
  });
}
