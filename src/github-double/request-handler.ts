import { createHash } from 'node:crypto';
import type { DoubleState } from './double-state.js';
import type { FaultInjector, FaultResponse } from './fault-injector.js';
import { apiError, GitHubApiError, invalidRequest, notFound, REST_DOCS } from './github-error.js';
import type { OpenApiRouter } from './openapi-router.js';
import type { OpenApiSubset } from './openapi-subset-types.js';
import type { OpenApiValidator } from './openapi-validator.js';
import { type RateLimiter, resourceFor } from './rate-limiter.js';
import type { RecordedRequest, RequestLog } from './request-log.js';
import type { RouteContext, RouteResult, RouteTable } from './routes/route-types.js';

/** A request as both transports (fetch and node:http) hand it over. */
export interface DoubleRequest {
  method: string;
  url: URL;
  headers: Headers;
  bodyText: string;
}

export interface DoubleResponse {
  status: number;
  headers: Record<string, string>;
  /** `null` for 204, 304 and HEAD. */
  body: Uint8Array | null;
}

export interface RequestHandlerDeps {
  state: DoubleState;
  subset: OpenApiSubset;
  router: OpenApiRouter;
  validator: OpenApiValidator;
  routes: RouteTable;
  log: RequestLog;
  faults: FaultInjector;
  rateLimits: RateLimiter;
  webUrl: string;
  validateResponses: boolean;
}

const SECONDARY_RATE_LIMIT_DOCS =
  'https://docs.github.com/free-pro-team@latest/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits';
const PRIMARY_RATE_LIMIT_DOCS =
  'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-primary-rate-limits';
const FAULT_MESSAGES: Record<number, string> = {
  403: 'Resource not accessible by integration',
  429: 'API rate limit exceeded for installation.',
  500: 'Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
};

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function fromError(error: GitHubApiError): RouteResult {
  return { status: error.status, body: error.body, headers: error.headers };
}

