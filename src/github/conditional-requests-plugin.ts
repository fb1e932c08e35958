import type { Octokit } from '@octokit/core';
import type { CachedResponse, EtagCache } from './etag-cache.js';
import { installationKeyOf } from './installation-key.js';

/**
 * An Octokit plugin making repeated GETs conditional: the last 200 of each URL (per installation,
 * since GitHub scopes ETags to the token, and per `accept`, since media types change the body) is
 * kept with its ETag and revalidated with `If-None-Match`; a 304 answers from the cache and costs
 * nothing on the primary limit. Every hit is revalidated, so a cached body is never stale.
 * A GET that already carries `If-None-Match`, or asks for a stream, is left alone.
 */
export function conditionalRequests(cache: EtagCache) {
  return (octokit: Octokit, options: { auth?: unknown }) => {
    const installation = installationKeyOf(options);
    // Requests this hook made conditional. Hooks share one options object (an inner hook ignores
    // what an outer one passes), so the header is set in place and outlives a retried attempt.
    const ours = new WeakSet<object>();
    octokit.hook.wrap('request', async (request, requestOptions) => {
      const { method, url, headers } = octokit.request.endpoint.parse(requestOptions);
      const streamed = requestOptions.request?.parseSuccessResponseBody === false;
      const callersOwn = headers['if-none-match'] !== undefined && !ours.has(requestOptions);
      if (method !== 'GET' || callersOwn || streamed) return request(requestOptions);
      const key = `${installation} ${headers.accept ?? ''} ${url}`;
      const cached = cache.get(key);
      if (cached) {
        requestOptions.headers['if-none-match'] = cached.etag;
        ours.add(requestOptions);
      } else {
        delete requestOptions.headers['if-none-match'];
      }
      try {
        const response = await request(requestOptions);
        const etag = response.headers.etag;
        if (response.status === 200 && typeof etag === 'string') {
          // A copy, so a caller editing its result cannot change what the next caller gets.
          const data = structuredClone(response.data);
          cache.set(key, { etag, status: 200, url: response.url, headers: response.headers, data });
        } else {
          cache.delete(key);
        }
        return response;
      } catch (error) {
        const failed = error as { status?: number; response?: { headers: CachedResponse['headers'] } };
        if (failed.status === 404 || failed.status === 410) cache.delete(key);
        // @octokit/request throws on 304 ("Not modified"); for us it means "the cached body".
        if (!cached || failed.status !== 304) throw error;
        return {
          status: cached.status,
          url: cached.url,
          // The 304's headers are fresher (rate limit, date); the cached ones describe the body.
          headers: { ...cached.headers, ...failed.response?.headers },
          data: structuredClone(cached.data),
        } as Awaited<ReturnType<typeof request>>;
      }
    });
  };
}
