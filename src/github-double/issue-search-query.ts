import type { IssueRecord } from './double-state.js';

/**
 * GitHub's issue search syntax (`q` of `GET /search/issues`), the subset the double understands.
 * Qualifiers GitHub knows but the double does not implement make the search fail loudly (501) instead
 * of silently matching too much.
 */

export interface SearchQualifier {
  key: string;
  value: string;
  negated: boolean;
}

export interface IssueSearchQuery {
  /** Free-text words and quoted phrases, lower-cased. */
  terms: string[];
  qualifiers: SearchQualifier[];
}

export type ParsedSearch =
  { ok: true; query: IssueSearchQuery } | { ok: false; kind: 'unsupported' | 'invalid'; message: string };

const SUPPORTED = new Set([
  'repo',
  'org',
  'user',
  'is',
  'type',
  'state',
  'label',
  'author',
  'assignee',
  'no',
  'in',
]);
const KNOWN_UNSUPPORTED = new Set([
  'archived',
  'base',
  'closed',
  'commenter',
  'comments',
  'created',
  'draft',
  'head',
  'interactions',
  'involves',
  'language',
  'linked',
  'mentions',
  'merged',
  'milestone',
  'project',
  'reactions',
  'reason',
  'review',
  'review-requested',
  'reviewed-by',
  'sort',
  'status',
  'team',
  'team-review-requested',
  'updated',
]);
const IS_VALUES = new Set([
  'issue',
  'pr',
  'pull-request',
  'open',
  'closed',
  'locked',
  'unlocked',
  'merged',
  'unmerged',
]);

/** Splits on spaces, keeping `"quoted phrases"` and `key:"quoted value"` together. */
function tokenize(q: string): string[] {
  return q.match(/-?[^\s"]*"[^"]*"|\S+/g) ?? [];
}

function unquote(value: string): string {
  return value.replace(/^"(.*)"$/, '$1');
}

/**
 * Parses a search query.
 *
 * @example
 * parseIssueSearchQuery('repo:acme/widgets is:issue is:open label:"kind/bug" crash');
 * // { ok: true, query: { terms: ['crash'], qualifiers: [{ key: 'repo', value: 'acme/widgets', negated: false }, ...] } }
 */
export function parseIssueSearchQuery(q: string): ParsedSearch {
  const query: IssueSearchQuery = { terms: [], qualifiers: [] };
  for (const token of tokenize(q)) {
    if (token === 'AND') continue;
    if (token === 'OR' || token === 'NOT') {
      return { ok: false, kind: 'unsupported', message: `the ${token} operator` };
    }
    const qualifier = /^(-?)([a-z-]+):(.+)$/.exec(token);
    if (!qualifier || (!SUPPORTED.has(qualifier[2]!) && !KNOWN_UNSUPPORTED.has(qualifier[2]!))) {
      // GitHub treats an unknown `word:thing` as text too.
      query.terms.push(unquote(token).toLowerCase());
      continue;
    }
    const [, minus, key, raw] = qualifier as unknown as [string, string, string, string];
    if (KNOWN_UNSUPPORTED.has(key))
      return { ok: false, kind: 'unsupported', message: `the ${key}: qualifier` };
    const value = unquote(raw);
    if (key === 'is' && !IS_VALUES.has(value))
      return { ok: false, kind: 'unsupported', message: `is:${value}` };
    query.qualifiers.push({ key, value, negated: minus === '-' });
  }
  if (query.terms.length === 0 && query.qualifiers.length === 0) {
    return { ok: false, kind: 'invalid', message: 'empty query' };
  }
  return { ok: true, query };
}

/** Since 2025 GitHub answers 422 to issue searches that do not say whether they want issues or PRs. */
export function namesIssueType(query: IssueSearchQuery): boolean {
  return query.qualifiers.some(
    (qualifier) =>
      !qualifier.negated &&
      ((qualifier.key === 'is' && ['issue', 'pr', 'pull-request'].includes(qualifier.value)) ||
        (qualifier.key === 'type' && ['issue', 'pr'].includes(qualifier.value))),
  );
}

/** What a search can see of an issue. */
export interface SearchableIssue {
  repoFullName: string;
  owner: string;
  issue: IssueRecord;
  comments: string[];
}

function qualifierHolds(
  qualifier: SearchQualifier,
  { repoFullName, owner, issue }: SearchableIssue,
): boolean {
  const value = qualifier.value.toLowerCase();
  const labels = issue.labels.map((label) => label.toLowerCase());
  switch (qualifier.key) {
    case 'repo':
      return repoFullName.toLowerCase() === value;
    case 'org':
    case 'user':
      return owner.toLowerCase() === value;
    case 'type':
      return value === 'pr' ? issue.pull !== null : issue.pull === null;
    case 'state':
      return issue.state === value;
    case 'is':
      return isHolds(value, issue);
    case 'label':
      return value.split(',').some((name) => labels.includes(name.trim()));
    case 'author':
      return issue.user.toLowerCase() === value;
    case 'assignee':
      return issue.assignees.some((login) => login.toLowerCase() === value);
    case 'no':
      if (value === 'label') return issue.labels.length === 0;
      if (value === 'assignee') return issue.assignees.length === 0;
      return true;
    default:
      return true;
  }
}

function isHolds(value: string, issue: IssueRecord): boolean {
  switch (value) {
    case 'issue':
      return issue.pull === null;
    case 'pr':
    case 'pull-request':
      return issue.pull !== null;
    case 'open':
    case 'closed':
      return issue.state === value;
    case 'locked':
      return issue.locked;
    case 'unlocked':
      return !issue.locked;
    case 'merged':
      return issue.pull?.merged === true;
    default:
      return issue.pull !== null && !issue.pull.merged;
  }
}

/**
 * Whether an issue matches: every qualifier holds (several `repo:` are alternatives), and every term
 * occurs in the title, body or comments (or only where `in:` says).
 */
export function matchesIssueSearch(query: IssueSearchQuery, candidate: SearchableIssue): boolean {
  const repos = query.qualifiers.filter((qualifier) => qualifier.key === 'repo' && !qualifier.negated);
  if (repos.length > 0 && !repos.some((qualifier) => qualifierHolds(qualifier, candidate))) return false;
  for (const qualifier of query.qualifiers) {
    if (qualifier.key === 'in' || (qualifier.key === 'repo' && !qualifier.negated)) continue;
    if (qualifierHolds(qualifier, candidate) === qualifier.negated) return false;
  }
  const fields = new Set(
    query.qualifiers
      .filter((qualifier) => qualifier.key === 'in')
      .flatMap((qualifier) => qualifier.value.split(',')),
  );
  const searchAll = fields.size === 0;
  const texts = [
    searchAll || fields.has('title') ? candidate.issue.title : '',
    searchAll || fields.has('body') ? (candidate.issue.body ?? '') : '',
    ...(searchAll || fields.has('comments') ? candidate.comments : []),
  ].map((text) => text.toLowerCase());
  return query.terms.every((term) => texts.some((text) => text.includes(term)));
}
