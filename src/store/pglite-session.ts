/**
 * What the Kysely dialect needs from a PGlite session: run one statement, close. Implemented by
 * `PGliteThread` (PGlite on a worker thread).
 *
 * Statements run in the order `query` is called, whether or not earlier ones have answered: the
 * dialect relies on it to hand the session to the next holder as soon as a statement is sent.
 */
export interface QueryOptions {
  /** Indices of `params` that hold stage ids (`PGliteThread.stage`): the thread puts the staged, compressed payloads there. */
  staged?: number[];
}

export interface PGliteSession {
  readonly closed: boolean;
  query<R>(
    sql: string,
    params: unknown[],
    options?: QueryOptions,
  ): Promise<{ rows: R[]; affectedRows?: number }>;
  close(): Promise<void>;
}
