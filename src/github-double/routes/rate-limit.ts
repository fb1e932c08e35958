import type { RouteTable } from './route-types.js';

/** `GET /rate_limit` (which GitHub does not count against the limit). */
export const rateLimitRoutes: RouteTable = {
  'rate-limit/get': (context) => {
    const core = context.rateLimits.status('core');
    const search = context.rateLimits.status('search');
    const shape = ({ limit, remaining, reset, used }: typeof core) => ({ limit, remaining, reset, used });
    return {
      status: 200,
      body: { resources: { core: shape(core), search: shape(search) }, rate: shape(core) },
    };
  },
};
