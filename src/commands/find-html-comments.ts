/** A half-open range `[start, end)` of UTF-16 offsets into a text. */
export interface TextRange {
  readonly start: number;
  readonly end: number;
}

const OPENER = '<!--';
const CLOSER = '-->';

/**
 * Finds the HTML comments that Prow's label plugin removes with `(?s)<!--(.*?)-->`: each `<!--` is
 * closed by the first `-->` after it (across lines), and an unclosed `<!--` is left alone.
 * Runs in linear time: every search starts where the previous one stopped.
 *
 * @example
 * findHtmlComments('a<!-- x -->b'); // [{ start: 1, end: 11 }]
 */
export function findHtmlComments(text: string): TextRange[] {
  const ranges: TextRange[] = [];
  let from = 0;
  for (;;) {
    const start = text.indexOf(OPENER, from);
    if (start < 0) return ranges;
    const closer = text.indexOf(CLOSER, start + OPENER.length);
    // No closer after this opener means none after any later opener either.
    if (closer < 0) return ranges;
    const end = closer + CLOSER.length;
    ranges.push({ start, end });
    from = end;
  }
}
