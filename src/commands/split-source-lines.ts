import type { TextRange } from './find-html-comments.js';

/** A comment body cut into lines, after optional removals, with where each line came from. */
export interface SourceLines {
  /** Each line without its `\n`; a CRLF line keeps its `\r`. */
  readonly texts: string[];
  /**
   * For each line, the 0-based index of the line in the original body that holds its first kept
   * character. Absent when nothing was removed: line `i` is then original line `i`.
   */
  readonly origins?: number[];
}

/**
 * Splits `body` on `\n` after cutting out the `removed` ranges (sorted, non-overlapping), the way
 * a regex `ReplaceAll` with `""` would: text on both sides of a cut joins into one line. Each
 * resulting line remembers the original line it starts on, so a command's position can be
 * reported against the body the user wrote.
 *
 * @example
 * splitSourceLines('a\n<!--\n-->/kind bug', [{ start: 2, end: 10 }]);
 * // { texts: ['a', '/kind bug'], origins: [0, 2] }
 */
export function splitSourceLines(body: string, removed: readonly TextRange[]): SourceLines {
  if (removed.length === 0) return { texts: body.split('\n') };

  const texts: string[] = [];
  const origins: number[] = [];
  let pending = '';
  let pendingOrigin = 0;
  let originalLine = 0;
  const keep = (from: number, to: number): void => {
    const pieces = body.slice(from, to).split('\n');
    // A line emptied by a cut so far starts, for the reader, where its first kept character is.
    if (pending === '' && pieces[0] !== '') pendingOrigin = originalLine;
    pending += pieces[0];
    for (let k = 1; k < pieces.length; k++) {
      texts.push(pending);
      origins.push(pendingOrigin);
      pending = pieces[k]!;
      pendingOrigin = originalLine + k;
    }
    originalLine += pieces.length - 1;
  };

  let position = 0;
  for (const range of removed) {
    keep(position, range.start);
    originalLine += countNewlines(body, range.start, range.end);
    position = range.end;
  }
  keep(position, body.length);
  texts.push(pending);
  origins.push(pendingOrigin);
  return { texts, origins };
}

// Scans only inside the range: `indexOf` could run far past `to` once per range, which is
// quadratic for many comments on one long line.
function countNewlines(text: string, from: number, to: number): number {
  let count = 0;
  for (let at = from; at < to; at++) if (text.charCodeAt(at) === 0x0a) count++;
  return count;
}
