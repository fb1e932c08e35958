/**
 * What kind of request this is, for pacing and retries: pure functions of method, API path (no
 * host, base path or query) and body.
 */

const REPO_ISSUE = String.raw`/repos/[^/]+/[^/]+/issues/\d+`;
const REPO_PULL = String.raw`/repos/[^/]+/[^/]+/pulls/\d+`;

/**
 * POSTs that only add members to a set (adding a label, an assignee or a requested reviewer that is
 * already there changes nothing), so sending one twice has the effect of sending it once.
 */
const SET_UNION_POSTS = [
  new RegExp(`^${REPO_ISSUE}/labels$`),
  new RegExp(`^${REPO_ISSUE}/assignees$`),
  new RegExp(`^${REPO_PULL}/requested_reviewers$`),
];

/** POSTs that read or render and store nothing. */
const READS_SENT_AS_POST = [/^\/markdown(\/raw)?$/];

const IDEMPOTENT_METHODS = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE']);

function isGraphqlRead(path: string, body: unknown): boolean {
  if (path !== '/graphql') return false;
  const query = (body as { query?: unknown } | undefined)?.query;
  // Counting a query that merely mentions the word as a mutation errs on the safe side.
  return typeof query === 'string' && !/\bmutation\b/.test(query);
}

/**
 * Whether the request counts against GitHub's content-creation limit (80 a minute, 500 an hour).
 * GitHub does not list the endpoints, so Sheriff's rule is: every POST and PUT creates content (an
 * issue, comment, review, pull request, label on an issue, status, check run, merge, lock,
 * dispatch, re-run), except GraphQL queries and `/markdown` (reads sent as POST) and `/app/...`
 * (the App's own housekeeping with its JWT, such as asking for a redelivery). PATCH edits and
 * DELETE removes existing content, so neither adds any; both still share the concurrency cap and
 * every rate-limit pause.
 *
 * @example
 * isContentCreating('POST', '/repos/acme/widgets/issues/7/comments', { body: 'hi' }); // true
 * isContentCreating('PATCH', '/repos/acme/widgets/issues/7', { state: 'closed' }); // false
 */
export function isContentCreating(method: string, path: string, body?: unknown): boolean {
  const verb = method.toUpperCase();
  if (verb !== 'POST' && verb !== 'PUT') return false;
  if (path.startsWith('/app/')) return false;
  if (READS_SENT_AS_POST.some((pattern) => pattern.test(path))) return false;
  return !isGraphqlRead(path, body);
}

/**
 * Whether sending the request again after a 5xx (or a dropped connection) cannot duplicate a side
 * effect: the idempotent methods (GET, HEAD, OPTIONS, PUT, DELETE), and POSTs that only add to a
 * set or only read. Other POSTs (a comment, an issue) and PATCH may have been applied before the
 * error, so they are not resent; the job's own retry decides again from fresh state.
 *
 * @example
 * isSafeToResend('POST', '/repos/acme/widgets/issues/7/labels'); // true
 * isSafeToResend('POST', '/repos/acme/widgets/issues/7/comments'); // false
 */
export function isSafeToResend(method: string, path: string, body?: unknown): boolean {
  const verb = method.toUpperCase();
  if (IDEMPOTENT_METHODS.has(verb)) return true;
  if (verb !== 'POST') return false;
  if (isGraphqlRead(path, body)) return true;
  return [...SET_UNION_POSTS, ...READS_SENT_AS_POST].some((pattern) => pattern.test(path));
}

/**
 * Whether this is the installation-token request `@octokit/auth-app` makes from inside another
 * request's hook chain (it re-enters the chain). It must not queue for the installation's own
 * concurrency slots, which the request it authenticates already holds.
 */
export function isTokenRequest(method: string, path: string): boolean {
  return method.toUpperCase() === 'POST' && /^\/app\/installations\/[^/]+\/access_tokens$/.test(path);
}

/**
 * The primary rate-limit bucket a path draws from, named as GitHub's `x-ratelimit-resource` names it.
 *
 * @example
 * rateLimitResourceFor('/search/issues'); // 'search'
 */
export function rateLimitResourceFor(path: string): string {
  if (path === '/graphql') return 'graphql';
  if (path.startsWith('/search/code')) return 'code_search';
  if (path.startsWith('/search/')) return 'search';
  return 'core';
}

/**
 * The API path of a request URL: without host, query, or the base path of a GitHub Enterprise
 * Server (`https://HOST/api/v3`).
 *
 * @example
 * apiPathOf('https://ghe.example/api/v3/repos/acme/widgets?per_page=1', 'https://ghe.example/api/v3'); // '/repos/acme/widgets'
 */
export function apiPathOf(url: string, baseUrl: string): string {
  const path = new URL(url, baseUrl).pathname;
  const basePath = new URL(baseUrl).pathname.replace(/\/+$/, '');
  return basePath !== '' && path.startsWith(`${basePath}/`) ? path.slice(basePath.length) : path;
}
