import { commandLineText } from '../../src/commands/command-line-text.js';
import type { CommandToken } from '../../src/commands/lex-commands.js';

export const LIFECYCLE_VALUES = ['active', 'frozen', 'stale', 'rotten'] as const;
export type LifecycleValue = (typeof LIFECYCLE_VALUES)[number];

export interface LifecycleRequest {
  /** Each `/lifecycle X` or `/remove-lifecycle X` line, in order. */
  readonly changes: ReadonlyArray<{ readonly remove: boolean; readonly value: LifecycleValue }>;
  /** `/close` or `/close not-planned` (not-planned wins when both are present). */
  readonly close?: 'completed' | 'not-planned';
  readonly reopen: boolean;
}

// Prow's regexes (`pkg/plugins/lifecycle/*.go`), one line at a time; `[\t\f\r ]` is RE2's `\s`
// without the newline, which cannot occur inside a line. No other trailing text is allowed.
const LIFECYCLE_LINE = /^\/(remove-)?lifecycle (active|frozen|stale|rotten)[\t\f\r ]*$/i;
const CLOSE_LINE = /^\/close[\t\f\r ]*$/i;
const CLOSE_NOT_PLANNED_LINE = /^\/close not-planned[\t\f\r ]*$/i;
const REOPEN_LINE = /^\/reopen[\t\f\r ]*$/i;

/**
 * Reads `/lifecycle`, `/remove-lifecycle`, `/close` and `/reopen` lines with Prow's regexes: the
 * command word is case-insensitive, and `/close as dup` or `/lifecycle  stale` (two spaces) are
 * nothing. Values are lower-cased (Prow keeps `Stale` as typed; GitHub matches labels
 * case-insensitively anyway).
 *
 * @example
 * parseLifecycle(lexCommands('/lifecycle stale\n/close'), body);
 * // { changes: [{ remove: false, value: 'stale' }], close: 'completed', reopen: false }
 */
export function parseLifecycle(tokens: readonly CommandToken[], body: string): LifecycleRequest {
  const changes: Array<{ remove: boolean; value: LifecycleValue }> = [];
  let close: LifecycleRequest['close'];
  let reopen = false;
  for (const token of tokens) {
    const line = commandLineText(body, token);
    const lifecycle = LIFECYCLE_LINE.exec(line);
    if (lifecycle)
      changes.push({
        remove: lifecycle[1] !== undefined,
        value: lifecycle[2]!.toLowerCase() as LifecycleValue,
      });
    else if (CLOSE_NOT_PLANNED_LINE.test(line)) close = 'not-planned';
    else if (CLOSE_LINE.test(line)) close ??= 'completed';
    else if (REOPEN_LINE.test(line)) reopen = true;
  }
  return { changes, ...(close === undefined ? {} : { close }), reopen };
}
