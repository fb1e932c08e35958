import type { FastifyInstance } from 'fastify';
import { buildPluginHelp } from '../../plugins/plugin-help.js';
import type { PluginRegistry } from '../../plugins/plugin-registry.js';

/**
 * `POST /api/github/webhooks/help`: Prow's hook asks each external plugin for its help, posting
 * the repositories it is enabled for. Hook gives all external plugins about a second together,
 * so this answers from memory.
 */
export function registerPluginHelpRoute(app: FastifyInstance, registry: PluginRegistry): void {
  app.post('/api/github/webhooks/help', async (request, reply) => {
    let repos: Array<{ Org: string; Repo: string }> = [];
    if (Buffer.isBuffer(request.body) && request.body.length > 0) {
      try {
        const parsed = JSON.parse(request.body.toString('utf8')) as unknown;
        if (Array.isArray(parsed)) {
          repos = parsed.filter(
            (entry): entry is { Org: string; Repo: string } =>
              typeof entry?.Org === 'string' && typeof entry?.Repo === 'string',
          );
        }
      } catch {
        return reply.code(400).send({ message: 'body must be a JSON array of {"Org","Repo"}' });
      }
    }
    return buildPluginHelp(registry, repos);
  });
}
