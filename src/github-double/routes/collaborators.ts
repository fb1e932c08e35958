import { legacyPermission, permissionFlags, roleOf } from '../access-control.js';
import type { DoubleState, RepoRecord } from '../double-state.js';
import { notFound } from '../github-error.js';
import { legacyNodeId, stableId } from '../identity.js';
import { renderRepository } from '../render/repository.js';
import { isoTime } from '../render/timestamps.js';
import { renderUser } from '../render/user.js';
import type { RepositoryPermission } from '../world-schema.js';
import { bodyOf, requireRepo } from './lookups.js';
import { pageResult } from './pagination.js';
import type { Links, RouteTable } from './route-types.js';

function renderCollaborator(state: DoubleState, repo: RepoRecord, login: string, links: Links) {
  const role = roleOf(state, repo, login);
  return { ...renderUser(state, login, links), permissions: permissionFlags(role), role_name: role };
}

/** The API still takes the old names `pull` and `push`. */
function roleFromRequest(permission: string | undefined): RepositoryPermission {
  if (permission === undefined || permission === 'push') return 'write';
  if (permission === 'pull') return 'read';
  return permission as RepositoryPermission;
}

const PERMISSION_FILTER: Record<string, keyof ReturnType<typeof permissionFlags>> = {
  pull: 'pull',
  triage: 'triage',
  push: 'push',
  maintain: 'maintain',
  admin: 'admin',
};

/** Collaborators and their permission levels. */
export const collaboratorRoutes: RouteTable = {
  'repos/list-collaborators': (context) => {
    const repo = requireRepo(context);
    const flag = PERMISSION_FILTER[String(context.query.permission ?? '')];
    const logins = [...repo.permissions.values()]
      .map(({ login }) => login)
      .filter((login) => !flag || permissionFlags(roleOf(context.state, repo, login))[flag])
      .sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase()));
    return pageResult(context, logins, (login) =>
      renderCollaborator(context.state, repo, login, context.links),
    );
  },

  'repos/check-collaborator': (context) => {
    const repo = requireRepo(context);
    if (roleOf(context.state, repo, String(context.params.username)) === 'none') throw notFound(context.docs);
    return { status: 204 };
  },

  'repos/get-collaborator-permission-level': (context) => {
    const repo = requireRepo(context);
    const login = String(context.params.username);
    const role = roleOf(context.state, repo, login);
    return {
      status: 200,
      body: {
        permission: legacyPermission(role),
        role_name: role,
        user: renderCollaborator(context.state, repo, login, context.links),
      },
    };
  },

  'repos/add-collaborator': (context) => {
    const repo = requireRepo(context);
    const login = String(context.params.username);
    const role = roleFromRequest(bodyOf<{ permission: string }>(context).permission);
    const existing = repo.permissions.get(login.toLowerCase());
    repo.permissions.set(login.toLowerCase(), { login: existing?.login ?? login, permission: role });
    if (existing) return { status: 204 };
    // GitHub sends an invitation; the double accepts it at once so the new role is usable immediately.
    const id = stableId('invitation', `${repo.fullName}#${login}`.toLowerCase());
    return {
      status: 201,
      body: {
        id,
        node_id: legacyNodeId('RepositoryInvitation', id),
        repository: renderRepository(context.state, repo, context.links),
        invitee: renderUser(context.state, login, context.links),
        inviter: renderUser(context.state, context.actor, context.links),
        permissions: role,
        created_at: isoTime(context.state.now),
        expired: false,
        url: `${context.links.api}/user/repository_invitations/${id}`,
        html_url: `${context.links.web}/${repo.fullName}/invitations`,
      },
    };
  },

  'repos/remove-collaborator': (context) => {
    const repo = requireRepo(context);
    repo.permissions.delete(String(context.params.username).toLowerCase());
    return { status: 204 };
  },
};
