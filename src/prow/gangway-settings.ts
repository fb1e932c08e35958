import type { GangwaySettings } from './gangway-client.js';
import { readSecret } from '../settings/read-secret.js';

/**
 * Gangway from the environment: `GANGWAY_URL`, and the credentials ESPv2 in front of it expects,
 * `GANGWAY_TOKEN` (sent as `Authorization: Bearer`) and/or `GANGWAY_API_KEY` (sent as
 * `x-api-key`), each also as a `_FILE`. Absent URL: Prow jobs cannot be re-run (the reply says so).
 */
export function readGangwaySettings(
  env: Readonly<Record<string, string | undefined>>,
): GangwaySettings | undefined {
  const url = env.GANGWAY_URL?.trim();
  if (!url) return undefined;
  // `new URL` alone accepts `gangway:32000` (a scheme named gangway); insist on HTTP(S).
  if (!/^https?:\/\/[^/]/i.test(url) || !URL.canParse(url))
    throw new Error(`GANGWAY_URL: not an http(s) URL: ${url}`);
  const token = readSecret(env, 'GANGWAY_TOKEN');
  const apiKey = readSecret(env, 'GANGWAY_API_KEY');
  const timeout = Number(env.GANGWAY_TIMEOUT_MS ?? 10_000);
  if (!Number.isInteger(timeout) || timeout < 100)
    throw new Error('GANGWAY_TIMEOUT_MS: an integer of at least 100');
  return {
    url,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(apiKey ? { 'x-api-key': apiKey } : {}),
    },
    timeoutMs: timeout,
  };
}
