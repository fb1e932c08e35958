import { findFencedLines } from './find-fenced-lines.js';
import { findHtmlComments } from './find-html-comments.js';
import { lexCommandLine } from './lex-command-line.js';
import { splitSourceLines } from './split-source-lines.js';

/** One slash command found at the start of a line of a comment. */
export interface CommandToken {
  /** The command word as written, without the slash: `Retest` for `/Retest`. */
  readonly name: string;
  /** `name` lower-cased, for plugins whose commands are case-insensitive. */
  readonly normalizedName: string;
  /** The rest of the line, trimmed of spaces, tabs and the `\r` of CRLF; `''` when there is none. */
  readonly argText: string;
  /** `argText` split on runs of whitespace; `[]` when there is none. */
  readonly args: readonly string[];
  /** 0-based index of the line in the original body that holds the command's `/`. */
  readonly line: number;
  /** The line was longer than `maxLineLength`, so `argText` (or even `name`) is cut short. */
  readonly truncated: boolean;
}

export interface LexOptions {
  /**
   * Drop terminated ```` ``` ```` / `~~~` fenced blocks first, as Prow's trigger plugin does
   * (`/retest`, `/test`, `/ok-to-test`). Other Prow plugins see commands inside fences. Default off.
   */
  stripFences?: boolean;
  /** Drop `<!-- ... -->` first, as Prow's label plugin does. Applied before fences. Default off. */
  stripHtmlComments?: boolean;
  /** Stop after this many commands. Default {@link DEFAULT_MAX_COMMANDS}. */
  maxCommands?: number;
  /**
   * Look at only the first this-many UTF-16 code units of each line (1 KiB for ASCII text).
   * Longer lines still count, with `truncated: true`. Default {@link DEFAULT_MAX_LINE_LENGTH}.
   */
  maxLineLength?: number;
}

/** More than any real comment holds; a 65,536-character comment could otherwise carry ~10,000. */
export const DEFAULT_MAX_COMMANDS = 50;
/** Commands are short; a cap keeps per-line work bounded whatever the comment holds. */
export const DEFAULT_MAX_LINE_LENGTH = 1024;

/**
 * Finds the slash commands in a comment body with Prow's rules: a command is a line that starts,
 * in column 0, with `/` and a name (`[A-Za-z0-9][-A-Za-z0-9_]*`) followed by whitespace or the end
 * of the line. So `> /lgtm`, `- /lgtm`, `` `/lgtm` ``, `  /lgtm` and `please /lgtm` are not
 * commands. Names keep their case; plugins decide whether case matters (Prow's label and trigger
 * plugins are case-sensitive). CRLF bodies work.
 *
 * Never throws, and runs in time linear in the body: it splits on `\n`, scans each line once, and
 * uses no regex that can backtrack.
 *
 * @example
 * lexCommands('Fixed.\r\n/retest\r\n/Hold until Monday');
 * // [
 * //   { name: 'retest', normalizedName: 'retest', argText: '', args: [], line: 1, truncated: false },
 * //   { name: 'Hold', normalizedName: 'hold', argText: 'until Monday', args: ['until', 'Monday'], line: 2, truncated: false },
 * // ]
 * lexCommands('```\n/retest\n```', { stripFences: true }); // []
 */
export function lexCommands(body: string, options?: LexOptions): CommandToken[] {
  if (typeof body !== 'string') return [];
  const maxCommands = readLimit(options?.maxCommands, DEFAULT_MAX_COMMANDS);
  const maxLineLength = readLimit(options?.maxLineLength, DEFAULT_MAX_LINE_LENGTH);
  if (maxCommands === 0) return [];

  const { texts, origins } = splitSourceLines(
    body,
    options?.stripHtmlComments === true ? findHtmlComments(body) : [],
  );
  const fenced = options?.stripFences === true ? findFencedLines(texts) : undefined;

  const tokens: CommandToken[] = [];
  for (let i = 0; i < texts.length && tokens.length < maxCommands; i++) {
    if (fenced !== undefined && fenced[i] === 1) continue;
    const command = lexCommandLine(texts[i]!, maxLineLength);
    if (command === undefined) continue;
    tokens.push({
      name: command.name,
      normalizedName: command.name.toLowerCase(),
      argText: command.argText,
      args: command.args,
      line: origins === undefined ? i : origins[i]!,
      truncated: command.truncated,
    });
  }
  return tokens;
}

// Callers may be plain JS or config-driven; a bad limit falls back to the default, never throws.
function readLimit(value: number | undefined, fallback: number): number {
  return typeof value === 'number' && value >= 0 ? Math.floor(value) : fallback;
}
