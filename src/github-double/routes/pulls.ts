import { roleOf, sameLogin } from '../access-control.js';
import type { RepoRecord } from '../double-state.js';
import { apiError, notFound } from '../github-error.js';
import { blobSha } from '../git-objects.js';
import { syntheticSha } from '../identity.js';
import { type PullRecord, renderPull, renderPullSimple } from '../render/pull.js';
import { renderReview } from '../render/review.js';
import { renderUser } from '../render/user.js';
import { bodyOf, requirePull, requireRepo, touch } from './lookups.js';
import { pageResult } from './pagination.js';
import type { RouteContext, RouteTable } from './route-types.js';

function pullsOf(repo: RepoRecord): PullRecord[] {
  return [...repo.issues.values()].filter((issue): issue is PullRecord => issue.pull !== null);
}

function renderFile(context: RouteContext, repo: RepoRecord, pull: PullRecord, filename: string) {
  const content = repo.files.get(filename);
  const sha = content ? blobSha(content) : syntheticSha('pull-file', repo.fullName, pull.number, filename);
  const blobBase = `${context.links.web}/${repo.fullName}`;
  return {
    sha,
    filename,
    status: content ? 'modified' : 'added',
    additions: 1,
    deletions: 0,
    changes: 1,
    blob_url: `${blobBase}/blob/${pull.pull.headSha}/${filename}`,
    raw_url: `${blobBase}/raw/${pull.pull.headSha}/${filename}`,
    contents_url: `${context.links.api}/repos/${repo.fullName}/contents/${encodeURIComponent(filename)}?ref=${pull.pull.headSha}`,
    patch: '@@ -0,0 +1 @@\n+changed by the pull request',
  };
}

/**
 * GitHub's 422 when reviewers cannot be requested: the author, or anyone without access.
 * The messages are the ones api.github.com gives.
 */
function checkReviewers(
  context: RouteContext,
  repo: RepoRecord,
  pull: PullRecord,
  reviewers: string[],
): void {
  if (reviewers.some((login) => sameLogin(login, pull.user))) {
    throw apiError(422, 'Review cannot be requested from pull request author.', context.docs);
  }
  if (reviewers.some((login) => roleOf(context.state, repo, login) === 'none')) {
    throw apiError(
      422,
      `Reviews may only be requested from collaborators. One or more of the users or teams you specified is not a collaborator of the ${repo.fullName} repository.`,
      context.docs,
    );
  }
}

