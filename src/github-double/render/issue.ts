import { authorAssociation } from '../access-control.js';
import type { DoubleState, IssueRecord, RepoRecord } from '../double-state.js';
import { legacyNodeId } from '../identity.js';
import type { Links } from '../routes/route-types.js';
import { renderIssueLabels } from './label.js';
import { emptyReactions } from './reactions.js';
import { isoTime, isoTimeOrNull } from './timestamps.js';
import { renderUser, renderUserOrNull } from './user.js';

export function issueApiUrl(repo: RepoRecord, issue: IssueRecord, links: Links): string {
  return `${links.api}/repos/${repo.fullName}/issues/${issue.number}`;
}

export function commentCount(repo: RepoRecord, issue: IssueRecord): number {
  let count = 0;
  for (const comment of repo.comments.values()) if (comment.issueNumber === issue.number) count++;
  return count;
}

/**
 * An issue as the issues API returns it; pull requests carry the `pull_request` key there, which is
 * how Octokit users tell them apart.
 *
 * @example
 * renderIssue(state, repo, repo.issues.get(7)!, links).pull_request?.url;
 */
export function renderIssue(state: DoubleState, repo: RepoRecord, issue: IssueRecord, links: Links) {
  const url = issueApiUrl(repo, issue, links);
  const kind = issue.pull ? 'pull' : 'issues';
  const htmlUrl = `${links.web}/${repo.fullName}/${kind}/${issue.number}`;
  return {
    id: issue.id,
    node_id: legacyNodeId(issue.pull ? 'PullRequest' : 'Issue', issue.id),
    url,
    repository_url: `${links.api}/repos/${repo.fullName}`,
    labels_url: `${url}/labels{/name}`,
    comments_url: `${url}/comments`,
    events_url: `${url}/events`,
    html_url: htmlUrl,
    number: issue.number,
    state: issue.state,
    state_reason: issue.stateReason,
    title: issue.title,
    body: issue.body,
    user: renderUser(state, issue.user, links),
    labels: renderIssueLabels(repo, issue.labels, links),
    assignee: renderUserOrNull(state, issue.assignees[0], links),
    assignees: issue.assignees.map((login) => renderUser(state, login, links)),
    milestone: null,
    locked: issue.locked,
    active_lock_reason: issue.activeLockReason,
    comments: commentCount(repo, issue),
    ...(issue.pull
      ? {
          pull_request: {
            url: `${links.api}/repos/${repo.fullName}/pulls/${issue.number}`,
            html_url: htmlUrl,
            diff_url: `${htmlUrl}.diff`,
            patch_url: `${htmlUrl}.patch`,
            merged_at: isoTimeOrNull(issue.pull.mergedAt),
          },
          draft: issue.pull.draft,
        }
      : {}),
    closed_at: isoTimeOrNull(issue.closedAt),
    created_at: isoTime(issue.createdAt),
    updated_at: isoTime(issue.updatedAt),
    closed_by: renderUserOrNull(state, issue.closedBy, links),
    author_association: authorAssociation(state, repo, issue.user),
    reactions: emptyReactions(url),
    timeline_url: `${url}/timeline`,
    performed_via_github_app: null,
  };
}
