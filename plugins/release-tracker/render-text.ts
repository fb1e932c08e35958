/** Small text pieces every tracker message shares. */

/** A code span; backticks inside are dropped (job names, refs and SHAs do not contain them). */
export function code(text: string): string {
  return `\`${text.replace(/`/g, '')}\``;
}

/**
 * @example
 * utcMinute('2025-05-14T17:19:40.000Z'); // '2025-05-14 17:19 UTC'
 */
export function utcMinute(iso: string | null): string {
  return iso === null ? 'an unknown time' : `${iso.slice(0, 16).replace('T', ' ')} UTC`;
}

/**
 * A duration in its two largest units.
 *
 * @example
 * humanDuration(2 * 3600_000 + 13 * 60_000); // '2h 13m'
 * humanDuration(30_000); // 'less than a minute'
 */
export function humanDuration(ms: number): string {
  const minutes = Math.floor(ms / 60_000);
  if (minutes < 1) return 'less than a minute';
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const rest = minutes % 60;
  if (days > 0) return hours > 0 ? `${days}d ${hours}h` : `${days}d`;
  if (hours > 0) return rest > 0 ? `${hours}h ${rest}m` : `${hours}h`;
  return `${rest}m`;
}

/** A commit as people read it: the first 12 hex digits. */
export function shortSha(sha: string | null): string | null {
  return sha === null ? null : sha.slice(0, 12);
}

/** `[logs](url)`, or nothing when the run has no link. */
export function logsLink(url: string | null, text = 'logs'): string {
  return url ? `[${text}](${url})` : 'no logs link';
}

/** `1 failure`, `3 failures`. */
export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
