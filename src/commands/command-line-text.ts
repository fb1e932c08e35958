import type { CommandToken } from './lex-commands.js';

/**
 * The line of `body` a command was found on, as written (without its `\n`; a CRLF line keeps its
 * `\r`). Prow's plugins each match their own regex, stricter than the lexer: `/assign` takes logins
 * separated by single spaces, `/lgtm cancel` needs exactly one space. A plugin checks the line
 * against that regex. Only for tokens lexed without HTML-comment removal, whose `line` is the
 * line of the body itself.
 *
 * @example
 * const [token] = lexCommands('Thanks!\n/assign  @ana');
 * commandLineText('Thanks!\n/assign  @ana', token); // '/assign  @ana'
 */
export function commandLineText(body: string, token: CommandToken): string {
  let start = 0;
  for (let line = 0; line < token.line; line++) {
    const next = body.indexOf('\n', start);
    if (next < 0) return '';
    start = next + 1;
  }
  const end = body.indexOf('\n', start);
  return body.slice(start, end < 0 ? body.length : end);
}
