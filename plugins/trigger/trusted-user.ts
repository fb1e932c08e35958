import type { GitHubClient } from '../../src/github/github-app.js';
import { PermissionChecker } from '../../src/permissions/permission-checker.js';
import type { TriggerConfig } from './trigger-config.js';

/** Whether `login` is the bot user of one of `trustedApps` (slugs, or logins ending in `[bot]`). */
export function isTrustedApp(login: string, trustedApps: readonly string[]): boolean {
  const lower = login.toLowerCase();
  if (!lower.endsWith('[bot]')) return false;
  return trustedApps.some((app) => `${app.toLowerCase().replace(/\[bot\]$/, '')}[bot]` === lower);
}

/**
 * Prow's `TrustedUser` for one repository: a listed App's bot (no request), else the access rule
 * `plugins.trigger.trust` (org membership and collaborator role, read from GitHub now).
 *
 * @example
 * const trusted = trustedUserCheck(github, { owner: 'acme', name: 'widgets' }, config);
 * await trusted('dependabot[bot]'); // true with trustedApps: [dependabot]
 */
export function trustedUserCheck(
  github: GitHubClient,
  repository: { owner: string; name: string },
  config: Pick<TriggerConfig, 'trust' | 'trustedApps'>,
  command?: string,
): (login: string) => Promise<boolean> {
  const checker = new PermissionChecker(github, repository);
  return async (login) =>
    isTrustedApp(login, config.trustedApps) ||
    (await checker.evaluate(config.trust, { login, ...(command ? { command } : {}) })).allowed;
}