function matchesEtag(ifNoneMatch: string | null, etag: string): boolean {
  if (!ifNoneMatch) return false;
  const strip = (tag: string) => tag.trim().replace(/^W\//, '');
  return ifNoneMatch.split(',').some((tag) => tag.trim() === '*' || strip(tag) === strip(etag));
}

/**
 * The double's one request pipeline, shared by the in-process `fetch` and the loopback server:
 * record -> injected fault -> primary rate limit -> route -> validate -> handle -> ETag/304 -> headers.
 */
export class RequestHandler {
  private requestCount = 0;

  constructor(private readonly deps: RequestHandlerDeps) {}

  async handle(request: DoubleRequest): Promise<DoubleResponse> {
    const method = request.method.toUpperCase();
    const path = request.url.pathname;
    const query: Record<string, string | string[]> = {};
    for (const key of new Set(request.url.searchParams.keys())) {
      const values = request.url.searchParams.getAll(key);
      query[key] = values.length === 1 ? values[0]! : values;
    }
    const entry = this.deps.log.record({ method, path, query, body: undefined, status: 0 });
    const parsed = this.parseBody(request.bodyText);
    entry.body = parsed.body;

    const fault = this.deps.faults.take(method, path);
    if (fault?.delayMs) await sleep(fault.delayMs);
    let result: RouteResult;
    if (fault && (fault.status !== undefined || fault.secondaryRateLimit)) {
      entry.fault = true;
      result = this.faultResult(fault);
    } else if (parsed.error) {
      result = fromError(parsed.error);
    } else {
      result = this.dispatch(method, request, entry);
    }
    return this.finish(method, request, entry, result);
  }

  private parseBody(text: string): { body: unknown; error?: GitHubApiError } {
    if (text.trim() === '') return { body: undefined };
    try {
      return { body: JSON.parse(text) };
    } catch {
      return { body: text, error: apiError(400, 'Problems parsing JSON') };
    }
  }

  private faultResult(fault: FaultResponse): RouteResult {
    // A secondary limit without a status is GitHub's usual 403.
    const status = fault.status ?? 403;
    const headers: Record<string, string> = { ...fault.headers };
    let body: unknown = fault.body;
    if (fault.secondaryRateLimit) {
      headers['retry-after'] = String(fault.retryAfterSeconds ?? 60);
      body ??= {
        message: `You have exceeded a secondary rate limit. Please wait a few minutes before you try again. If you reach out to GitHub Support for help, please include the request ID ${this.requestId()}.`,
        documentation_url: SECONDARY_RATE_LIMIT_DOCS,
        status: String(status),
      };
    } else {
      if (fault.retryAfterSeconds !== undefined) headers['retry-after'] = String(fault.retryAfterSeconds);
      if (status === 429) headers['x-ratelimit-remaining'] = '0';
      body ??= apiError(status, FAULT_MESSAGES[status] ?? 'Injected fault').body;
    }
    return { status, body, headers };
  }

  private dispatch(method: string, request: DoubleRequest, entry: RecordedRequest): RouteResult {
    const { router, routes, subset, validator, rateLimits, state } = this.deps;
    const resource = resourceFor(entry.path);
    const match = router.match(method === 'HEAD' ? 'GET' : method, entry.path);
    if (match) entry.operationId = match.operationId;
    if (match?.operationId !== 'rate-limit/get' && rateLimits.isExhausted(resource)) {
      return fromError(apiError(403, 'API rate limit exceeded for installation.', PRIMARY_RATE_LIMIT_DOCS));
    }
    if (!match && entry.path === '/graphql') {
      // GitHub's GraphQL endpoint is not in the REST description; say plainly that the double lacks it.
      return fromError(
        apiError(501, 'The GitHub double does not implement GraphQL', 'https://docs.github.com/graphql'),
      );
    }
    if (!match) return fromError(notFound(REST_DOCS));
    const handler = routes[match.operationId];
    const operation = subset.operations[match.operationId];
    if (!handler || !operation) {
      return fromError(
        apiError(
          501,
          `The GitHub double does not implement ${match.operationId} (${method} ${match.template})`,
          REST_DOCS,
        ),
      );
    }
    const params = validator.params(match.operationId, match.params);
    if (!params.ok) return fromError(notFound(operation.docs));
    const query = validator.query(match.operationId, request.url.searchParams);
    if (!query.ok) return fromError(invalidRequest(operation.docs, query.details));
    const body = validator.body(match.operationId, entry.body);
    if (!body.ok) return fromError(invalidRequest(operation.docs, body.details));

    const context: RouteContext = {
      state,
      operationId: match.operationId,
      docs: operation.docs,
      params: params.value,
      query: query.value,
      body: body.value,
      headers: request.headers,
      links: { api: request.url.origin, web: this.deps.webUrl },
      url: request.url,
      actor: state.app.botLogin,
      rateLimits,
    };
    let result: RouteResult;
    try {
      result = routes[match.operationId]!(context);
    } catch (error) {
      if (error instanceof GitHubApiError) return fromError(error);
      return { status: 500, body: { message: `GitHub double failed: ${(error as Error).stack ?? error}` } };
    }
    if (this.deps.validateResponses && result.body !== undefined && result.status < 300) {
      const problems = validator.response(match.operationId, result.status, result.body);
      if (problems.length > 0) {
        return {
          status: 500,
          body: {
            message: `GitHub double answered ${match.operationId} with a body GitHub's schema rejects: ${problems.join(' ')}`,
          },
        };
      }
    }
    return result;
  }

  private requestId(): string {
    return `D0B1:${String(this.requestCount).padStart(6, '0')}`;
  }

  private finish(
    method: string,
    request: DoubleRequest,
    entry: RecordedRequest,
    result: RouteResult,
  ): DoubleResponse {
    this.requestCount += 1;
    const headers: Record<string, string> = {
      date: this.deps.state.now.toUTCString(),
      'x-github-media-type': 'github.v3; format=json',
      'x-github-api-version-selected': '2022-11-28',
      'x-github-request-id': this.requestId(),
    };
    let body: Uint8Array | null = null;
    if (result.raw) {
      body = typeof result.raw.content === 'string' ? Buffer.from(result.raw.content) : result.raw.content;
      headers['content-type'] = result.raw.contentType;
    } else if (result.body !== undefined) {
      body = Buffer.from(JSON.stringify(result.body));
      headers['content-type'] = 'application/json; charset=utf-8';
    }
    let status = result.status;
    if ((method === 'GET' || method === 'HEAD') && status === 200 && body) {
      const etag = `W/"${createHash('sha256').update(body).digest('hex')}"`;
      headers.etag = etag;
      if (matchesEtag(request.headers.get('if-none-match'), etag)) {
        status = 304;
        body = null;
        delete headers['content-type'];
      }
    }
    const resource = resourceFor(entry.path);
    // A 304 is free on GitHub, and so is asking for the rate limit.
    if (status !== 304 && entry.operationId !== 'rate-limit/get') this.deps.rateLimits.consume(resource);
    Object.assign(headers, this.deps.rateLimits.headers(resource), result.headers);
    entry.status = status;
    if (status === 204 || status === 304 || method === 'HEAD') body = null;
    return { status, headers, body };
  }
}
