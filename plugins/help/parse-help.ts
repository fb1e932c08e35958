import { commandLineText } from '../../src/commands/command-line-text.js';
import type { CommandToken } from '../../src/commands/lex-commands.js';

/** Which of the four help commands a comment holds (anywhere in it). */
export interface HelpRequest {
  readonly help: boolean;
  readonly removeHelp: boolean;
  readonly goodFirstIssue: boolean;
  readonly removeGoodFirstIssue: boolean;
}

// Prow's regexes (`pkg/plugins/help/help.go`): the word alone on its line, any case.
const LINES = {
  help: /^\/help[\t\f\r ]*$/i,
  removeHelp: /^\/remove-help[\t\f\r ]*$/i,
  goodFirstIssue: /^\/good-first-issue[\t\f\r ]*$/i,
  removeGoodFirstIssue: /^\/remove-good-first-issue[\t\f\r ]*$/i,
} as const;

/**
 * Reads `/help`, `/remove-help`, `/good-first-issue` and `/remove-good-first-issue` lines; trailing
 * text makes a line nothing (`/help me` is not a command).
 *
 * @example
 * parseHelp(lexCommands('/good-first-issue'), body); // { goodFirstIssue: true, help: false, ... }
 */
export function parseHelp(tokens: readonly CommandToken[], body: string): HelpRequest {
  const lines = tokens.map((token) => commandLineText(body, token));
  const has = (pattern: RegExp) => lines.some((line) => pattern.test(line));
  return {
    help: has(LINES.help),
    removeHelp: has(LINES.removeHelp),
    goodFirstIssue: has(LINES.goodFirstIssue),
    removeGoodFirstIssue: has(LINES.removeGoodFirstIssue),
  };
}
