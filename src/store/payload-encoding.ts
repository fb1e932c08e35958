import { inflateRawSync } from 'node:zlib';

/**
 * How a delivery's payload is stored. `identity`: the JSON text as received. `deflate-base64`: the
 * same bytes, raw-deflated at level 1 and base64-encoded, so the column stays text.
 *
 * Why PGlite compresses and PostgreSQL does not: inside PGlite every byte of a statement and of
 * its result crosses into WebAssembly and back through PGlite's protocol buffers, on the one
 * thread that serves every query; a 25 KB payload cost more to store and read back than the rest
 * of its delivery's statements. Deflate shrinks GitHub payloads 6-9x for ~0.15 ms, paid on the
 * PGlite thread itself just before the INSERT runs (see `DeflateOnStore`): that saves more than it
 * costs on the same thread, keeps the main thread, which acknowledges webhooks, out of it, and
 * adds no round trip. A PostgreSQL server stores 25 KB natively for a fraction of that, so it
 * keeps the text.
 *
 * Each row names its encoding, so rows written before this existed (all `identity`) and rows of
 * either kind read back the same.
 */
export type PayloadEncoding = 'identity' | 'deflate-base64';

/**
 * A statement parameter that PGlite's thread stores in the `deflate-base64` encoding: it
 * compresses `text` right before running the statement (pglite-thread-main.mjs).
 */
export class DeflateOnStore {
  constructor(readonly text: string) {}

  /** node-postgres calls this for object parameters: only PGlite knows what to do with one. */
  toPostgres(): never {
    throw new Error('DeflateOnStore is a PGlite parameter; a PostgreSQL store keeps payloads as text');
  }
}

/** Puts payloads in a store's encoding. */
export interface PayloadEncoder {
  readonly encoding: PayloadEncoding;
  encode(json: string): string | DeflateOnStore;
}

export const identityEncoder: PayloadEncoder = { encoding: 'identity', encode: (json) => json };

export const deflateOnStoreEncoder: PayloadEncoder = {
  encoding: 'deflate-base64',
  encode: (json) => new DeflateOnStore(json),
};

export function decodePayload(stored: string, encoding: PayloadEncoding): string {
  if (encoding === 'identity') return stored;
  return inflateRawSync(Buffer.from(stored, 'base64')).toString('utf8');
}
