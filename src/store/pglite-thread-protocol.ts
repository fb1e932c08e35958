/** Messages between `PGliteThread` (main thread) and `pglite-thread-main` (worker thread). */
export type ThreadRequest =
  | { type: 'query'; id: number; sql: string; params: unknown[] }
  /** Compress a payload for storage (see payload-encoding.ts): raw deflate, level 1, base64. */
  | { type: 'deflate'; id: number; text: string }
  | { type: 'close' };

export type ThreadReply =
  | { type: 'ready' }
  | { type: 'failed'; message: string }
  | { type: 'result'; id: number; rows: unknown[]; affectedRows: number | undefined }
  | { type: 'deflated'; id: number; data: string }
  | { type: 'error'; id: number; message: string; code?: string }
  | { type: 'closed' };
