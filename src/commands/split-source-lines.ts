import type { TextRange } from './find-html-comments.js';

/** One line of a comment body, after optional removals, with where it came from. */
export interface SourceLine {
  /** The line without its `\n`; a CRLF line keeps its `\r`. */
  readonly text: string;
  /** 0-based index, in the original body, of the line holding this line's first character. */
  readonly line: number;
}

/**
 * Splits `body` on `\n` after cutting out the `removed` ranges (sorted, non-overlapping), the way
 * a regex `ReplaceAll` with `""` would: text on both sides of a cut joins into one line. Each
 * resulting line remembers the original line it starts on, so a command's position can be
 * reported against the body the user wrote.
 *
 * @example
 * splitSourceLines('a\n<!--\n-->/kind bug', [{ start: 2, end: 10 }]);
 * // [{ text: 'a', line: 0 }, { text: '/kind bug', line: 2 }]
 */
export function splitSourceLines(body: string, removed: readonly TextRange[]): SourceLine[] {
  if (removed.length === 0) return body.split('\n').map((text, line) => ({ text, line }));

  const lines: SourceLine[] = [];
  let pending = '';
  let pendingLine = 0;
  let originalLine = 0;
  const keep = (from: number, to: number): void => {
    const pieces = body.slice(from, to).split('\n');
    pending += pieces[0];
    for (let k = 1; k < pieces.length; k++) {
      lines.push({ text: pending, line: pendingLine });
      pending = pieces[k]!;
      pendingLine = originalLine + k;
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
  lines.push({ text: pending, line: pendingLine });
  return lines;
}

// Scans only inside the range: `indexOf` could run far past `to` once per range, which is
// quadratic for many comments on one long line.
function countNewlines(text: string, from: number, to: number): number {
  let count = 0;
  for (let at = from; at < to; at++) if (text.charCodeAt(at) === 0x0a) count++;
  return count;
}
