/** A URL from a repository's config that Sheriff will not fetch (see guard-outbound-fetch.ts). */
export class OutboundRefusedError extends Error {}
