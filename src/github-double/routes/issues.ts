import { canBeAssigned } from '../access-control.js';
import type { IssueRecord, RepoRecord } from '../double-state.js';
import { ensureLabel } from '../repo-labels.js';
import { validationFailed } from '../github-error.js';
import { stableId } from '../identity.js';
import { renderIssue } from '../render/issue.js';
import { labelNames } from './label-names.js';
import { bodyOf, requireIssue, requireRepo, touch } from './lookups.js';
import { pageResult } from './pagination.js';
import type { RouteContext, RouteTable } from './route-types.js';

interface IssueWrite {
  title: string | number;
  body: string | null;
  state: 'open' | 'closed';
  state_reason: 'completed' | 'not_planned' | 'reopened' | 'duplicate' | null;
  assignee: string | null;
  assignees: string[];
  labels: unknown[];
}

/** GitHub rejects assignees who cannot be assigned with a "Validation Failed" 422. */
function checkAssignees(context: RouteContext, repo: RepoRecord, logins: string[]): string[] {
  const invalid = logins.filter((login) => !canBeAssigned(context.state, repo, login));
  if (invalid.length > 0) {
    throw validationFailed(
      context.docs,
      invalid.map(() => ({ resource: 'Issue', code: 'invalid' as const, field: 'assignees' })),
    );
  }
  return [...new Set(logins)];
}

function assigneesOf(body: Partial<IssueWrite>): string[] | undefined {
  if (body.assignees !== undefined) return body.assignees;
  if (body.assignee !== undefined) return body.assignee ? [body.assignee] : [];
  return undefined;
}

function setState(context: RouteContext, issue: IssueRecord, body: Partial<IssueWrite>): void {
  if (body.state === 'closed' && issue.state === 'open') {
    issue.state = 'closed';
    issue.closedAt = context.state.now;
    issue.closedBy = context.actor;
    issue.stateReason = body.state_reason ?? 'completed';
  } else if (body.state === 'open' && issue.state === 'closed') {
    issue.state = 'open';
    issue.closedAt = null;
    issue.closedBy = null;
    issue.stateReason = 'reopened';
  } else if (body.state_reason !== undefined && issue.state === 'closed') {
    issue.stateReason = body.state_reason;
  }
}

function matchesFilters(issue: IssueRecord, query: Record<string, unknown>): boolean {
  const state = (query.state as string | undefined) ?? 'open';
  if (state !== 'all' && issue.state !== state) return false;
  if (typeof query.labels === 'string' && query.labels !== '') {
    const wanted = query.labels.split(',').map((name) => name.trim().toLowerCase());
    const has = new Set(issue.labels.map((name) => name.toLowerCase()));
    if (!wanted.every((name) => has.has(name))) return false;
  }
  if (typeof query.creator === 'string' && issue.user.toLowerCase() !== query.creator.toLowerCase())
    return false;
  if (typeof query.assignee === 'string') {
    const assigned = issue.assignees.map((login) => login.toLowerCase());
    if (
      query.assignee === 'none'
        ? assigned.length > 0
        : query.assignee === '*'
          ? assigned.length === 0
          : !assigned.includes(query.assignee.toLowerCase())
    ) {
      return false;
    }
  }
  if (typeof query.since === 'string' && issue.updatedAt < new Date(query.since)) return false;
  return true;
}

function sortIssues(issues: IssueRecord[], query: Record<string, unknown>): IssueRecord[] {
  const sort = (query.sort as string | undefined) ?? 'created';
  const ascending = query.direction === 'asc';
  const key = (issue: IssueRecord) =>
    sort === 'updated' ? issue.updatedAt.getTime() : issue.createdAt.getTime();
  return [...issues].sort((a, b) => {
    const difference = key(a) - key(b) || a.number - b.number;
    return ascending ? difference : -difference;
  });
}

/** Issues: list, create, get, update, lock and unlock. */
export const issueRoutes: RouteTable = {
  'issues/list-for-repo': (context) => {
    const repo = requireRepo(context);
    const issues = sortIssues(
      [...repo.issues.values()].filter((issue) => matchesFilters(issue, context.query)),
      context.query,
    );
    return pageResult(context, issues, (issue) => renderIssue(context.state, repo, issue, context.links));
  },

  'issues/create': (context) => {
    const repo = requireRepo(context);
    const body = bodyOf<IssueWrite>(context);
    const assignees = checkAssignees(context, repo, assigneesOf(body) ?? []);
    const number = repo.nextNumber++;
    const now = context.state.now;
    const issue: IssueRecord = {
      id: stableId('issue', `${repo.fullName.toLowerCase()}#${number}`),
      number,
      title: String(body.title),
      body: body.body ?? null,
      user: context.actor,
      state: 'open',
      stateReason: null,
      labels: labelNames(body.labels).map((name) => ensureLabel(repo, name).name),
      assignees,
      locked: false,
      activeLockReason: null,
      createdAt: now,
      updatedAt: now,
      closedAt: null,
      closedBy: null,
      pull: null,
    };
    repo.issues.set(number, issue);
    const rendered = renderIssue(context.state, repo, issue, context.links);
    return { status: 201, body: rendered, headers: { location: rendered.url } };
  },

  'issues/get': (context) => {
    const repo = requireRepo(context);
    return {
      status: 200,
      body: renderIssue(context.state, repo, requireIssue(context, repo), context.links),
    };
  },

  'issues/update': (context) => {
    const repo = requireRepo(context);
    const issue = requireIssue(context, repo);
    const body = bodyOf<IssueWrite>(context);
    if (body.title !== undefined) issue.title = String(body.title);
    if (body.body !== undefined) issue.body = body.body;
    const assignees = assigneesOf(body);
    if (assignees !== undefined) issue.assignees = checkAssignees(context, repo, assignees);
    if (body.labels !== undefined)
      issue.labels = labelNames(body.labels).map((name) => ensureLabel(repo, name).name);
    setState(context, issue, body);
    touch(context, issue);
    return { status: 200, body: renderIssue(context.state, repo, issue, context.links) };
  },

  'issues/lock': (context) => {
    const repo = requireRepo(context);
    const issue = requireIssue(context, repo);
    issue.locked = true;
    issue.activeLockReason = bodyOf<{ lock_reason: string }>(context).lock_reason ?? null;
    touch(context, issue);
    return { status: 204 };
  },

  'issues/unlock': (context) => {
    const repo = requireRepo(context);
    const issue = requireIssue(context, repo);
    issue.locked = false;
    issue.activeLockReason = null;
    touch(context, issue);
    return { status: 204 };
  },
};
