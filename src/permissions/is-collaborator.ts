import type { GitHubClient } from '../github/github-app.js';
import { isBotLogin } from './github-login.js';

/**
 * `author_association` values GitHub gives only to people with access to the repository: its
 * owner, members of its organisation, and invited collaborators.
 */
const COLLABORATOR_ASSOCIATIONS: ReadonlySet<string> = new Set(['OWNER', 'MEMBER', 'COLLABORATOR']);

/**
 * Prow's `IsCollaborator` (`GET /repos/{owner}/{repo}/collaborators/{login}`: 204 yes, 404 no),
 * used by lgtm, close and reopen. When the login wrote the comment being handled, its
 * `author_association` answers without a request: `OWNER`, `MEMBER` and `COLLABORATOR` count as
 * collaborators (an org member whose org grants no base role and no team access is the one case
 * where GitHub's answer would differ). Any other association is confirmed with GitHub, so a
 * refusal is never based on the payload alone. Errors other than 404 propagate (the job retries).
 *
 * @example
 * await isCollaborator(github, { owner: 'acme', name: 'widgets' }, 'ana', 'MEMBER'); // true, no request
 * await isCollaborator(github, { owner: 'acme', name: 'widgets' }, 'mallory', 'NONE'); // asks GitHub
 */
export async function isCollaborator(
  github: GitHubClient,
  repo: { owner: string; name: string },
  login: string,
  association?: string,
): Promise<boolean> {
  if (association !== undefined && COLLABORATOR_ASSOCIATIONS.has(association.toUpperCase())) return true;
  if (login.trim() === '' || isBotLogin(login)) return false;
  try {
    const response = await github.rest.repos.checkCollaborator({
      owner: repo.owner,
      repo: repo.name,
      username: login,
    });
    return (response.status as number) === 204;
  } catch (error) {
    if ((error as { status?: unknown } | null)?.status === 404) return false;
    throw error;
  }
}
