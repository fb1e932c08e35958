import { commandLineText } from '../../src/commands/command-line-text.js';
import type { CommandToken } from '../../src/commands/lex-commands.js';

/** What a comment asks of the `lgtm` label. */
export type LgtmIntent = 'add' | 'remove';

// Prow's regexes (`pkg/plugins/lgtm/lgtm.go`), one line at a time; `[\t\f\r ]` is RE2's `\s`
// without the newline, which cannot occur inside a line.
/** `(?mi)^/lgtm(?: no-issue)?\s*$`: no other trailing text. */
const LGTM_LINE = /^\/lgtm(?: no-issue)?[\t\f\r ]*$/i;
/** `(?mi)^/(remove-lgtm|lgtm cancel)\s*$`: exactly one space before `cancel`. */
const CANCEL_LINE = /^\/(?:remove-lgtm|lgtm cancel)[\t\f\r ]*$/i;

/**
 * Prow's decision: an `/lgtm` line anywhere means add, even with a cancel in the same comment;
 * otherwise a `/lgtm cancel` or `/remove-lgtm` line means remove. `/lgtm thanks!` is nothing.
 *
 * @example
 * parseLgtm(lexCommands('/lgtm cancel\n/lgtm'), body); // 'add'
 * parseLgtm(lexCommands('/lgtm thanks!'), body); // undefined
 */
export function parseLgtm(tokens: readonly CommandToken[], body: string): LgtmIntent | undefined {
  const lines = tokens.map((token) => commandLineText(body, token));
  if (lines.some((line) => LGTM_LINE.test(line))) return 'add';
  if (lines.some((line) => CANCEL_LINE.test(line))) return 'remove';
  return undefined;
}
