import type { IssueRecord, LabelRecord, RepoRecord } from '../double-state.js';
import { ensureLabel } from '../repo-labels.js';
import { apiError, notFound, validationFailed } from '../github-error.js';
import { renderIssueLabels, renderLabel } from '../render/label.js';
import { labelNames } from './label-names.js';
import { bodyOf, requireIssue, requireRepo, touch } from './lookups.js';
import { pageResult } from './pagination.js';
import type { RouteContext, RouteResult, RouteTable } from './route-types.js';

const HEX_COLOR = /^[0-9a-fA-F]{6}$/;

/** GitHub takes the colour without `#` and answers an invalid one with the 422 in @octokit/fixtures `errors`. */
function checkColor(context: RouteContext, color: string | undefined): void {
  if (color !== undefined && !HEX_COLOR.test(color)) {
    throw validationFailed(context.docs, [{ resource: 'Label', code: 'invalid', field: 'color' }]);
  }
}

function requireLabel(context: RouteContext, repo: RepoRecord): LabelRecord {
  const label = repo.labels.get(String(context.params.name).toLowerCase());
  if (!label) throw notFound(context.docs);
  return label;
}

function issueLabels(context: RouteContext, repo: RepoRecord, issue: IssueRecord): RouteResult {
  return { status: 200, body: renderIssueLabels(repo, issue.labels, context.links) };
}

function addToIssue(repo: RepoRecord, issue: IssueRecord, names: string[]): void {
  for (const name of names) {
    const label = ensureLabel(repo, name);
    if (!issue.labels.some((existing) => existing.toLowerCase() === label.name.toLowerCase())) {
      issue.labels.push(label.name);
    }
  }
}

function byName(a: LabelRecord, b: LabelRecord): number {
  return a.name.toLowerCase().localeCompare(b.name.toLowerCase());
}

/** Repository labels and the labels on an issue. */
export const labelRoutes: RouteTable = {
  'issues/list-labels-for-repo': (context) => {
    const repo = requireRepo(context);
    const labels = [...repo.labels.values()].sort(byName);
    return pageResult(context, labels, (label) => renderLabel(repo, label, context.links));
  },

  'issues/create-label': (context) => {
    const repo = requireRepo(context);
    const body = bodyOf<{ name: string; color: string; description: string }>(context);
    const name = String(body.name);
    checkColor(context, body.color);
    if (repo.labels.has(name.toLowerCase())) {
      throw validationFailed(context.docs, [{ resource: 'Label', code: 'already_exists', field: 'name' }]);
    }
    const label = ensureLabel(repo, name, body.color, body.description ?? null);
    return { status: 201, body: renderLabel(repo, label, context.links) };
  },

  'issues/get-label': (context) => {
    const repo = requireRepo(context);
    return { status: 200, body: renderLabel(repo, requireLabel(context, repo), context.links) };
  },

  'issues/update-label': (context) => {
    const repo = requireRepo(context);
    const label = requireLabel(context, repo);
    const body = bodyOf<{ new_name: string; color: string; description: string }>(context);
    checkColor(context, body.color);
    if (body.new_name !== undefined && body.new_name.toLowerCase() !== label.name.toLowerCase()) {
      if (repo.labels.has(body.new_name.toLowerCase())) {
        throw validationFailed(context.docs, [{ resource: 'Label', code: 'already_exists', field: 'name' }]);
      }
      repo.labels.delete(label.name.toLowerCase());
      repo.labels.set(body.new_name.toLowerCase(), label);
    }
    if (body.new_name !== undefined) {
      for (const issue of repo.issues.values()) {
        issue.labels = issue.labels.map((name) =>
          name.toLowerCase() === label.name.toLowerCase() ? body.new_name! : name,
        );
      }
      label.name = body.new_name;
    }
    if (body.color !== undefined) label.color = body.color.toLowerCase();
    if (body.description !== undefined) label.description = body.description;
    return { status: 200, body: renderLabel(repo, label, context.links) };
  },

  'issues/delete-label': (context) => {
    const repo = requireRepo(context);
    const label = requireLabel(context, repo);
    repo.labels.delete(label.name.toLowerCase());
    for (const issue of repo.issues.values()) {
      issue.labels = issue.labels.filter((name) => name.toLowerCase() !== label.name.toLowerCase());
    }
    return { status: 204 };
  },

  'issues/list-labels-on-issue': (context) => {
    const repo = requireRepo(context);
    const issue = requireIssue(context, repo);
    const labels = issue.labels.flatMap((name) => repo.labels.get(name.toLowerCase()) ?? []);
    return pageResult(context, labels, (label) => renderLabel(repo, label, context.links));
  },

  'issues/add-labels': (context) => {
    const repo = requireRepo(context);
    const issue = requireIssue(context, repo);
    addToIssue(repo, issue, labelNames(bodyOf<{ labels: unknown[] }>(context).labels));
    touch(context, issue);
    return issueLabels(context, repo, issue);
  },

  'issues/set-labels': (context) => {
    const repo = requireRepo(context);
    const issue = requireIssue(context, repo);
    issue.labels = [];
    addToIssue(repo, issue, labelNames(bodyOf<{ labels: unknown[] }>(context).labels));
    touch(context, issue);
    return issueLabels(context, repo, issue);
  },

  'issues/remove-all-labels': (context) => {
    const repo = requireRepo(context);
    const issue = requireIssue(context, repo);
    issue.labels = [];
    touch(context, issue);
    return { status: 204 };
  },

  'issues/remove-label': (context) => {
    const repo = requireRepo(context);
    const issue = requireIssue(context, repo);
    const name = String(context.params.name).toLowerCase();
    if (!issue.labels.some((label) => label.toLowerCase() === name)) {
      throw apiError(404, 'Label does not exist', context.docs);
    }
    issue.labels = issue.labels.filter((label) => label.toLowerCase() !== name);
    touch(context, issue);
    return issueLabels(context, repo, issue);
  },
};
