/**
 * Error responses shaped like GitHub's. Route handlers throw them so that a lookup deep in a handler
 * can end the request; the request pipeline turns them into responses.
 */

export const REST_DOCS = 'https://docs.github.com/rest';

export class GitHubApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: Record<string, unknown>,
    readonly headers: Record<string, string> = {},
  ) {
    super(String(body.message));
    this.name = 'GitHubApiError';
  }
}

/**
 * Any GitHub error: `{ message, documentation_url, status: "<code>" }`, as api.github.com answers today.
 *
 * @example
 * throw apiError(403, 'Resource not accessible by integration', docs);
 */
export function apiError(
  status: number,
  message: string,
  documentationUrl = REST_DOCS,
  extra: Record<string, unknown> = {},
): GitHubApiError {
  return new GitHubApiError(status, {
    message,
    ...extra,
    documentation_url: documentationUrl,
    status: String(status),
  });
}

export function notFound(documentationUrl = REST_DOCS): GitHubApiError {
  return apiError(404, 'Not Found', documentationUrl);
}

/** One entry of a "Validation Failed" 422, as in the @octokit/fixtures `errors` recording. */
export interface ValidationProblem {
  resource: string;
  code: 'missing' | 'missing_field' | 'invalid' | 'already_exists' | 'unprocessable' | 'custom';
  field?: string;
  message?: string;
}

/** GitHub's semantic 422: the body was well-formed but breaks a rule (a bad colour, a duplicate label). */
export function validationFailed(documentationUrl: string, errors: ValidationProblem[]): GitHubApiError {
  return apiError(422, 'Validation Failed', documentationUrl, { errors });
}

/**
 * GitHub's schema 422: the body does not match the operation's JSON schema. GitHub puts the details in
 * the message after "Invalid request."; the double also lists them in `errors`.
 */
export function invalidRequest(documentationUrl: string, details: string[]): GitHubApiError {
  return apiError(422, `Invalid request.\n\n${details.join('\n')}`, documentationUrl, { errors: details });
}
