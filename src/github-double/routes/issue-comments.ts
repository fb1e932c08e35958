import type { CommentRecord, RepoRecord } from '../double-state.js';
import { notFound } from '../github-error.js';
import { renderComment } from '../render/comment.js';
import { bodyOf, requireIssue, requireRepo, touch } from './lookups.js';
import { pageResult } from './pagination.js';
import type { RouteContext, RouteTable } from './route-types.js';

function requireComment(context: RouteContext, repo: RepoRecord): CommentRecord {
  const comment = repo.comments.get(Number(context.params.comment_id));
  if (!comment) throw notFound(context.docs);
  return comment;
}

function since(context: RouteContext, comments: CommentRecord[]): CommentRecord[] {
  if (typeof context.query.since !== 'string') return comments;
  const from = new Date(context.query.since);
  return comments.filter((comment) => comment.updatedAt >= from);
}

/** Issue (and pull request conversation) comments. */
export const issueCommentRoutes: RouteTable = {
  'issues/list-comments': (context) => {
    const repo = requireRepo(context);
    const issue = requireIssue(context, repo);
    const comments = [...repo.comments.values()].filter((comment) => comment.issueNumber === issue.number);
    return pageResult(context, since(context, comments), (comment) =>
      renderComment(context.state, repo, comment, context.links),
    );
  },

  'issues/list-comments-for-repo': (context) => {
    const repo = requireRepo(context);
    const comments = since(context, [...repo.comments.values()]);
    if (context.query.direction === 'desc') comments.reverse();
    return pageResult(context, comments, (comment) =>
      renderComment(context.state, repo, comment, context.links),
    );
  },

  'issues/create-comment': (context) => {
    const repo = requireRepo(context);
    const issue = requireIssue(context, repo);
    const now = context.state.now;
    const comment: CommentRecord = {
      id: context.state.ids.take('comment'),
      issueNumber: issue.number,
      user: context.actor,
      body: String(bodyOf<{ body: string }>(context).body),
      createdAt: now,
      updatedAt: now,
    };
    repo.comments.set(comment.id, comment);
    touch(context, issue);
    const rendered = renderComment(context.state, repo, comment, context.links);
    return { status: 201, body: rendered, headers: { location: rendered.url } };
  },

  'issues/get-comment': (context) => {
    const repo = requireRepo(context);
    return {
      status: 200,
      body: renderComment(context.state, repo, requireComment(context, repo), context.links),
    };
  },

  'issues/update-comment': (context) => {
    const repo = requireRepo(context);
    const comment = requireComment(context, repo);
    comment.body = String(bodyOf<{ body: string }>(context).body);
    comment.updatedAt = context.state.now;
    return { status: 200, body: renderComment(context.state, repo, comment, context.links) };
  },

  'issues/delete-comment': (context) => {
    const repo = requireRepo(context);
    repo.comments.delete(requireComment(context, repo).id);
    return { status: 204 };
  },
};
