import fc from 'fast-check';
import { type CommandToken, type LexOptions, lexCommands } from '../../src/commands/lex-commands.js';
import { lexLikeProw } from './support/prow-reference.js';

const OPTION_SETS: LexOptions[] = [
  {},
  { stripFences: true },
  { stripHtmlComments: true },
  { stripFences: true, stripHtmlComments: true },
];

// Pieces that exercise every rule; joined at random they make dense Markdown-ish edge cases.
const PIECES = [
  '/',
  '/lgtm',
  '/Kind',
  '/ok-to-test',
  'retest',
  ' ',
  '\t',
  '\f',
  '\n',
  '\n',
  '\n',
  '```',
  '```go',
  '~~~',
  '<!--',
  '-->',
  '>',
  '- ',
  '`',
  'x',
  'a b',
  '!',
  '?',
  '_',
  '-',
  '@bob',
  '\u00a0',
  '\u0000',
];
const markdownish = (maxPieces: number) =>
  fc.array(fc.constantFrom(...PIECES), { maxLength: maxPieces }).map((pieces) => pieces.join(''));

/** Checks what holds for every token whatever the input; returns the body's lines for more checks. */
function checkInvariants(body: string, options: LexOptions, tokens: CommandToken[]): string[] {
  const lines = body.split('\n');
  const maxLineLength = options.maxLineLength ?? 1024;
  expect(tokens.length).toBeLessThanOrEqual(options.maxCommands ?? 50);
  let previous = -1;
  for (const token of tokens) {
    expect(token.line).toBeGreaterThan(previous);
    expect(token.line).toBeLessThan(lines.length);
    previous = token.line;
    expect(token.name).toMatch(/^[A-Za-z0-9][-A-Za-z0-9_]*$/);
    expect(token.normalizedName).toBe(token.name.toLowerCase());
    expect(token.argText.length).toBeLessThanOrEqual(maxLineLength);
    expect(token.argText).not.toMatch(/^[\t\f\r ]|[\t\f\r ]$/);
    expect(token.args.join(' ')).toBe(
      token.argText
        .split(/[\t\f\r ]+/)
        .filter(Boolean)
        .join(' '),
    );
    expect(lines[token.line]).toContain('/');
  }
  return lines;
}

describe('lexCommands, property-based', () => {
  it.each(OPTION_SETS)('finds exactly what Prow’s own regexes find, on the same lines (%o)', (options) => {
    fc.assert(
      fc.property(markdownish(80), (body) => {
        const tokens = lexCommands(body, { ...options, maxCommands: Number.POSITIVE_INFINITY });
        const expected = lexLikeProw(body, {
          stripFences: options.stripFences === true,
          stripHtmlComments: options.stripHtmlComments === true,
        });
        expect(tokens.map(({ name, argText, line }) => ({ name, argText, line }))).toEqual(expected);
      }),
      { numRuns: 400 },
    );
  });

  it('puts every token on a line that starts with `/` + name and whitespace or the end', () => {
    fc.assert(
      fc.property(
        fc.oneof(markdownish(200), fc.string({ unit: 'binary', maxLength: 2000 })),
        fc.boolean(),
        (body, stripFences) => {
          const options = { stripFences };
          const lines = checkInvariants(body, options, lexCommands(body, options));
          for (const token of lexCommands(body, options)) {
            const line = lines[token.line]!;
            expect(line.startsWith(`/${token.name}`)).toBe(true);
            // A cut line may cut the name too; otherwise the name ends at whitespace or the end.
            if (!token.truncated) expect(line.slice(token.name.length + 1)).toMatch(/^(?:[\t\f\r ]|$)/);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  describe('adversarial comments', () => {
    const n = fc.integer({ min: 0, max: 65_536 });
    const adversarial = fc.oneof(
      n.map((size) => ' '.repeat(size)),
      n.map((size) => `/label${' '.repeat(size >> 1)}x${' '.repeat(size >> 1)}\u0000`),
      n.map((size) => `/retest ${'a'.repeat(size)}!`),
      n.map((size) => `${'>'.repeat(size)} /lgtm`),
      n.map((size) => `${'> '.repeat(size >> 1)}\n/lgtm`),
      n.map((size) => `${'```\n'.repeat(size >> 2)}/retest`),
      n.map((size) => `${'```go\n~~~\n/retest\n'.repeat(size >> 4)}`),
      n.map((size) => `${'<!--'.repeat(size >> 2)}\n/kind bug`),
      n.map((size) => `${'<!---->'.repeat(size >> 3)}/kind bug`),
      n.map((size) => `/${'a'.repeat(size)}`),
      n.map((size) => `${'\u0000'.repeat(size)}\n/retest\u0000`),
      n.map((size) => '/lgtm\n'.repeat(size >> 3)),
      n.map((size) => '\r\n'.repeat(size >> 1)),
      fc.string({ unit: 'binary', maxLength: 4000 }),
    );

    it.each(OPTION_SETS)('never throws and keeps its invariants (%o)', (options) => {
      fc.assert(
        fc.property(adversarial, (body) => {
          checkInvariants(body, options, lexCommands(body, options));
        }),
        {
          numRuns: 60,
          examples: [
            [' '.repeat(65_536)],
            [`/label${' '.repeat(32_000)}x${' '.repeat(32_000)}\u0000`],
            [`${'```\n'.repeat(16_000)}/retest`],
            [`${'<!--'.repeat(16_000)}/kind bug`],
          ],
        },
      );
    });
  });
});
