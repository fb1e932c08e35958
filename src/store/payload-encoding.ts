import { inflateRawSync } from 'node:zlib';

/**
 * How a delivery's payload is stored. `identity`: the JSON text as received. `deflate-base64`: the
 * same bytes, raw-deflated at level 1 and base64-encoded, so the column stays text.
 *
 * Why PGlite compresses and PostgreSQL does not: inside PGlite every byte of a statement and of
 * its result crosses into WebAssembly and back through PGlite's protocol buffers, on the one
 * thread that serves every query; a 25 KB payload cost more to store and read back than the rest
 * of its delivery's statements. Deflate shrinks GitHub payloads 6-9x for ~0.15 ms, paid on the
 * PGlite thread itself (`PGliteThread.deflate`), which saves more than that on the same thread and
 * keeps the main thread, which acknowledges webhooks, out of it. A PostgreSQL server stores 25 KB
 * natively for a fraction of that, so it keeps the text.
 *
 * Each row names its encoding, so rows written before this existed (all `identity`) and rows of
 * either kind read back the same.
 */
export type PayloadEncoding = 'identity' | 'deflate-base64';

/** Puts payloads in a store's encoding. */
export interface PayloadEncoder {
  readonly encoding: PayloadEncoding;
  encode(json: string): Promise<string>;
}

export const identityEncoder: PayloadEncoder = {
  encoding: 'identity',
  encode: async (json) => json,
};

export function decodePayload(stored: string, encoding: PayloadEncoding): string {
  if (encoding === 'identity') return stored;
  return inflateRawSync(Buffer.from(stored, 'base64')).toString('utf8');
}
