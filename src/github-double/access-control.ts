import type { DoubleState, OrgRecord, RepoRecord } from './double-state.js';
import type { RepositoryPermission } from './world-schema.js';

/** Who may do what in the double's world: permissions, org membership, author association. */

export type AccountType = 'User' | 'Organization' | 'Bot';

/**
 * How GitHub would type a login: `*[bot]` is a Bot, an org of the world is an Organization.
 *
 * @example
 * accountType(state, 'sheriff[bot]'); // 'Bot'
 */
export function accountType(state: DoubleState, login: string): AccountType {
  if (login.endsWith('[bot]')) return 'Bot';
  return state.orgs.has(login.toLowerCase()) ? 'Organization' : 'User';
}

export function sameLogin(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

export function orgOf(state: DoubleState, repo: RepoRecord): OrgRecord | undefined {
  return state.orgs.get(repo.owner.toLowerCase());
}

export function isOrgMember(org: OrgRecord | undefined, login: string): boolean {
  return org?.members.some((member) => sameLogin(member, login)) ?? false;
}

/**
 * A user's role on a repository: the world's `permissions` entry, `admin` for the owner of a personal
 * repository, otherwise `none` (the contract: "absent: none").
 */
export function roleOf(state: DoubleState, repo: RepoRecord, login: string): RepositoryPermission | 'none' {
  const explicit = repo.permissions.get(login.toLowerCase());
  if (explicit) return explicit.permission;
  if (sameLogin(repo.owner, login) && !state.orgs.has(repo.owner.toLowerCase())) return 'admin';
  return 'none';
}

/** The legacy `permission` field collapses roles to admin/write/read/none. */
export function legacyPermission(role: RepositoryPermission | 'none'): 'admin' | 'write' | 'read' | 'none' {
  if (role === 'maintain') return 'write';
  if (role === 'triage') return 'read';
  return role;
}

const ROLE_RANK: Record<RepositoryPermission | 'none', number> = {
  none: 0,
  read: 1,
  triage: 2,
  write: 3,
  maintain: 4,
  admin: 5,
};

/** The `permissions` object GitHub puts on collaborators. */
export function permissionFlags(role: RepositoryPermission | 'none') {
  const rank = ROLE_RANK[role];
  return { admin: rank >= 5, maintain: rank >= 4, push: rank >= 3, triage: rank >= 2, pull: rank >= 1 };
}

/** Assignable: anyone with a role on the repository, a member of the owning org, or the owner. */
export function canBeAssigned(state: DoubleState, repo: RepoRecord, login: string): boolean {
  return roleOf(state, repo, login) !== 'none' || isOrgMember(orgOf(state, repo), login);
}

export type AuthorAssociation = 'OWNER' | 'MEMBER' | 'COLLABORATOR' | 'CONTRIBUTOR' | 'NONE';

/**
 * `author_association` as GitHub computes it for an issue or comment author. Plugins gate commands on
 * it (OWNER/MEMBER/COLLABORATOR), so the double must get it right.
 */
export function authorAssociation(state: DoubleState, repo: RepoRecord, login: string): AuthorAssociation {
  if (sameLogin(repo.owner, login)) return 'OWNER';
  if (isOrgMember(orgOf(state, repo), login)) return 'MEMBER';
  if (repo.permissions.has(login.toLowerCase())) return 'COLLABORATOR';
  const mergedPull = [...repo.issues.values()].some(
    (issue) => issue.pull?.merged && sameLogin(issue.user, login),
  );
  return mergedPull ? 'CONTRIBUTOR' : 'NONE';
}
