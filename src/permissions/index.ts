export {
  type AccessDecision,
  type AccessRule,
  accessRuleSchema,
  type AccessSubject,
  REPO_PERMISSIONS,
  type RepoPermission,
} from './access-rule.js';
export { allowsAnyone } from './allows-anyone.js';
export {
  describeAccessRule,
  type DescribeAccessRuleOptions,
  describeRefusal,
  type DescribeRefusalOptions,
} from './describe-access-rule.js';
export { includesLogin, isBotLogin, sameLogin } from './github-login.js';
export { PermissionChecker, type RepositoryName } from './permission-checker.js';
export { type CollaboratorPermissionBody, hasRepoPermission, repoPermissionFrom } from './repo-permission.js';
export { parseTeamRef, type TeamRef } from './team-ref.js';
