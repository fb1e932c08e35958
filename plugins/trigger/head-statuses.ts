import type { GitHubClient } from '../../src/github/github-app.js';
import type { HeadStatus } from './prow-jobs.js';

/**
 * The latest commit status of each context on `sha` (one request: the combined status, up to
 * 100 contexts), where crier reports Prow's presubmits.
 *
 * @example
 * await listHeadStatuses(github, { owner: 'acme', repo: 'widgets' }, 'abc123');
 * // [{ context: 'pull-widgets-unit', state: 'failure', description: 'Job failed. BaseSHA:...' }]
 */
export async function listHeadStatuses(
  github: GitHubClient,
  repo: { owner: string; repo: string },
  sha: string,
): Promise<HeadStatus[]> {
  const { data } = await github.rest.repos.getCombinedStatusForRef({ ...repo, ref: sha, per_page: 100 });
  return data.statuses.map((status) => ({
    context: status.context,
    state: status.state,
    description: status.description,
  }));
}
