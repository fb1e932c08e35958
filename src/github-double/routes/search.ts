import { apiError, validationFailed } from '../github-error.js';
import {
  matchesIssueSearch,
  namesIssueType,
  parseIssueSearchQuery,
  type SearchableIssue,
} from '../issue-search-query.js';
import { renderIssue } from '../render/issue.js';
import { paginate } from './pagination.js';
import type { RouteContext, RouteTable } from './route-types.js';

/** GitHub never returns more than the first 1000 search results. */
const MAX_RESULTS = 1000;

function candidates(context: RouteContext): SearchableIssue[] {
  const all: SearchableIssue[] = [];
  for (const repo of context.state.repos.values()) {
    for (const issue of repo.issues.values()) {
      const comments = [...repo.comments.values()]
        .filter((comment) => comment.issueNumber === issue.number)
        .map((comment) => comment.body);
      all.push({ repoFullName: repo.fullName, owner: repo.owner, issue, comments });
    }
  }
  return all;
}

function sortKey(sort: unknown, candidate: SearchableIssue): number {
  if (sort === 'updated') return candidate.issue.updatedAt.getTime();
  if (sort === 'comments') return candidate.comments.length;
  return candidate.issue.createdAt.getTime();
}

/** `GET /search/issues`: the subset of the syntax in `issue-search-query.ts`, over every repository. */
export const searchRoutes: RouteTable = {
  'search/issues-and-pull-requests': (context) => {
    const parsed = parseIssueSearchQuery(String(context.query.q ?? ''));
    if (!parsed.ok && parsed.kind === 'invalid') {
      throw validationFailed(context.docs, [{ resource: 'Search', field: 'q', code: 'missing' }]);
    }
    if (!parsed.ok)
      throw apiError(501, `The GitHub double does not implement ${parsed.message} in search`, context.docs);
    if (!namesIssueType(parsed.query)) {
      throw apiError(422, "Query must include 'is:issue' or 'is:pull-request'", context.docs);
    }
    const ascending = context.query.order === 'asc';
    const matches = candidates(context)
      .filter((candidate) => matchesIssueSearch(parsed.query, candidate))
      .sort((a, b) => {
        const difference =
          sortKey(context.query.sort, a) - sortKey(context.query.sort, b) ||
          a.issue.number - b.issue.number ||
          b.repoFullName.localeCompare(a.repoFullName);
        return ascending ? difference : -difference;
      })
      .slice(0, MAX_RESULTS);
    const page = paginate(context, matches);
    return {
      status: 200,
      body: {
        total_count: matches.length,
        incomplete_results: false,
        search_type: 'lexical',
        items: page.items.map(({ repoFullName, issue }) => ({
          ...renderIssue(
            context.state,
            context.state.repos.get(repoFullName.toLowerCase())!,
            issue,
            context.links,
          ),
          score: 1,
        })),
      },
      headers: page.headers,
    };
  },
};
