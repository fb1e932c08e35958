import { REPO_PERMISSIONS, type RepoPermission } from './access-rule.js';

/**
 * Whether `actual` is `required` or a stronger role (read < triage < write < maintain < admin).
 *
 * @example
 * hasRepoPermission('maintain', 'triage'); // true
 * hasRepoPermission('read', 'triage'); // false
 */
export function hasRepoPermission(actual: RepoPermission, required: RepoPermission): boolean {
  return REPO_PERMISSIONS.indexOf(actual) >= REPO_PERMISSIONS.indexOf(required);
}

/** The fields of `GET /repos/{owner}/{repo}/collaborators/{username}/permission` that say the role. */
export interface CollaboratorPermissionBody {
  permission?: string;
  role_name?: string;
  user?: { permissions?: Partial<Record<PermissionFlag, boolean>> } | null;
}

type PermissionFlag = 'admin' | 'maintain' | 'push' | 'triage' | 'pull';

/** The collaborator's `permissions` flags, strongest first. */
const FLAGS: ReadonlyArray<[PermissionFlag, RepoPermission]> = [
  ['admin', 'admin'],
  ['maintain', 'maintain'],
  ['push', 'write'],
  ['triage', 'triage'],
  ['pull', 'read'],
];

/** The legacy `permission` field folds maintain into write and triage into read. */
const LEGACY: Readonly<Record<string, RepoPermission>> = {
  admin: 'admin',
  write: 'write',
  push: 'write',
  read: 'read',
  pull: 'read',
};

/**
 * The role a permission response grants. `role_name` is exact for the built-in roles; a custom
 * role (an enterprise feature) has its own name, so then the user's `permissions` flags give its
 * base role, and the legacy `permission` field is the last resort. Unknown values count as none:
 * a value this code does not understand must never grant anything.
 *
 * @example
 * repoPermissionFrom({ permission: 'read', role_name: 'triage' }); // 'triage'
 * repoPermissionFrom({ permission: 'write' }); // 'write'
 */
export function repoPermissionFrom(body: CollaboratorPermissionBody | null | undefined): RepoPermission {
  if (typeof body !== 'object' || body === null) return 'none';
  const role = body.role_name?.toLowerCase();
  if (role !== undefined && (REPO_PERMISSIONS as readonly string[]).includes(role)) {
    return role as RepoPermission;
  }
  const flags = body.user?.permissions;
  if (flags) {
    const strongest = FLAGS.find(([flag]) => flags[flag] === true);
    if (strongest) return strongest[1];
  }
  return LEGACY[body.permission?.toLowerCase() ?? ''] ?? 'none';
}
