export interface ReplyInput {
  /** Who is answered, usually the commenter; a leading `@` is optional. */
  readonly login: string;
  /** What Sheriff says, in Markdown. */
  readonly message: string;
  /** The text being answered; it is quoted back under the message. */
  readonly commentBody: string;
  /** Link to the text being answered. */
  readonly commentUrl: string;
}

/** The last line of every reply. It names no command at the start of a line. */
export const REPLY_FOOTER =
  "<sub>Reply from Sheriff, a bot. Commands start a line, e.g. `/retest`; the list is in Sheriff's docs.</sub>";

/**
 * Long enough for the context of any real command; keeps a reply to a 65,536-character comment
 * under GitHub's own 65,536-character limit, which Prow's unbounded quote can exceed.
 */
export const MAX_QUOTED_LENGTH = 10_000;

/**
 * Formats a reply the way Prow's `FormatResponseRaw` does: `@login: message`, then the answered
 * text in a `<details>` block with every line prefixed by `>`, then {@link REPLY_FOOTER}.
 *
 * No line of the result is a command for `lexCommands`, with or without its fence and HTML-comment
 * stripping, so a reply can never trigger Sheriff or another Prow-style bot: quoted lines start
 * with `>`, and a message line starting with `/` or `<!--` gets a Markdown escape (`\/` and `\<`
 * render as `/` and `<`). Use inline code (`` `/test e2e` ``) to show a command in a message;
 * the escape would show inside a fenced block. Lines are split on `\r\n`, `\r` and `\n` alike.
 *
 * @example
 * formatReply({
 *   login: 'ana',
 *   message: 'you cannot LGTM your own PR.',
 *   commentBody: '/lgtm',
 *   commentUrl: 'https://github.com/o/r/pull/1#issuecomment-1',
 * });
 * // '@ana: you cannot LGTM your own PR.\n\n<details>\n\nIn response to [this](https://github.com/o/r/pull/1#issuecomment-1):\n\n>/lgtm\n\n</details>\n\n' + REPLY_FOOTER
 */
export function formatReply(input: ReplyInput): string {
  const message = splitLines(input.message).map(escapeLineStart).join('\n');
  return [
    `@${cleanLogin(input.login)}: ${message}`,
    '',
    '<details>',
    '',
    `In response to [this](${cleanUrl(input.commentUrl)}):`,
    '',
    quote(input.commentBody),
    // A blank line ends the quote; without it `</details>` would continue the quoted paragraph.
    '',
    '</details>',
    '',
    REPLY_FOOTER,
  ].join('\n');
}

function quote(body: string): string {
  const shortened = body.length > MAX_QUOTED_LENGTH;
  let kept = shortened ? body.slice(0, MAX_QUOTED_LENGTH) : body;
  // Do not leave half of a surrogate pair at the cut.
  if (shortened && isHighSurrogate(kept.charCodeAt(kept.length - 1))) kept = kept.slice(0, -1);
  const lines = splitLines(kept).map((line) => `>${line}`);
  if (shortened) lines.push('>[…]');
  return lines.join('\n');
}

// Markdown, and so the people reading, treat a lone `\r` as a line break too.
function splitLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}

function escapeLineStart(line: string): string {
  return line.startsWith('/') || line.startsWith('<!--') ? `\\${line}` : line;
}

function cleanLogin(login: string): string {
  return login.replace(/\s+/g, '').replace(/^@+/, '');
}

// Whitespace would end the line or the link, and parentheses or angle brackets the link target.
function cleanUrl(url: string): string {
  return url.replace(/[\s()<>]/g, (char) =>
    char === '(' ? '%28' : char === ')' ? '%29' : encodeURIComponent(char),
  );
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}
