import { commandLineText } from '../../src/commands/command-line-text.js';
import type { CommandToken } from '../../src/commands/lex-commands.js';

/** Who a comment adds and removes, each login once (the last line that names it wins). */
export interface PeopleRequest {
  readonly add: readonly string[];
  readonly remove: readonly string[];
}

// Prow's regexes (`pkg/plugins/assign/assign.go`), one line at a time; `[\t\f\r ]` is RE2's `\s`
// without the newline, which cannot occur inside a line.
/** `(?mi)^/(un)?assign(( @?[-\w]+?)*)\s*$`: single spaces, no `/`, no commas. */
const ASSIGN_LINE = /^\/(un)?assign((?: @?[-\w]+?)*)[\t\f\r ]*$/i;
/** `(?mi)^/(un)?cc(( +@?[-/\w]+?)*)\s*$`: one or more spaces, and `org/team`. */
const CC_LINE = /^\/(un)?cc((?: +@?[-/\w]+?)*)[\t\f\r ]*$/i;

/**
 * Reads `/assign` and `/unassign` lines as Prow does: each names logins (`@` optional) or, with
 * none, the commenter. A line not matching Prow's regex (`/assign @a, @b`, `/assign @org/team`,
 * two spaces) is ignored. Logins compare case-insensitively, so `/assign @Ana` then
 * `/unassign @ana` only unassigns.
 *
 * @example
 * parseAssign(lexCommands('/assign @ana bob\n/unassign ana'), body, 'cy'); // { add: ['bob'], remove: ['ana'] }
 */
export function parseAssign(tokens: readonly CommandToken[], body: string, commenter: string): PeopleRequest {
  return parsePeople(tokens, body, commenter, ASSIGN_LINE);
}

/**
 * Reads `/cc` and `/uncc` lines as Prow does: logins or `org/team`, `@` optional, separated by one
 * or more spaces; with none, the commenter.
 *
 * @example
 * parseCc(lexCommands('/cc @ana @acme/reviewers'), body, 'cy'); // { add: ['ana', 'acme/reviewers'], remove: [] }
 */
export function parseCc(tokens: readonly CommandToken[], body: string, commenter: string): PeopleRequest {
  return parsePeople(tokens, body, commenter, CC_LINE);
}

function parsePeople(
  tokens: readonly CommandToken[],
  body: string,
  commenter: string,
  grammar: RegExp,
): PeopleRequest {
  // Lower-cased login -> [login as written, add?]; Map order keeps the comment's order.
  const intents = new Map<string, [string, boolean]>();
  for (const token of tokens) {
    const match = grammar.exec(commandLineText(body, token));
    if (!match) continue;
    const add = match[1] === undefined;
    const logins = splitLogins(match[2] ?? '');
    for (const login of logins.length > 0 ? logins : [commenter]) {
      const key = login.toLowerCase();
      intents.delete(key);
      intents.set(key, [login, add]);
    }
  }
  const entries = [...intents.values()];
  return {
    add: entries.filter(([, add]) => add).map(([login]) => login),
    remove: entries.filter(([, add]) => !add).map(([login]) => login),
  };
}

/** Prow's `parseLogins`: split on spaces, trim `@` and spaces, drop empties. */
function splitLogins(text: string): string[] {
  return text
    .split(' ')
    .map((part) => part.replace(/^[@ ]+|[@ ]+$/g, ''))
    .filter((part) => part !== '');
}
