import { createHmac, timingSafeEqual } from 'node:crypto';

const PREFIX = 'sha256=';
const HEX_LENGTH = 64;

/**
 * Checks `X-Hub-Signature-256` against every accepted secret (several during a rotation).
 *
 * The HMAC covers the raw bytes as received: re-serialising the JSON would change escapes and
 * break valid signatures. The comparison is constant-time, and a malformed header is simply
 * false (a throwing verifier took Probot down once: CVE-2023-50728).
 *
 * @example verifySignature(body, req.headers['x-hub-signature-256'], ['s3cret'])
 */
export function verifySignature(
  body: Buffer,
  header: string | undefined,
  secrets: readonly string[],
): boolean {
  if (!header?.startsWith(PREFIX) || header.length !== PREFIX.length + HEX_LENGTH) return false;
  const given = Buffer.from(header.slice(PREFIX.length), 'hex');
  if (given.length !== HEX_LENGTH / 2) return false;
  let valid = false;
  // Check every secret, not just until the first match, so timing does not say which one matched.
  for (const secret of secrets) {
    const expected = createHmac('sha256', secret).update(body).digest();
    valid = timingSafeEqual(expected, given) || valid;
  }
  return valid;
}

/** The header value GitHub would send for `body` (used by tests, the bench and `simulate`). */
export function signBody(body: string | Buffer, secret: string): string {
  return PREFIX + createHmac('sha256', secret).update(body).digest('hex');
}
