import { authorAssociation } from '../access-control.js';
import type { DoubleState, IssueRecord, PullFields, RepoRecord } from '../double-state.js';
import { legacyNodeId } from '../identity.js';
import type { Links } from '../routes/route-types.js';
import { renderIssueLabels } from './label.js';
import { renderRepository } from './repository.js';
import { isoTime, isoTimeOrNull } from './timestamps.js';
import { renderUser, renderUserOrNull } from './user.js';

export type PullRecord = IssueRecord & { pull: PullFields };

function branchRef(state: DoubleState, repo: RepoRecord, ref: string, sha: string, links: Links) {
  return {
    label: `${repo.owner}:${ref}`,
    ref,
    sha,
    user: renderUser(state, repo.owner, links),
    repo: renderRepository(state, repo, links),
  };
}

/**
 * GitHub's `pull-request` object. Heads are branches of the same repository (the double has no forks);
 * the base SHA is the default branch head.
 *
 * @example
 * renderPull(state, repo, pull, links).head.sha; // the world's `headSha`
 */
export function renderPull(state: DoubleState, repo: RepoRecord, pull: PullRecord, links: Links) {
  const url = `${links.api}/repos/${repo.fullName}/pulls/${pull.number}`;
  const issueUrl = `${links.api}/repos/${repo.fullName}/issues/${pull.number}`;
  const htmlUrl = `${links.web}/${repo.fullName}/pull/${pull.number}`;
  const statusesUrl = `${links.api}/repos/${repo.fullName}/statuses/${pull.pull.headSha}`;
  let comments = 0;
  for (const comment of repo.comments.values()) if (comment.issueNumber === pull.number) comments++;
  return {
    url,
    id: pull.id,
    node_id: legacyNodeId('PullRequest', pull.id),
    html_url: htmlUrl,
    diff_url: `${htmlUrl}.diff`,
    patch_url: `${htmlUrl}.patch`,
    issue_url: issueUrl,
    commits_url: `${url}/commits`,
    review_comments_url: `${url}/comments`,
    review_comment_url: `${links.api}/repos/${repo.fullName}/pulls/comments{/number}`,
    comments_url: `${issueUrl}/comments`,
    statuses_url: statusesUrl,
    number: pull.number,
    state: pull.state,
    locked: pull.locked,
    active_lock_reason: pull.activeLockReason,
    title: pull.title,
    user: renderUser(state, pull.user, links),
    body: pull.body,
    labels: renderIssueLabels(repo, pull.labels, links),
    milestone: null,
    created_at: isoTime(pull.createdAt),
    updated_at: isoTime(pull.updatedAt),
    closed_at: isoTimeOrNull(pull.closedAt),
    merged_at: isoTimeOrNull(pull.pull.mergedAt),
    merge_commit_sha: pull.pull.mergeCommitSha,
    assignee: renderUserOrNull(state, pull.assignees[0], links),
    assignees: pull.assignees.map((login) => renderUser(state, login, links)),
    requested_reviewers: pull.pull.requestedReviewers.map((login) => renderUser(state, login, links)),
    requested_teams: [],
    head: branchRef(state, repo, pull.pull.headRef, pull.pull.headSha, links),
    base: branchRef(state, repo, pull.pull.baseRef, repo.headCommit, links),
    _links: {
      self: { href: url },
      html: { href: htmlUrl },
      issue: { href: issueUrl },
      comments: { href: `${issueUrl}/comments` },
      review_comments: { href: `${url}/comments` },
      review_comment: { href: `${links.api}/repos/${repo.fullName}/pulls/comments{/number}` },
      commits: { href: `${url}/commits` },
      statuses: { href: statusesUrl },
    },
    author_association: authorAssociation(state, repo, pull.user),
    auto_merge: null,
    draft: pull.pull.draft,
    merged: pull.pull.merged,
    mergeable: pull.state === 'open' ? true : null,
    rebaseable: pull.state === 'open' ? true : null,
    mergeable_state: pull.state === 'open' ? 'clean' : 'unknown',
    merged_by: renderUserOrNull(state, pull.pull.mergedBy, links),
    comments,
    review_comments: 0,
    maintainer_can_modify: false,
    commits: 1,
    additions: pull.pull.files.length,
    deletions: 0,
    changed_files: pull.pull.files.length,
  };
}

/** Fields `pull-request` has and `pull-request-simple` (list responses) has not. */
const FULL_ONLY_FIELDS = [
  'merged',
  'mergeable',
  'rebaseable',
  'mergeable_state',
  'merged_by',
  'comments',
  'review_comments',
  'maintainer_can_modify',
  'commits',
  'additions',
  'deletions',
  'changed_files',
] as const;

/** The shorter shape in list responses (`pulls/list`): the same fields minus the merge statistics. */
export function renderPullSimple(state: DoubleState, repo: RepoRecord, pull: PullRecord, links: Links) {
  const simple: Partial<ReturnType<typeof renderPull>> = renderPull(state, repo, pull, links);
  for (const field of FULL_ONLY_FIELDS) delete simple[field];
  return simple;
}
