import type { RepoRecord } from '../double-state.js';
import type { Links } from '../routes/route-types.js';

/**
 * The `pull-request-minimal` entries check runs, suites and workflow runs carry: open pull requests of
 * the repository whose head is `sha`.
 */
export function pullRequestsForSha(repo: RepoRecord, sha: string, links: Links) {
  const repoRef = { id: repo.id, url: `${links.api}/repos/${repo.fullName}`, name: repo.name };
  return [...repo.issues.values()]
    .filter((issue) => issue.pull && issue.state === 'open' && issue.pull.headSha === sha)
    .map((issue) => ({
      id: issue.id,
      number: issue.number,
      url: `${links.api}/repos/${repo.fullName}/pulls/${issue.number}`,
      head: { ref: issue.pull!.headRef, sha: issue.pull!.headSha, repo: repoRef },
      base: { ref: issue.pull!.baseRef, sha: repo.headCommit, repo: repoRef },
    }));
}
