import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sharedFixturePath } from '../../support/webhook-examples.js';

/** The fixture build log of the failed `post-lambda-controller-release` build (fails at image push). */
export const FIXTURE_BUILD_LOG = readFileSync(
  sharedFixturePath('world', 'prow', 'build-log-post-lambda-controller-release.txt'),
  'utf8',
);

/** A loopback log server (a stand-in for gcsweb): what it serves and the requests it got. */
export interface BuildLogServer {
  readonly url: string;
  /** Path and Range header of every request, in order. */
  readonly requests: { path: string; range: string | undefined }[];
  close(): Promise<void>;
}

/**
 * Serves `logs` (path → content) over loopback; with `ranges` it answers a suffix Range
 * (`bytes=-N`) with 206 and the last N bytes, as gcsweb and S3 do, else it sends the whole file
 * (without `contentLength`: chunked, its size unknown until read).
 */
export async function startBuildLogServer(
  logs: Record<string, string>,
  options: { ranges?: boolean; contentLength?: boolean } = {},
): Promise<BuildLogServer> {
  const requests: { path: string; range: string | undefined }[] = [];
  const server: Server = createServer((request, response) => {
    const path = request.url ?? '/';
    requests.push({ path, range: request.headers.range });
    const log = logs[path];
    if (log === undefined) {
      response.writeHead(404).end('not found');
      return;
    }
    const bytes = Buffer.from(log, 'utf8');
    const suffix = /^bytes=-(\d+)$/.exec(request.headers.range ?? '');
    if (options.ranges !== false && suffix) {
      const start = Math.max(0, bytes.length - Number(suffix[1]));
      response.writeHead(206, {
        'content-type': 'text/plain',
        'content-range': `bytes ${start}-${bytes.length - 1}/${bytes.length}`,
      });
      response.end(bytes.subarray(start));
      return;
    }
    response.writeHead(200, {
      'content-type': 'text/plain',
      ...(options.contentLength !== false ? { 'content-length': bytes.length } : {}),
    });
    response.end(bytes);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
