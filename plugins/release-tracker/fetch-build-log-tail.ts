/** At most this much of a build log is read: its tail, where the failure is. */
export const MAX_LOG_TAIL_BYTES = 1024 * 1024;
const TIMEOUT_MS = 10_000;

/** The tail of a build log, or why it could not be read (never thrown: the stage stays a guess). */
export type BuildLogTail = { readonly text: string } | { readonly error: string };

/**
 * Reads the last `maxBytes` of a build log with a suffix `Range` request. A server that ignores
 * Range (200) is read only when the whole log fits in `maxBytes`; a bigger one is left unread
 * rather than downloaded, as is anything slower than 10 s. A tail that starts inside a line
 * drops that partial line.
 *
 * @example
 * await fetchBuildLogTail('https://gcsweb.example.dev/gcs/b/logs/job/1/build-log.txt', fetch);
 * // { text: "...Pushing 'lambda' controller image with tag: ...\nError: ..." }
 */
export async function fetchBuildLogTail(
  url: string,
  fetcher: typeof globalThis.fetch,
  maxBytes = MAX_LOG_TAIL_BYTES,
): Promise<BuildLogTail> {
  try {
    const response = await fetcher(url, {
      headers: { range: `bytes=-${maxBytes}`, accept: 'text/plain, */*' },
      redirect: 'follow',
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    if (response.status === 416) {
      await response.body?.cancel();
      return { text: '' };
    }
    if (response.status !== 200 && response.status !== 206) {
      await response.body?.cancel();
      return { error: `HTTP ${response.status}` };
    }
    const declared = Number(response.headers.get('content-length') ?? Number.NaN);
    if (response.status === 200 && declared > maxBytes) {
      await response.body?.cancel();
      return { error: `the log is ${declared} bytes and its server ignores Range requests` };
    }
    const bytes = await readAtMost(response, maxBytes);
    if (bytes === null)
      return { error: `the log is over ${maxBytes} bytes and its server ignores Range requests` };
    const text = bytes.toString('utf8');
    const partial = response.status === 206 && !/^bytes 0-/.test(response.headers.get('content-range') ?? '');
    return { text: partial ? text.slice(text.indexOf('\n') + 1) : text };
  } catch (error) {
    return { error: (error as Error).message.slice(0, 200) };
  }
}

/** The body, or null (and the rest cancelled) once it passes `limit` bytes. */
async function readAtMost(response: Response, limit: number): Promise<Buffer | null> {
  if (!response.body) return Buffer.alloc(0);
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return Buffer.concat(chunks);
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
}
