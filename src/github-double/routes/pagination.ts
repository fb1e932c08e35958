import type { RouteContext, RouteResult } from './route-types.js';

/** GitHub's page size limits for `per_page`. */
const DEFAULT_PER_PAGE = 30;
const MAX_PER_PAGE = 100;

export interface Page<T> {
  items: T[];
  /** The `link` header (RFC 8288) with first/prev/next/last, as Octokit's paginate follows it. */
  headers: Record<string, string>;
}

function pageUrl(url: URL, page: number): string {
  const next = new URL(url);
  next.searchParams.set('page', String(page));
  return next.toString();
}

/**
 * Cuts `items` to the page the request asks for and builds GitHub's `link` header.
 *
 * @example
 * const { items, headers } = paginate(context, labels);
 * return { status: 200, body: items.map(renderLabel), headers };
 */
export function paginate<T>(context: RouteContext, items: readonly T[]): Page<T> {
  const perPage = Math.min(
    Number(context.query.per_page ?? DEFAULT_PER_PAGE) || DEFAULT_PER_PAGE,
    MAX_PER_PAGE,
  );
  const page = Math.max(Number(context.query.page ?? 1) || 1, 1);
  const last = Math.max(Math.ceil(items.length / perPage), 1);
  const links: string[] = [];
  if (page > 1) links.push(`<${pageUrl(context.url, page - 1)}>; rel="prev"`);
  if (page < last) {
    links.push(`<${pageUrl(context.url, page + 1)}>; rel="next"`);
    links.push(`<${pageUrl(context.url, last)}>; rel="last"`);
  }
  if (page > 1) links.push(`<${pageUrl(context.url, 1)}>; rel="first"`);
  return {
    items: items.slice((page - 1) * perPage, page * perPage),
    headers: links.length > 0 ? { link: links.join(', ') } : {},
  };
}

/** A 200 with one page of rendered items. */
export function pageResult<T>(
  context: RouteContext,
  items: readonly T[],
  render: (item: T) => unknown,
): RouteResult {
  const page = paginate(context, items);
  return { status: 200, body: page.items.map(render), headers: page.headers };
}
