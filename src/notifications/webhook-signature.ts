import { createHmac, timingSafeEqual } from 'node:crypto';

/** The header carrying the signature of an outgoing webhook's body (GitHub's scheme, Sheriff's name). */
export const SIGNATURE_HEADER = 'X-Sheriff-Signature-256';
/** The header naming one delivery (notice id + target): the same on every retry, for deduplication. */
export const DELIVERY_HEADER = 'X-Sheriff-Delivery';
/** The header naming the event kind (`opened`, `resolved`, ...). */
export const EVENT_HEADER = 'X-Sheriff-Event';

/**
 * `sha256=<hex HMAC-SHA256 of the exact body bytes>`, as GitHub signs its webhooks.
 *
 * @example
 * signOutgoingBody('{"kind":"opened"}', secret); // 'sha256=6f1c...'
 */
export function signOutgoingBody(body: string, secret: string): string {
  return `sha256=${createHmac('sha256', secret).update(body, 'utf8').digest('hex')}`;
}

/** What a receiver does: recompute the signature over the raw body and compare in constant time. */
export function verifyOutgoingSignature(body: string, secret: string, header: string | undefined): boolean {
  if (!header) return false;
  const expected = Buffer.from(signOutgoingBody(body, secret), 'utf8');
  const given = Buffer.from(header, 'utf8');
  return given.length === expected.length && timingSafeEqual(given, expected);
}
