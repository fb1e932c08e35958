import { createHash } from 'node:crypto';

/**
 * Identifiers that look like GitHub's and stay the same for the same world, whatever order things are
 * created in, so that `simulate` output is reproducible.
 */

/**
 * A stable positive 31-bit id for a named thing.
 *
 * @example
 * stableId('user', 'alice') === stableId('user', 'alice'); // true
 */
export function stableId(kind: string, key: string): number {
  const digest = createHash('sha1').update(`${kind}:${key}`).digest();
  return (digest.readUInt32BE(0) % 900_000_000) + 10_000_000;
}

/**
 * GitHub's legacy global node id: base64 of `<length of type>:<Type><id>`.
 *
 * @example
 * legacyNodeId('User', 1); // 'MDQ6VXNlcjE='
 */
export function legacyNodeId(type: string, id: number | string): string {
  return Buffer.from(`${String(type.length).padStart(2, '0')}:${type}${id}`).toString('base64');
}

/** A 40-hex SHA derived from a description of what it names (merge commits, tokens). */
export function syntheticSha(...parts: Array<string | number>): string {
  return createHash('sha1').update(parts.join('\0')).digest('hex');
}

/** Per-kind counters for objects the app creates (comments, statuses, check runs...). */
export class IdSequence {
  private readonly next = new Map<string, number>();

  constructor(private readonly start = 5_000_000) {}

  /** The next id of a kind; `reserve` keeps seeded ids from being handed out again. */
  take(kind: string): number {
    const id = this.next.get(kind) ?? this.start;
    this.next.set(kind, id + 1);
    return id;
  }

  reserve(kind: string, id: number): void {
    if ((this.next.get(kind) ?? this.start) <= id) this.next.set(kind, id + 1);
  }
}
