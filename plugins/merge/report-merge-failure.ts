import { createHash } from 'node:crypto';
import { isBotUser } from '../../src/commands/generic-comment.js';
import type { GitHubClient } from '../../src/github/github-app.js';

/** The hidden marker of a failure report: the head and the failure, so each is reported once. */
function marker(headSha: string, reason: string): string {
  const key = createHash('sha256').update(reason).digest('hex').slice(0, 16);
  return `<!-- sheriff:merge-failed ${headSha} ${key} -->`;
}

/**
 * Says on the PR why GitHub refused the merge, once per head and failure: the comments are read
 * first (one request) and a report already there is not posted again, so a failure is never
 * dropped silently, nor repeated on every check that completes.
 *
 * @example
 * await reportMergeFailure(github, { owner: 'acme', repo: 'widgets', number: 7 }, 'abc123', 'Pull Request is not mergeable (HTTP 405)');
 */
export async function reportMergeFailure(
  github: GitHubClient,
  pull: { owner: string; repo: string; number: number },
  headSha: string,
  reason: string,
): Promise<boolean> {
  const tag = marker(headSha, reason);
  const comments = await github.paginate(github.rest.issues.listComments, {
    owner: pull.owner,
    repo: pull.repo,
    issue_number: pull.number,
    per_page: 100,
  });
  if (comments.some((comment) => comment.user && isBotUser(comment.user) && comment.body?.includes(tag)))
    return false;
  await github.rest.issues.createComment({
    owner: pull.owner,
    repo: pull.repo,
    issue_number: pull.number,
    body: [
      `Sheriff could not merge this pull request: ${reason}.`,
      '',
      `It had the required labels and passing checks at ${headSha.slice(0, 7)}. Sheriff tries again when its labels, checks or commits change.`,
      tag,
    ].join('\n'),
  });
  return true;
}
