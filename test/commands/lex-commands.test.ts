import {
  DEFAULT_MAX_COMMANDS,
  DEFAULT_MAX_LINE_LENGTH,
  type LexOptions,
  lexCommands,
} from '../../src/commands/lex-commands.js';

/** [name, argText, line] of every token, in order. */
type Found = [name: string, argText: string, line: number][];

function found(body: string, options?: LexOptions): Found {
  return lexCommands(body, options).map((token) => [token.name, token.argText, token.line]);
}

const FENCES: LexOptions = { stripFences: true };
const HTML: LexOptions = { stripHtmlComments: true };

// One row per rule of prow.md section 0, plus the edges of each rule.
const RULES: { rule: string; body: string; options?: LexOptions; expected: Found }[] = [
  // Line-start anchoring.
  { rule: 'a command in column 0 is found', body: '/lgtm', expected: [['lgtm', '', 0]] },
  {
    rule: 'a command on a later line reports that line',
    body: 'Looks good.\n\n/lgtm',
    expected: [['lgtm', '', 2]],
  },
  { rule: 'text before the slash (mid-line) is not a command', body: 'please /lgtm', expected: [] },
  { rule: 'one leading space is not a command', body: ' /lgtm', expected: [] },
  { rule: 'four-space indented code is not a command', body: 'code:\n\n    /lgtm', expected: [] },
  { rule: 'a tab indent is not a command', body: '\t/lgtm', expected: [] },
  { rule: 'a quote `> /cmd` is not a command', body: '> /lgtm', expected: [] },
  { rule: 'a quote without a space `>/cmd` is not a command', body: '>/lgtm', expected: [] },
  { rule: 'a list item `- /cmd` is not a command', body: '- /lgtm', expected: [] },
  { rule: 'a list item `* /cmd` is not a command', body: '* /lgtm', expected: [] },
  { rule: 'inline code `` `/cmd` `` is not a command', body: '`/lgtm`', expected: [] },
  { rule: 'a byte-order mark before the slash is not column 0', body: '\uFEFF/lgtm', expected: [] },

  // The command word.
  {
    rule: 'trailing text after the name is kept as argText',
    body: '/lgtm thanks!',
    expected: [['lgtm', 'thanks!', 0]],
  },
  { rule: 'the name must end at whitespace: `/lgtm!` is not a command', body: '/lgtm!', expected: [] },
  { rule: 'a path is not a command', body: '/usr/bin/env', expected: [] },
  { rule: '`/test?` without a space is not a command', body: '/test?', expected: [] },
  { rule: '`/test ?` is, with `?` as its argument', body: '/test ?', expected: [['test', '?', 0]] },
  { rule: 'a slash alone is not a command', body: '/', expected: [] },
  { rule: 'a slash then a space is not a command', body: '/ lgtm', expected: [] },
  { rule: 'a name cannot start with `-`', body: '/-lgtm', expected: [] },
  { rule: 'a name cannot start with `_`', body: '/_lgtm', expected: [] },
  {
    rule: 'names hold letters, digits, `-` and `_`',
    body: '/ok-to-test\n/retest-release\n/good-first-issue\n/remove-lifecycle stale\n/retest_2',
    expected: [
      ['ok-to-test', '', 0],
      ['retest-release', '', 1],
      ['good-first-issue', '', 2],
      ['remove-lifecycle', 'stale', 3],
      ['retest_2', '', 4],
    ],
  },
  {
    rule: 'a no-break space does not end a name (RE2 `\\s` is ASCII)',
    body: '/retest\u00a0',
    expected: [],
  },
  {
    rule: 'upper case is kept in the name',
    body: '/Kind bug\n/LGTM',
    expected: [
      ['Kind', 'bug', 0],
      ['LGTM', '', 1],
    ],
  },

  // Several commands, CRLF.
  {
    rule: 'several commands in one comment are all found, in order',
    body: '/assign @alice\nthen\n/cc @bob @carol\n/hold',
    expected: [
      ['assign', '@alice', 0],
      ['cc', '@bob @carol', 2],
      ['hold', '', 3],
    ],
  },
  {
    rule: 'CRLF line endings: `\\r` is not part of the name or argText',
    body: 'Fixed.\r\n/retest\r\n/test e2e\r\n',
    expected: [
      ['retest', '', 1],
      ['test', 'e2e', 2],
    ],
  },
  { rule: 'a lone `\\r` is not a line break (Prow splits on `\\n`)', body: 'x\r/retest', expected: [] },

  // Fenced code blocks.
  {
    rule: 'fences: commands inside are found by default',
    body: '```\n/lgtm\n```',
    expected: [['lgtm', '', 1]],
  },
  { rule: 'fences: stripFences drops a ``` block', body: '```\n/retest\n```', options: FENCES, expected: [] },
  {
    rule: 'fences: stripFences drops a ~~~ block',
    body: '~~~\n/retest\n~~~\n',
    options: FENCES,
    expected: [],
  },
  {
    rule: 'fences: an info string or more backticks still open a block',
    body: '```console\n/retest\n```\n````\n/test all\n```\n/lgtm',
    options: FENCES,
    expected: [['lgtm', '', 6]],
  },
  {
    rule: 'fences: commands after a closed block are found',
    body: '/hold\n```\n/retest\n```\n/lgtm',
    options: FENCES,
    expected: [
      ['hold', '', 0],
      ['lgtm', '', 4],
    ],
  },
  {
    rule: 'fences: an unterminated block is not removed',
    body: 'log:\n```\n/retest\n',
    options: FENCES,
    expected: [['retest', '', 2]],
  },
  {
    rule: 'fences: only a line of exactly ``` closes (not ````, ``` x or indented ```)',
    body: '```\n/retest\n````\n``` x\n  ```',
    options: FENCES,
    expected: [['retest', '', 1]],
  },
  {
    rule: 'fences: ~~~ does not close ```',
    body: '```\n/retest\n~~~',
    options: FENCES,
    expected: [['retest', '', 1]],
  },
  {
    rule: 'fences: an opener must start its line',
    body: 'x ```\n/retest\n```',
    options: FENCES,
    expected: [['retest', '', 1]],
  },
  {
    rule: 'fences: a block ends at the first closer, so a later ``` opens a new (here unterminated) block',
    body: '```\n/a\n```\n/b\n```\n/c',
    options: FENCES,
    expected: [
      ['b', '', 3],
      ['c', '', 5],
    ],
  },
  {
    rule: 'fences: with CRLF a line of ```\\r closes (deliberate difference from Prow)',
    body: '```\r\n/retest\r\n```\r\n/lgtm\r\n',
    options: FENCES,
    expected: [['lgtm', '', 3]],
  },

  // HTML comments.
  {
    rule: 'HTML comments: commands inside are found by default',
    body: '<!--\n/kind bug\n-->',
    expected: [['kind', 'bug', 1]],
  },
  {
    rule: 'HTML comments: stripHtmlComments drops them, across lines',
    body: '<!--\n/kind bug\n-->\n/kind feature',
    options: HTML,
    expected: [['kind', 'feature', 3]],
  },
  {
    rule: 'HTML comments: text right after a removed comment starts the line (Prow joins the text)',
    body: '<!-- template -->/kind bug\nx\n<!--\n-->/kind flake',
    options: HTML,
    expected: [
      ['kind', 'bug', 0],
      ['kind', 'flake', 3],
    ],
  },
  {
    rule: 'HTML comments: each comment ends at the first `-->`',
    body: '<!-- a -->\n/kind bug\n-->',
    options: HTML,
    expected: [['kind', 'bug', 1]],
  },
  {
    rule: 'HTML comments: an unterminated comment is not removed',
    body: '<!--\n/kind bug',
    options: HTML,
    expected: [['kind', 'bug', 1]],
  },
  {
    rule: 'HTML comments are removed before fences are looked for',
    body: '<!--\n```\n-->\n/retest\n```',
    options: { stripFences: true, stripHtmlComments: true },
    expected: [['retest', '', 3]],
  },

  { rule: 'an empty body has no commands', body: '', expected: [] },
];

