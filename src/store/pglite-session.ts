/**
 * What the Kysely dialect needs from a PGlite session: run one statement, close. Implemented by
 * PGlite itself (same thread) and by `PGliteThread` (PGlite on a worker thread).
 */
export interface PGliteSession {
  readonly closed: boolean;
  query<R>(sql: string, params: unknown[]): Promise<{ rows: R[]; affectedRows?: number }>;
  close(): Promise<void>;
}
