const BACKTICK_FENCE = '```';
const TILDE_FENCE = '~~~';

/**
 * Marks (with 1) the lines that Prow's trigger plugin drops as fenced code before matching commands, with
 * `(?msU)^```.*(\n```\n|\n```$)|(?msU)^~~~.*(\n~~~\n|\n~~~$)` (`pkg/markdown/code_block.go`).
 *
 * Read as lines, that regex says: a line that *starts* with ```` ``` ```` (any info string, even
 * more backticks) opens a block, and the block ends at the first later line that is *exactly*
 * ```` ``` ````; the same for `~~~`. An opener with no such line is not a block at all, and
 * scanning resumes on the next line. One deliberate difference: a closing line of ```` ```\r ````
 * (CRLF body) also closes, where Prow's `\n` and `$` do not see past the `\r`.
 *
 * Linear: the next closing line of each kind is precomputed from the end.
 *
 * @example
 * findFencedLines(['```', '/retest', '```', '/retest']); // Uint8Array [1, 1, 1, 0]
 */
export function findFencedLines(lines: readonly string[]): Uint8Array {
  const count = lines.length;
  const nextBacktickCloser = new Int32Array(count);
  const nextTildeCloser = new Int32Array(count);
  let backtick = -1;
  let tilde = -1;
  for (let i = count - 1; i >= 0; i--) {
    nextBacktickCloser[i] = backtick;
    nextTildeCloser[i] = tilde;
    const text = lines[i]!;
    if (isCloser(text, BACKTICK_FENCE)) backtick = i;
    else if (isCloser(text, TILDE_FENCE)) tilde = i;
  }

  const fenced = new Uint8Array(count);
  let i = 0;
  while (i < count) {
    const text = lines[i]!;
    const closer = text.startsWith(BACKTICK_FENCE)
      ? nextBacktickCloser[i]!
      : text.startsWith(TILDE_FENCE)
        ? nextTildeCloser[i]!
        : -1;
    if (closer < 0) {
      i++;
      continue;
    }
    fenced.fill(1, i, closer + 1);
    i = closer + 1;
  }
  return fenced;
}

function isCloser(text: string, fence: string): boolean {
  return text === fence || text === `${fence}\r`;
}
