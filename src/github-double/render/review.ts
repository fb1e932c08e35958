import { authorAssociation } from '../access-control.js';
import type { DoubleState, RepoRecord, ReviewRecord } from '../double-state.js';
import { legacyNodeId } from '../identity.js';
import type { Links } from '../routes/route-types.js';
import type { PullRecord } from './pull.js';
import { isoTime } from './timestamps.js';
import { renderUser } from './user.js';

/**
 * GitHub's `pull-request-review` object.
 *
 * @example
 * renderReview(state, repo, pull, review, links).html_url; // 'https://github.com/acme/widgets/pull/7#pullrequestreview-5000000'
 */
export function renderReview(
  state: DoubleState,
  repo: RepoRecord,
  pull: PullRecord,
  review: ReviewRecord,
  links: Links,
) {
  const pullHtml = `${links.web}/${repo.fullName}/pull/${pull.number}`;
  const htmlUrl = `${pullHtml}#pullrequestreview-${review.id}`;
  const pullUrl = `${links.api}/repos/${repo.fullName}/pulls/${pull.number}`;
  return {
    id: review.id,
    node_id: legacyNodeId('PullRequestReview', review.id),
    user: renderUser(state, review.user, links),
    body: review.body,
    state: review.state,
    html_url: htmlUrl,
    pull_request_url: pullUrl,
    _links: { html: { href: htmlUrl }, pull_request: { href: pullUrl } },
    submitted_at: isoTime(review.submittedAt),
    commit_id: review.commitId,
    author_association: authorAssociation(state, repo, review.user),
  };
}
