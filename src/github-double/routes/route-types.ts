import type { DoubleState } from '../double-state.js';
import type { RateLimiter } from '../rate-limiter.js';

/** Where the double's resources live: `api` follows the request (loopback or in-process), `web` is fixed. */
export interface Links {
  api: string;
  web: string;
}

/** Everything a route handler sees of a request, already matched and validated against the OpenAPI. */
export interface RouteContext {
  state: DoubleState;
  operationId: string;
  /** GitHub's documentation page for the operation, for `documentation_url` in errors. */
  docs: string;
  /** Path parameters, percent-decoded. */
  params: Record<string, string>;
  /** Query parameters, coerced to the schema's types (`per_page` is a number). */
  query: Record<string, unknown>;
  /** The parsed JSON body, valid against the operation's schema; `undefined` when there was none. */
  body: unknown;
  headers: Headers;
  links: Links;
  /** The request URL as received, for pagination links. */
  url: URL;
  /** The login writes are attributed to: the app's bot. */
  actor: string;
  rateLimits: RateLimiter;
}

/** A raw (non-JSON) response body, e.g. a file's content for `Accept: application/vnd.github.raw`. */
export interface RawBody {
  content: Uint8Array | string;
  contentType: string;
}

export interface RouteResult {
  status: number;
  /** JSON body; absent for 204. */
  body?: unknown;
  raw?: RawBody;
  headers?: Record<string, string>;
}

export type RouteHandler = (context: RouteContext) => RouteResult;

/** Handlers keyed by GitHub operationId: the one list of what the double implements. */
export type RouteTable = Record<string, RouteHandler>;