describe('lexCommands', () => {
  it.each(RULES)('$rule', ({ body, options, expected }) => {
    expect(found(body, options)).toEqual(expected);
  });

  it('gives the name as written and lower-cased, so plugins choose case sensitivity', () => {
    const [token] = lexCommands('/Retest-Release');
    expect(token).toMatchObject({ name: 'Retest-Release', normalizedName: 'retest-release' });
  });

  it('splits argText on runs of spaces and tabs', () => {
    const [token] = lexCommands('/test \t e2e\t\tunit   lint \r');
    expect(token).toMatchObject({
      argText: 'e2e\t\tunit   lint',
      args: ['e2e', 'unit', 'lint'],
      truncated: false,
    });
  });

  it('gives no args for a bare command', () => {
    expect(lexCommands('/retest   ')[0]).toMatchObject({ argText: '', args: [] });
  });

  describe('limits', () => {
    it(`stops after ${DEFAULT_MAX_COMMANDS} commands by default`, () => {
      const body = Array.from({ length: 80 }, (_, i) => `/test job-${i}`).join('\n');
      const tokens = lexCommands(body);
      expect(tokens).toHaveLength(DEFAULT_MAX_COMMANDS);
      expect(tokens.at(-1)).toMatchObject({ argText: `job-${DEFAULT_MAX_COMMANDS - 1}` });
    });

    it('takes maxCommands', () => {
      expect(found('/a\n/b\n/c', { maxCommands: 2 })).toEqual([
        ['a', '', 0],
        ['b', '', 1],
      ]);
      expect(found('/a', { maxCommands: 0 })).toEqual([]);
    });

    it(`looks at the first ${DEFAULT_MAX_LINE_LENGTH} code units of a line and says so`, () => {
      const line = `/assign${' @someone'.repeat(200)}`;
      const [token] = lexCommands(`${line}\n/hold`);
      expect(token!.truncated).toBe(true);
      expect(token!.name).toBe('assign');
      expect(`/assign ${token!.argText}`.length).toBeLessThanOrEqual(DEFAULT_MAX_LINE_LENGTH);
      expect(line.startsWith(`/assign ${token!.argText}`)).toBe(true);
      expect(lexCommands(`${line}\n/hold`)[1]).toMatchObject({ name: 'hold', line: 1, truncated: false });
    });

    it('takes maxLineLength, counting the slash', () => {
      expect(lexCommands('/hold until Monday', { maxLineLength: 11 })[0]).toMatchObject({
        name: 'hold',
        argText: 'until',
        truncated: true,
      });
      expect(lexCommands('/hold', { maxLineLength: 5 })[0]).toMatchObject({ name: 'hold', truncated: false });
    });

    it.each([
      ['negative', -1],
      ['NaN', Number.NaN],
    ])('falls back to the defaults for a %s limit', (_, limit) => {
      const body = Array.from({ length: 60 }, () => '/retest').join('\n');
      expect(lexCommands(body, { maxCommands: limit, maxLineLength: limit })).toHaveLength(
        DEFAULT_MAX_COMMANDS,
      );
    });
  });

  it('returns nothing, without throwing, for a body that is not a string', () => {
    for (const body of [undefined, null, 42, {}, ['/lgtm']]) {
      expect(lexCommands(body as unknown as string)).toEqual([]);
    }
  });
});