/** Pull requests: list, get, update, changed files, reviews, requested reviewers, merge. */
export const pullRoutes: RouteTable = {
  'pulls/list': (context) => {
    const repo = requireRepo(context);
    const state = (context.query.state as string | undefined) ?? 'open';
    const head = context.query.head as string | undefined;
    const base = context.query.base as string | undefined;
    const pulls = pullsOf(repo)
      .filter((pull) => state === 'all' || pull.state === state)
      .filter((pull) => !head || `${repo.owner}:${pull.pull.headRef}`.toLowerCase() === head.toLowerCase())
      .filter((pull) => !base || pull.pull.baseRef === base)
      .sort((a, b) => (context.query.direction === 'asc' ? a.number - b.number : b.number - a.number));
    return pageResult(context, pulls, (pull) => renderPullSimple(context.state, repo, pull, context.links));
  },

  'pulls/get': (context) => {
    const repo = requireRepo(context);
    return { status: 200, body: renderPull(context.state, repo, requirePull(context, repo), context.links) };
  },

  'pulls/update': (context) => {
    const repo = requireRepo(context);
    const pull = requirePull(context, repo);
    const body = bodyOf<{ title: string; body: string; state: 'open' | 'closed'; base: string }>(context);
    if (body.title !== undefined) pull.title = body.title;
    if (body.body !== undefined) pull.body = body.body;
    if (body.base !== undefined) pull.pull.baseRef = body.base;
    if (body.state === 'closed' && pull.state === 'open') {
      pull.state = 'closed';
      pull.closedAt = context.state.now;
      pull.closedBy = context.actor;
    } else if (body.state === 'open' && pull.state === 'closed') {
      if (pull.pull.merged) throw apiError(422, 'Cannot reopen a merged pull request', context.docs);
      pull.state = 'open';
      pull.closedAt = null;
      pull.closedBy = null;
    }
    touch(context, pull);
    return { status: 200, body: renderPull(context.state, repo, pull, context.links) };
  },

  'pulls/list-files': (context) => {
    const repo = requireRepo(context);
    const pull = requirePull(context, repo);
    return pageResult(context, pull.pull.files, (file) => renderFile(context, repo, pull, file));
  },

  // Oldest first, as GitHub lists them.
  'pulls/list-reviews': (context) => {
    const repo = requireRepo(context);
    const pull = requirePull(context, repo);
    return pageResult(context, pull.pull.reviews, (review) =>
      renderReview(context.state, repo, pull, review, context.links),
    );
  },

  'pulls/list-requested-reviewers': (context) => {
    const repo = requireRepo(context);
    const pull = requirePull(context, repo);
    return {
      status: 200,
      body: {
        users: pull.pull.requestedReviewers.map((login) => renderUser(context.state, login, context.links)),
        teams: [],
      },
    };
  },

  'pulls/request-reviewers': (context) => {
    const repo = requireRepo(context);
    const pull = requirePull(context, repo);
    const body = bodyOf<{ reviewers: string[]; team_reviewers: string[] }>(context);
    const reviewers = body.reviewers ?? [];
    checkReviewers(context, repo, pull, reviewers);
    if ((body.team_reviewers ?? []).length > 0) {
      throw apiError(501, 'The GitHub double does not implement team review requests', context.docs);
    }
    for (const login of reviewers) {
      if (!pull.pull.requestedReviewers.some((existing) => sameLogin(existing, login))) {
        pull.pull.requestedReviewers.push(login);
      }
    }
    touch(context, pull);
    return { status: 201, body: renderPullSimple(context.state, repo, pull, context.links) };
  },

  'pulls/remove-requested-reviewers': (context) => {
    const repo = requireRepo(context);
    const pull = requirePull(context, repo);
    const removed = bodyOf<{ reviewers: string[] }>(context).reviewers ?? [];
    pull.pull.requestedReviewers = pull.pull.requestedReviewers.filter(
      (login) => !removed.some((other) => sameLogin(other, login)),
    );
    touch(context, pull);
    return { status: 200, body: renderPullSimple(context.state, repo, pull, context.links) };
  },

  'pulls/check-if-merged': (context) => {
    const repo = requireRepo(context);
    if (!requirePull(context, repo).pull.merged) throw notFound(context.docs);
    return { status: 204 };
  },

  'pulls/merge': (context) => {
    const repo = requireRepo(context);
    const pull = requirePull(context, repo);
    const body = bodyOf<{ sha: string; merge_method: string }>(context);
    if (pull.state !== 'open' || pull.pull.merged)
      throw apiError(405, 'Pull Request is not mergeable', context.docs);
    if (pull.pull.draft) throw apiError(405, 'Pull Request is still a draft', context.docs);
    if (body.sha !== undefined && body.sha !== pull.pull.headSha) {
      throw apiError(409, 'Head branch was modified. Review and try the merge again.', context.docs);
    }
    const now = context.state.now;
    const sha = syntheticSha('merge', repo.fullName, pull.number, pull.pull.headSha);
    Object.assign(pull.pull, { merged: true, mergedAt: now, mergedBy: context.actor, mergeCommitSha: sha });
    Object.assign(pull, { state: 'closed', closedAt: now, closedBy: context.actor, updatedAt: now });
    return { status: 200, body: { sha, merged: true, message: 'Pull Request successfully merged' } };
  },
};
