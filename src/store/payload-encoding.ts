import { inflateRawSync } from 'node:zlib';

/**
 * How a delivery's payload is stored. `identity`: the JSON text as received. `deflate-base64`: the
 * same bytes, raw-deflated at level 1 and base64-encoded, so the column stays text.
 *
 * Why PGlite compresses and PostgreSQL does not: inside PGlite every byte of a statement and of
 * its result crosses into WebAssembly and back through PGlite's protocol buffers, on the one
 * thread that serves every query; a 25 KB payload cost more to store and read back than the rest
 * of its delivery's statements. Deflate shrinks GitHub payloads 6-9x for ~0.15 ms, paid on the
 * PGlite thread itself as each payload arrives (see `DeflateOnStore`): that saves more than it
 * costs on the same thread, keeps the main thread, which acknowledges webhooks, out of it, and
 * keeps it off the critical path of the INSERT (deflating a batch of 20 there was 3 of its 4.5 ms).
 * A PostgreSQL server stores 25 KB natively for a fraction of that, so it keeps the text.
 *
 * Each row names its encoding, so rows written before this existed (all `identity`) and rows of
 * either kind read back the same.
 */
export type PayloadEncoding = 'identity' | 'deflate-base64';

/**
 * A statement parameter standing for a payload already sent to PGlite's thread
 * (`PGliteThread.stage`), which compresses it on arrival, while the batch that will store it is
 * still forming, and puts it in place of this parameter when the statement runs.
 */
export class DeflateOnStore {
  constructor(readonly stageId: number) {}

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

export function decodePayload(stored: string, encoding: PayloadEncoding): string {
  if (encoding === 'identity') return stored;
  return inflateRawSync(Buffer.from(stored, 'base64')).toString('utf8');
}
