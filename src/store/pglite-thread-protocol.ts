/** Messages between `PGliteThread` (main thread) and `pglite-thread-main` (worker thread). */
export type ThreadRequest =
  /** `deflate`: indices of params to store in the `deflate-base64` encoding (payload-encoding.ts). */
  { type: 'query'; id: number; sql: string; params: unknown[]; deflate?: number[] } | { type: 'close' };

export type ThreadReply =
  | { type: 'ready' }
  | { type: 'failed'; message: string }
  | { type: 'result'; id: number; rows: unknown[]; affectedRows: number | undefined }
  | { type: 'error'; id: number; message: string; code?: string }
  | { type: 'closed' };
