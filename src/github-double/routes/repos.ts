import { permissionFlags } from '../access-control.js';
import { renderRepository } from '../render/repository.js';
import { requireRepo } from './lookups.js';
import type { RouteTable } from './route-types.js';

/** The repository itself. */
export const repositoryRoutes: RouteTable = {
  'repos/get': (context) => {
    const repo = requireRepo(context);
    return {
      status: 200,
      body: {
        ...renderRepository(context.state, repo, context.links),
        // An installation token sees the repository with the App's access (contents read, issues write).
        permissions: permissionFlags('write'),
        role_name: 'write',
      },
    };
  },
};
