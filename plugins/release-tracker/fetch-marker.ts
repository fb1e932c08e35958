import { createHash } from 'node:crypto';
import type { MarkerFetch } from './freshness-store.js';

/** Markers are a line of text (a version or a URL); anything bigger is cut here. */
const MAX_MARKER_BYTES = 64 * 1024;
const TIMEOUT_MS = 10_000;

/**
 * Fetches a version marker: its status, its content (trimmed; hashed for change detection) and
 * its `Last-Modified`. Never throws: a network error or timeout is reported in `error`.
 *
 * @example
 * await fetchMarker('https://storage.googleapis.com/kops-ci/bin/latest-ci-updown-green.txt');
 * // { status: 200, error: null, content: { sha256: '…', text: 'https://…/1.29.0-alpha.4+…' },
 * //   lastModified: 2024-03-07T19:28:59.000Z }
 */
export async function fetchMarker(
  url: string,
  fetcher: typeof fetch = globalThis.fetch,
): Promise<MarkerFetch> {
  try {
    const response = await fetcher(url, {
      headers: { accept: 'text/plain, */*' },
      redirect: 'follow',
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    const lastModified = parseDate(response.headers.get('last-modified'));
    if (!response.ok) {
      await response.body?.cancel();
      return { status: response.status, error: null, content: null, lastModified };
    }
    const bytes = Buffer.from(await response.arrayBuffer()).subarray(0, MAX_MARKER_BYTES);
    const text = bytes.toString('utf8').trim();
    const sha256 = createHash('sha256').update(text).digest('hex');
    return { status: response.status, error: null, content: { sha256, text }, lastModified };
  } catch (error) {
    return { status: null, error: (error as Error).message.slice(0, 200), content: null, lastModified: null };
  }
}

function parseDate(text: string | null): Date | null {
  if (!text) return null;
  const time = Date.parse(text);
  return Number.isNaN(time) ? null : new Date(time);
}
