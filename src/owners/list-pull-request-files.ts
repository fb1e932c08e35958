import type { GitHubClient } from '../github/github-app.js';

/**
 * The paths a pull request changes, as GitHub lists them (Prow's `GetPullRequestChanges`): one
 * request per 100 files, at most 3,000 files (GitHub's own limit).
 *
 * @example
 * await listPullRequestFiles(github, { owner: 'acme', repo: 'widgets', number: 7 }); // ['services/lambda/bundle.go']
 */
export async function listPullRequestFiles(
  github: GitHubClient,
  pull: { owner: string; repo: string; number: number },
): Promise<string[]> {
  const files = await github.paginate(github.rest.pulls.listFiles, {
    owner: pull.owner,
    repo: pull.repo,
    pull_number: pull.number,
    per_page: 100,
  });
  return files.map((file) => file.filename);
}
