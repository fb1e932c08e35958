import type { DoubleRequest, DoubleResponse } from './request-handler.js';

/**
 * A WHATWG `fetch` that answers from the handler directly: no socket, no port. Octokit takes it as
 * `request: { fetch }`.
 *
 * @example
 * const octokit = new Octokit({ request: { fetch: createInProcessFetch((request) => handler.handle(request)) } });
 */
export function createInProcessFetch(
  handle: (request: DoubleRequest) => Promise<DoubleResponse>,
): typeof fetch {
  return async (input, init) => {
    const request = new Request(input, init);
    const bodyText = request.method === 'GET' || request.method === 'HEAD' ? '' : await request.text();
    const answer = await handle({
      method: request.method,
      url: new URL(request.url),
      headers: request.headers,
      bodyText,
    });
    return new Response(answer.body, { status: answer.status, headers: answer.headers });
  };
}
