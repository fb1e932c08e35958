import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';

/** Addresses a repository's config must not make Sheriff fetch: its own host, its network, cloud metadata. */
const PRIVATE = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.168.0.0', 16],
] as const)
  PRIVATE.addSubnet(network, prefix, 'ipv4');
for (const [network, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
  ['::ffff:0:0', 96],
] as const)
  PRIVATE.addSubnet(network, prefix, 'ipv6');

const MAX_REDIRECTS = 3;

export class OutboundRefusedError extends Error {}

/** Whether `host` is one of the operator's allowed hosts (`example.dev`, or `*.example.dev` for its subdomains). */
function allowedByList(host: string, allowed: readonly string[]): boolean {
  return allowed.some((pattern) =>
    pattern.startsWith('*.') ? host.endsWith(pattern.slice(1)) : host === pattern.toLowerCase(),
  );
}

async function refusalOf(url: URL, allowed: readonly string[]): Promise<string | undefined> {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return `${url.protocol} is not http(s)`;
  const host = url.hostname.toLowerCase().replace(/^\[|\]$/g, '');
  if (allowed.length > 0)
    return allowedByList(host, allowed) ? undefined : `${host} is not in OUTBOUND_ALLOWED_HOSTS`;
  if (host === 'localhost' || host.endsWith('.localhost') || host.endsWith('.internal'))
    return `${host} is a local name`;
  const addresses = isIP(host) ? [host] : (await lookup(host, { all: true })).map((entry) => entry.address);
  const blocked = addresses.find((address) => PRIVATE.check(address, isIP(address) === 6 ? 'ipv6' : 'ipv4'));
  return blocked ? `${host} resolves to a private address (${blocked})` : undefined;
}

/**
 * A `fetch` for URLs that come from repositories' config (version markers, build logs): without an
 * operator allowlist it refuses loopback, private, link-local (cloud metadata) and unique-local
 * addresses, checked for every redirect, so a repository cannot point Sheriff at its own network.
 * With `OUTBOUND_ALLOWED_HOSTS` set, only those hosts are fetched (and may be private).
 * A DNS answer that changes between the check and the connection is not caught; an allowlist is.
 *
 * @example
 * const fetchFromConfig = guardOutboundFetch(globalThis.fetch, []);
 * await fetchFromConfig('http://169.254.169.254/latest/meta-data/'); // rejects: OutboundRefusedError
 */
export function guardOutboundFetch(
  inner: typeof globalThis.fetch,
  allowedHosts: readonly string[],
): typeof globalThis.fetch {
  return async (input, init) => {
    let url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
    for (let hop = 0; ; hop += 1) {
      const refusal = await refusalOf(url, allowedHosts);
      if (refusal) throw new OutboundRefusedError(`not fetched: ${refusal}`);
      const response = await inner(url, { ...init, redirect: 'manual' });
      const location = response.headers.get('location');
      if (response.status < 300 || response.status >= 400 || !location) return response;
      await response.body?.cancel();
      if (hop >= MAX_REDIRECTS)
        throw new OutboundRefusedError(`not fetched: more than ${MAX_REDIRECTS} redirects`);
      url = new URL(location, url);
    }
  };
}
