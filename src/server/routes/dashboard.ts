import { basicPassword, bearerToken, isAcceptedToken } from '../accepted-token.js';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database } from '../../store/schema.js';
import { loadReleaseHealth } from '../../web/release-health.js';
import { renderDashboard } from '../../web/render-dashboard.js';

export const DASHBOARD_PATH = '/dashboard';
export const RELEASE_HEALTH_PATH = '/api/v1/release-health';

/** Who may see the dashboard: anyone, holders of a token, or nobody (the default). */
export type DashboardAccess =
  { kind: 'public' } | { kind: 'token'; tokens: readonly string[] } | { kind: 'off' };

export interface DashboardRouteOptions {
  db: Kysely<Database>;
  access: DashboardAccess;
  windowDays: number;
  clock?: () => Date;
}

/**
 * `GET /dashboard` (HTML) and `GET /api/v1/release-health` (the same data as JSON): release
 * health per service area. Job names, repositories and issue links of private repositories are
 * not for everyone, so the page is off unless `DASHBOARD_PUBLIC=true` or `DASHBOARD_TOKEN` is set;
 * with a token, a browser is asked for it by HTTP Basic auth (any user name), and scripts may send
 * it as a bearer token.
 */
export function registerDashboardRoutes(app: FastifyInstance, options: DashboardRouteOptions): void {
  const clock = options.clock ?? (() => new Date());
  const guard = (request: FastifyRequest, reply: FastifyReply): boolean => {
    const { access } = options;
    if (access.kind === 'public') return true;
    if (access.kind === 'off') {
      void reply.code(404).send({
        message: 'the dashboard is off: set DASHBOARD_TOKEN (or DASHBOARD_PUBLIC=true) to turn it on',
      });
      return false;
    }
    const header = request.headers.authorization;
    if (isAcceptedToken(bearerToken(header) ?? basicPassword(header), access.tokens)) return true;
    void reply
      .code(401)
      .header('www-authenticate', 'Basic realm="sheriff", charset="UTF-8"')
      .send({ message: 'the dashboard needs DASHBOARD_TOKEN (Basic auth password, or a Bearer token)' });
    return false;
  };

  app.get(DASHBOARD_PATH, async (request, reply) => {
    if (!guard(request, reply)) return reply;
    const health = await loadReleaseHealth(options.db, { now: clock(), windowDays: options.windowDays });
    return reply
      .header('content-type', 'text/html; charset=utf-8')
      .header('cache-control', 'no-store')
      .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'")
      .send(renderDashboard(health));
  });
  app.get(RELEASE_HEALTH_PATH, async (request, reply) => {
    if (!guard(request, reply)) return reply;
    const health = await loadReleaseHealth(options.db, { now: clock(), windowDays: options.windowDays });
    return reply.header('cache-control', 'no-store').send(health);
  });
}
