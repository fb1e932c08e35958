/**
 * GitHub's timestamp format: ISO 8601 in UTC without milliseconds.
 *
 * @example
 * isoTime(new Date('2025-05-14T10:00:00.123Z')); // '2025-05-14T10:00:00Z'
 */
export function isoTime(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function isoTimeOrNull(date: Date | null): string | null {
  return date ? isoTime(date) : null;
}
