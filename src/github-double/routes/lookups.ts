import { type IssueRecord, type PullFields, type RepoRecord, repoKey } from '../double-state.js';
import { notFound } from '../github-error.js';
import type { RouteContext } from './route-types.js';

/** Lookups shared by the handlers; each ends the request with GitHub's 404 when the thing is missing. */

export function requireRepo(context: RouteContext): RepoRecord {
  const repo = context.state.repos.get(repoKey(context.params.owner ?? '', context.params.repo ?? ''));
  if (!repo) throw notFound(context.docs);
  return repo;
}

export function requireIssue(context: RouteContext, repo: RepoRecord, param = 'issue_number'): IssueRecord {
  const issue = repo.issues.get(Number(context.params[param]));
  if (!issue) throw notFound(context.docs);
  return issue;
}

export function requirePull(context: RouteContext, repo: RepoRecord): IssueRecord & { pull: PullFields } {
  const issue = requireIssue(context, repo, 'pull_number');
  if (!issue.pull) throw notFound(context.docs);
  return issue as IssueRecord & { pull: PullFields };
}

/** Marks an issue as changed now. */
export function touch(context: RouteContext, issue: IssueRecord): void {
  issue.updatedAt = context.state.now;
}

/** The body as an object; the OpenAPI validation has already checked its shape. */
export function bodyOf<T>(context: RouteContext): Partial<T> {
  return (context.body ?? {}) as Partial<T>;
}
