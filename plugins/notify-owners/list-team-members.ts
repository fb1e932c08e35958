import type { GitHubClient } from '../../src/github/github-app.js';
import { parseTeamRef } from '../../src/permissions/team-ref.js';

/**
 * The logins of an `org/team-slug` (lower-cased; nested teams' members included, as GitHub lists
 * them), or `null` when the team cannot be seen (404/403: missing, secret, or no `members: read`).
 * Other errors propagate, so the delivery is retried.
 *
 * @example
 * await listTeamMembers(github, 'example-ack/prow-oncall'); // ['pat-prow', 'quinn-prow']
 */
export async function listTeamMembers(github: GitHubClient, team: string): Promise<string[] | null> {
  const { org, slug } = parseTeamRef(team);
  try {
    const members = await github.paginate(github.rest.teams.listMembersInOrg, {
      org,
      team_slug: slug,
      per_page: 100,
    });
    return members.map((member) => member.login.toLowerCase());
  } catch (error) {
    const status = (error as { status?: number }).status;
    if (status === 404 || status === 403) return null;
    throw error;
  }
}
