/** A GET response kept for revalidation with `If-None-Match`. */
export interface CachedResponse {
  /** The ETag exactly as GitHub sent it, quotes (and `W/`) included. */
  etag: string;
  status: number;
  url: string;
  headers: Record<string, string | number | undefined>;
  data: unknown;
}

interface Entry {
  response: CachedResponse;
  bytes: number;
}

/**
 * Least-recently-used GET responses, bounded by an estimate of the memory they hold. An entry
 * larger than an eighth of the budget is not kept, so one big file cannot flush everything else.
 *
 * @example
 * const cache = new EtagCache(32 * 1024 * 1024);
 * cache.set('42 application/json https://api.github.com/repos/acme/widgets', response);
 */
export class EtagCache {
  private readonly entries = new Map<string, Entry>();
  private usedBytes = 0;

  constructor(private readonly maxBytes: number) {}

  /** The cached response (and marks it recently used). */
  get(key: string): CachedResponse | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry.response;
  }

  /** Keeps a response, evicting the least recently used ones to stay within the budget. */
  set(key: string, response: CachedResponse): void {
    this.delete(key);
    const bytes = estimateBytes(key, response);
    if (bytes > this.maxBytes / 8) return;
    this.entries.set(key, { response, bytes });
    this.usedBytes += bytes;
    for (const [oldest] of this.entries) {
      if (this.usedBytes <= this.maxBytes) break;
      this.delete(oldest);
    }
  }

  delete(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    this.usedBytes -= entry.bytes;
  }

  get size(): number {
    return this.entries.size;
  }

  /** The estimated memory held. */
  get bytes(): number {
    return this.usedBytes;
  }
}

/** About two bytes per character of the serialised response (parsed JSON costs more than its text, not less). */
function estimateBytes(key: string, response: CachedResponse): number {
  const { data } = response;
  const body =
    typeof data === 'string'
      ? data.length
      : data instanceof ArrayBuffer
        ? data.byteLength / 2
        : (JSON.stringify(data) ?? '').length;
  return 2 * (key.length + body + JSON.stringify(response.headers).length);
}
