import { canBeAssigned, orgOf } from '../access-control.js';
import { notFound } from '../github-error.js';
import { renderIssue } from '../render/issue.js';
import { renderUser } from '../render/user.js';
import { bodyOf, requireIssue, requireRepo, touch } from './lookups.js';
import { pageResult } from './pagination.js';
import type { RouteTable } from './route-types.js';

/** GitHub allows at most ten assignees per issue. */
const MAX_ASSIGNEES = 10;

/** Issue assignees and who may be assigned. */
export const assigneeRoutes: RouteTable = {
  'issues/add-assignees': (context) => {
    const repo = requireRepo(context);
    const issue = requireIssue(context, repo);
    // GitHub silently ignores logins that cannot be assigned here (unlike on create/update).
    for (const login of bodyOf<{ assignees: string[] }>(context).assignees ?? []) {
      const known = issue.assignees.some((assignee) => assignee.toLowerCase() === login.toLowerCase());
      if (!known && canBeAssigned(context.state, repo, login) && issue.assignees.length < MAX_ASSIGNEES) {
        issue.assignees.push(login);
      }
    }
    touch(context, issue);
    return { status: 201, body: renderIssue(context.state, repo, issue, context.links) };
  },

  'issues/remove-assignees': (context) => {
    const repo = requireRepo(context);
    const issue = requireIssue(context, repo);
    const removed = new Set(
      (bodyOf<{ assignees: string[] }>(context).assignees ?? []).map((l) => l.toLowerCase()),
    );
    issue.assignees = issue.assignees.filter((login) => !removed.has(login.toLowerCase()));
    touch(context, issue);
    return { status: 200, body: renderIssue(context.state, repo, issue, context.links) };
  },

  'issues/check-user-can-be-assigned': (context) => {
    const repo = requireRepo(context);
    if (!canBeAssigned(context.state, repo, String(context.params.assignee))) throw notFound(context.docs);
    return { status: 204 };
  },

  'issues/list-assignees': (context) => {
    const repo = requireRepo(context);
    const logins = new Map<string, string>();
    for (const { login } of repo.permissions.values()) logins.set(login.toLowerCase(), login);
    for (const member of orgOf(context.state, repo)?.members ?? []) logins.set(member.toLowerCase(), member);
    const sorted = [...logins.values()].sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase()));
    return pageResult(context, sorted, (login) => renderUser(context.state, login, context.links));
  },
};
