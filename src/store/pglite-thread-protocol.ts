/** Messages between `PGliteThread` (main thread) and `pglite-thread-main` (worker thread). */
export type ThreadRequest =
  /** `staged`: indices of params holding stage ids, replaced by those payloads, compressed. */
  | { type: 'query'; id: number; sql: string; params: unknown[]; staged?: number[] }
  /** A payload to compress now (deflate-base64, see payload-encoding.ts), kept for the statement that stores it. */
  | { type: 'stage'; stageId: number; text: string }
  | { type: 'close' };

export type ThreadReply =
  | { type: 'ready' }
  | { type: 'failed'; message: string }
  | { type: 'result'; id: number; rows: unknown[]; affectedRows: number | undefined }
  | { type: 'error'; id: number; message: string; code?: string }
  | { type: 'closed' };
