import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * Whether `given` is one of the accepted tokens, in constant time: both sides are hashed first,
 * so neither the length nor the content of a token shows in the timing, and every accepted token
 * is compared (a rotation's old and new ones). No token configured accepts nothing.
 *
 * @example
 * isAcceptedToken('s3cret', ['old', 's3cret']); // true
 */
export function isAcceptedToken(given: string | undefined, tokens: readonly string[]): boolean {
  if (given === undefined || given === '' || tokens.length === 0) return false;
  const wanted = digest(given);
  let valid = false;
  for (const token of tokens) valid = timingSafeEqual(digest(token), wanted) || valid;
  return valid;
}

/** The token of an `Authorization: Bearer <token>` header, if it is one. */
export function bearerToken(header: string | undefined): string | undefined {
  return /^Bearer\s+(\S+)\s*$/i.exec(header ?? '')?.[1];
}

/** The password of an `Authorization: Basic base64(user:password)` header (browsers send it). */
export function basicPassword(header: string | undefined): string | undefined {
  const encoded = /^Basic\s+(\S+)\s*$/i.exec(header ?? '')?.[1];
  if (encoded === undefined) return undefined;
  const decoded = Buffer.from(encoded, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon < 0 ? undefined : decoded.slice(colon + 1);
}

function digest(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}
