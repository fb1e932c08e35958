import { authorAssociation } from '../access-control.js';
import type { CommentRecord, DoubleState, RepoRecord } from '../double-state.js';
import { legacyNodeId } from '../identity.js';
import type { Links } from '../routes/route-types.js';
import { emptyReactions } from './reactions.js';
import { isoTime } from './timestamps.js';
import { renderUser } from './user.js';

/**
 * GitHub's `issue-comment` object.
 *
 * @example
 * renderComment(state, repo, comment, links).html_url; // 'https://github.com/acme/widgets/issues/7#issuecomment-...'
 */
export function renderComment(state: DoubleState, repo: RepoRecord, comment: CommentRecord, links: Links) {
  const url = `${links.api}/repos/${repo.fullName}/issues/comments/${comment.id}`;
  const kind = repo.issues.get(comment.issueNumber)?.pull ? 'pull' : 'issues';
  return {
    id: comment.id,
    node_id: legacyNodeId('IssueComment', comment.id),
    url,
    html_url: `${links.web}/${repo.fullName}/${kind}/${comment.issueNumber}#issuecomment-${comment.id}`,
    body: comment.body,
    user: renderUser(state, comment.user, links),
    created_at: isoTime(comment.createdAt),
    updated_at: isoTime(comment.updatedAt),
    issue_url: `${links.api}/repos/${repo.fullName}/issues/${comment.issueNumber}`,
    author_association: authorAssociation(state, repo, comment.user),
    performed_via_github_app: null,
    reactions: emptyReactions(url),
  };
}
