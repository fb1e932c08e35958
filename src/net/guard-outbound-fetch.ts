import { lookup as lookupInDns } from 'node:dns/promises';
import type { LookupAddress } from 'node:dns';
import type { LookupFunction } from 'node:net';
import { BlockList, isIP } from 'node:net';
import { fetchOverNodeHttp } from './fetch-over-node-http.js';
import { OutboundRefusedError } from './outbound-refused-error.js';

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
] as const)
  PRIVATE.addSubnet(network, prefix, 'ipv6');
// No `::ffff:0:0/96` rule: BlockList already checks IPv4-mapped addresses against the IPv4 rules,
// and such a rule would match every IPv4 address too, public ones included.

const MAX_REDIRECTS = 3;

export { OutboundRefusedError };

/** All the addresses of a host name (default: the system resolver, as `dns.lookup`). */
export type ResolveHost = (host: string) => Promise<readonly string[]>;

const resolveWithSystem: ResolveHost = async (host) =>
  (await lookupInDns(host, { all: true })).map((entry) => entry.address);

/** Whether `host` is one of the operator's allowed hosts (`example.dev`, or `*.example.dev` for its subdomains). */
function allowedByList(host: string, allowed: readonly string[]): boolean {
  return allowed.some((pattern) =>
    pattern.startsWith('*.') ? host.endsWith(pattern.slice(1).toLowerCase()) : host === pattern.toLowerCase(),
  );
}

function privateAmong(addresses: readonly string[]): string | undefined {
  return addresses.find((address) => PRIVATE.check(address, isIP(address) === 6 ? 'ipv6' : 'ipv4'));
}

async function refusalOf(
  url: URL,
  allowed: readonly string[],
  resolve: ResolveHost,
): Promise<string | undefined> {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return `${url.protocol} is not http(s)`;
  const host = url.hostname.toLowerCase().replace(/^\[|\]$/g, '');
  if (allowed.length > 0)
    return allowedByList(host, allowed) ? undefined : `${host} is not in OUTBOUND_ALLOWED_HOSTS`;
  if (host === 'localhost' || host.endsWith('.localhost') || host.endsWith('.internal'))
    return `${host} is a local name`;
  const blocked = privateAmong(isIP(host) ? [host] : await resolve(host));
  return blocked ? `${host} resolves to a private address (${blocked})` : undefined;
}

/**
 * The `lookup` a socket connects with: the addresses it returns are the ones connected to, so
 * checking them here is what makes a DNS answer that turns private after `refusalOf` harmless.
 */
function lookupCheckedAddresses(resolve: ResolveHost, refusePrivate: boolean): LookupFunction {
  return (hostname, options, callback) => {
    const wanted = options.family === 'IPv4' ? 4 : options.family === 'IPv6' ? 6 : (options.family ?? 0);
    const accept = (addresses: readonly string[]): void => {
      const blocked = refusePrivate ? privateAmong(addresses) : undefined;
      const entries: LookupAddress[] = addresses
        .map((address) => ({ address, family: isIP(address) }))
        .filter((entry) => wanted === 0 || entry.family === wanted);
      if (blocked)
        callback(
          new OutboundRefusedError(
            `not fetched: ${hostname} resolved to a private address (${blocked}) on connect`,
          ),
          '',
        );
      else if (entries.length === 0)
        callback(Object.assign(new Error(`no usable address for ${hostname}`), { code: 'ENOTFOUND' }), '');
      else if (options.all) callback(null, entries);
      else callback(null, entries[0]!.address, entries[0]!.family);
    };
    resolve(hostname).then(accept, (error: NodeJS.ErrnoException) => callback(error, ''));
  };
}

/**
 * A `fetch` for URLs that come from repositories' config (version markers, build logs): without an
 * operator allowlist it refuses loopback, private, link-local (cloud metadata) and unique-local
 * addresses, checked for every redirect, so a repository cannot point Sheriff at its own network.
 * With `OUTBOUND_ALLOWED_HOSTS` set, only those hosts are fetched (and may be private).
 *
 * Given `globalThis.fetch`, requests go over `node:http(s)` and each connection is made to an
 * address checked as it connects, so a DNS answer that turns private after the first check
 * (DNS rebinding) is refused too. Any other `inner` (a test double, a recorder) is called with
 * the checked URL as is: it does not reach the network, so there is nothing to pin.
 *
 * @example
 * const fetchFromConfig = guardOutboundFetch(globalThis.fetch, []);
 * await fetchFromConfig('http://169.254.169.254/latest/meta-data/'); // rejects: OutboundRefusedError
 */
export function guardOutboundFetch(
  inner: typeof globalThis.fetch,
  allowedHosts: readonly string[],
  resolve: ResolveHost = resolveWithSystem,
): typeof globalThis.fetch {
  const connect =
    inner === globalThis.fetch
      ? fetchOverNodeHttp(lookupCheckedAddresses(resolve, allowedHosts.length === 0))
      : inner;
  return async (input, init) => {
    let url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
    for (let hop = 0; ; hop += 1) {
      const refusal = await refusalOf(url, allowedHosts, resolve);
      if (refusal) throw new OutboundRefusedError(`not fetched: ${refusal}`);
      const response = await connect(url, { ...init, redirect: 'manual' });
      const location = response.headers.get('location');
      if (response.status < 300 || response.status >= 400 || !location) return response;
      await response.body?.cancel();
      if (hop >= MAX_REDIRECTS)
        throw new OutboundRefusedError(`not fetched: more than ${MAX_REDIRECTS} redirects`);
      url = new URL(location, url);
    }
  };
}
