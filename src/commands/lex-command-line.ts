/** What one line says, if it is a command. */
export interface LineCommand {
  readonly name: string;
  readonly argText: string;
  readonly args: string[];
  readonly truncated: boolean;
}

const SLASH = 0x2f;
// Go RE2's `\s` is `[\t\n\f\r ]`; Prow's regexes use it, so no-break and other Unicode spaces
// do not end a command name or separate arguments.
const SPACE_RUN = /[\t\f\r ]+/;

/**
 * Reads one line as a command: `/` in column 0, a name `[A-Za-z0-9][-A-Za-z0-9_]*`, then
 * whitespace or the end of the line. Only the first `maxLineLength` code units are looked at.
 *
 * @example
 * lexCommandLine('/test e2e unit\r', 1024); // { name: 'test', argText: 'e2e unit', args: ['e2e', 'unit'], truncated: false }
 * lexCommandLine('/lgtm!', 1024); // undefined
 */
export function lexCommandLine(text: string, maxLineLength: number): LineCommand | undefined {
  if (text.charCodeAt(0) !== SLASH) return undefined;
  const truncated = text.length > maxLineLength;
  const considered = truncated ? text.slice(0, maxLineLength) : text;
  if (!isNameStart(considered.charCodeAt(1))) return undefined;

  let end = 2;
  while (end < considered.length && isNameChar(considered.charCodeAt(end))) end++;
  if (end < considered.length && !isSpace(considered.charCodeAt(end))) return undefined;

  const argText = trimSpace(considered.slice(end));
  return {
    name: considered.slice(1, end),
    argText,
    args: argText === '' ? [] : argText.split(SPACE_RUN),
    truncated,
  };
}

function isNameStart(code: number): boolean {
  return (code >= 0x30 && code <= 0x39) || (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a);
}

function isNameChar(code: number): boolean {
  return isNameStart(code) || code === 0x2d || code === 0x5f;
}

function isSpace(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0x0d || code === 0x0c;
}

function trimSpace(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && isSpace(text.charCodeAt(start))) start++;
  while (end > start && isSpace(text.charCodeAt(end - 1))) end--;
  return text.slice(start, end);
}
