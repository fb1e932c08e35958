/**
 * A slow, obviously-correct model of how Prow reads commands, for differential tests of
 * `lexCommands` on small inputs. It applies Prow's own regexes as text replacements and keeps,
 * for every remaining character, its offset in the original body.
 *
 * The regexes are written without the `m` flag because a JS `^`/`$` under `m` also break at `\r`,
 * U+2028 and U+2029, and RE2's only at `\n`; `(?<![^\n])` is RE2's multi-line `^`.
 */

/** `pkg/markdown/code_block.go`: (?msU)^```.*(\n```\n|\n```$)|(?msU)^~~~.*(\n~~~\n|\n~~~$) */
const FENCED_BLOCK =
  /(?<![^\n])```[\s\S]*?(?:\n```\n|\n```(?![\s\S]))|(?<![^\n])~~~[\s\S]*?(?:\n~~~\n|\n~~~(?![\s\S]))/g;
/** `pkg/plugins/label/label.go`: (?s)<!--(.*?)--> */
const HTML_COMMENT = /<!--[\s\S]*?-->/g;
/** A line that is a command: `/`, a name, then RE2 `\s` (minus `\n`) or the end. */
const COMMAND_LINE = /^\/([A-Za-z0-9][-A-Za-z0-9_]*)(?:[\t\f\r ]([\s\S]*))?$/;

export interface ReferenceCommand {
  name: string;
  argText: string;
  line: number;
}

export function lexLikeProw(
  body: string,
  options: { stripFences: boolean; stripHtmlComments: boolean },
): ReferenceCommand[] {
  let kept = { text: body, origin: Array.from({ length: body.length }, (_, offset) => offset) };
  if (options.stripHtmlComments) kept = removeMatches(kept, HTML_COMMENT);
  if (options.stripFences) kept = removeMatches(kept, FENCED_BLOCK);

  const commands: ReferenceCommand[] = [];
  let start = 0;
  for (const text of kept.text.split('\n')) {
    const match = COMMAND_LINE.exec(text);
    if (match !== null) {
      commands.push({
        name: match[1]!,
        argText: trimRe2Space(match[2] ?? ''),
        line: body.slice(0, kept.origin[start]).split('\n').length - 1,
      });
    }
    start += text.length + 1;
  }
  return commands;
}

function removeMatches(kept: { text: string; origin: number[] }, pattern: RegExp) {
  let text = '';
  const origin: number[] = [];
  let last = 0;
  for (const match of kept.text.matchAll(pattern)) {
    text += kept.text.slice(last, match.index);
    origin.push(...kept.origin.slice(last, match.index));
    last = match.index + match[0].length;
  }
  text += kept.text.slice(last);
  origin.push(...kept.origin.slice(last));
  return { text, origin };
}

function trimRe2Space(text: string): string {
  const isSpace = (char: string | undefined) =>
    char === ' ' || char === '\t' || char === '\f' || char === '\r';
  let start = 0;
  let end = text.length;
  while (start < end && isSpace(text[start])) start++;
  while (end > start && isSpace(text[end - 1])) end--;
  return text.slice(start, end);
}
