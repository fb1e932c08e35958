/** Every request the double received, in order, and the non-GET "actions" `sheriff simulate` prints. */

export interface RecordedRequest {
  method: string;
  /** The path as sent, without host or query. */
  path: string;
  query: Record<string, string | string[]>;
  /** The parsed JSON body; `undefined` when there was none. */
  body: unknown;
  /** The status the double answered with (0 while the request is in flight). */
  status: number;
  /** The GitHub operation it matched, when it matched one. */
  operationId?: string;
  /** Set when an injected fault produced the response. */
  fault?: true;
}

/** Contract section 3: `{"method": "POST", "path": "/repos/acme/widgets/issues/7/labels", "body": {...}}`. */
export interface GitHubAction {
  method: string;
  path: string;
  /** Absent when the request had no body (most DELETEs). */
  body?: unknown;
}

export interface ActionOptions {
  /** Include `POST /app/installations/{id}/access_tokens` (authentication, not a decision of the app). */
  includeAuth?: boolean;
}

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

export class RequestLog {
  readonly entries: RecordedRequest[] = [];

  record(entry: RecordedRequest): RecordedRequest {
    this.entries.push(entry);
    return entry;
  }

  clear(): void {
    this.entries.length = 0;
  }

  /**
   * The writes, in order, in the contract's shape.
   *
   * @example
   * double.actions(); // [{ method: 'POST', path: '/repos/acme/widgets/issues/7/comments', body: { body: 'hi' } }]
   */
  actions(options: ActionOptions = {}): GitHubAction[] {
    return this.entries
      .filter((entry) => !READS.has(entry.method))
      .filter((entry) => options.includeAuth || entry.operationId !== 'apps/create-installation-access-token')
      .map((entry) => ({
        method: entry.method,
        path: entry.path,
        ...(entry.body === undefined ? {} : { body: entry.body }),
      }));
  }
}
