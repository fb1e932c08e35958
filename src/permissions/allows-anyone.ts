import type { AccessRule } from './access-rule.js';

/**
 * Whether a rule lets every login through without asking GitHub. `minRepoPermission: none` is met
 * by everyone (a stranger has `none`), so it means the same as `allowAnyone`.
 *
 * @example
 * allowsAnyone(accessRuleSchema.parse({ minRepoPermission: 'none' })); // true
 */
export function allowsAnyone(rule: AccessRule): boolean {
  return rule.allowAnyone || rule.minRepoPermission === 'none';
}
