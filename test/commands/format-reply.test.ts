import fc from 'fast-check';
import { formatReply, MAX_QUOTED_LENGTH, REPLY_FOOTER } from '../../src/commands/format-reply.js';
import { toGenericComment } from '../../src/commands/generic-comment.js';
import { type LexOptions, lexCommands } from '../../src/commands/lex-commands.js';
import { worldRetestReleaseComment } from '../support/webhook-examples.js';

const COMMENT_URL = 'https://github.com/acme/widgets/pull/7#issuecomment-1';
const ALL_OPTIONS: LexOptions[] = [
  {},
  { stripFences: true },
  { stripHtmlComments: true },
  { stripFences: true, stripHtmlComments: true },
];

function commandsIn(text: string) {
  return ALL_OPTIONS.flatMap((options) => lexCommands(text, options));
}

describe('formatReply', () => {
  it('answers like Prow: @login, the message, the quoted comment in <details>, then the footer', () => {
    const reply = formatReply({
      login: 'erin',
      message: 'you cannot LGTM your own PR.',
      commentBody: '/lgtm',
      commentUrl: COMMENT_URL,
    });
    expect(reply).toBe(
      [
        '@erin: you cannot LGTM your own PR.',
        '',
        '<details>',
        '',
        `In response to [this](${COMMENT_URL}):`,
        '',
        '>/lgtm',
        '',
        '</details>',
        '',
        REPLY_FOOTER,
      ].join('\n'),
    );
  });

  it('quotes every line, including blank lines, CRLF and lone CR line breaks', () => {
    const reply = formatReply({
      login: 'erin',
      message: 'ok',
      commentBody: 'a\r\n\r\n/hold\rb\n',
      commentUrl: COMMENT_URL,
    });
    expect(reply).toContain('\n>a\n>\n>/hold\n>b\n>\n');
    expect(reply).not.toContain('\r');
  });

  it('quotes the shared world’s comment so that none of its commands survives', () => {
    const comment = toGenericComment('issue_comment', worldRetestReleaseComment())!;
    expect(lexCommands(comment.body)).toHaveLength(2);
    const reply = formatReply({
      login: comment.authorLogin,
      message: 'Re-running the release job.',
      commentBody: comment.body,
      commentUrl: comment.htmlUrl,
    });
    expect(reply.startsWith('@ana-lambda: Re-running the release job.\n')).toBe(true);
    expect(reply).toContain('>/retest-release');
    expect(commandsIn(reply)).toEqual([]);
  });

  it('escapes message lines that would be commands, or would become one once a comment is removed', () => {
    const reply = formatReply({
      login: 'erin',
      message: 'Try:\n/retest\n<!-- note -->/lgtm\n`/test e2e` works too',
      commentBody: '',
      commentUrl: COMMENT_URL,
    });
    expect(reply).toContain('\n\\/retest\n\\<!-- note -->/lgtm\n`/test e2e` works too\n');
    expect(commandsIn(reply)).toEqual([]);
  });

  it('does not double a leading @ and drops whitespace from the login', () => {
    expect(
      formatReply({ login: '@erin\n', message: 'hi', commentBody: '', commentUrl: COMMENT_URL }),
    ).toMatch(/^@erin: hi\n/);
  });

  it('keeps the link intact when the COMMENT_URL holds spaces, brackets or a line break', () => {
    const reply = formatReply({
      login: 'e',
      message: 'm',
      commentBody: '',
      commentUrl: 'https://x/a (b)<c>\nd',
    });
    expect(reply).toContain('In response to [this](https://x/a%20%28b%29%3Cc%3E%0Ad):');
  });

  it(`quotes at most ${MAX_QUOTED_LENGTH} characters, so a reply to the longest comment GitHub allows still fits`, () => {
    const body = `${'x'.repeat(MAX_QUOTED_LENGTH - 1)}😀 and more\n/lgtm`;
    const reply = formatReply({
      login: 'erin',
      message: 'ok',
      commentBody: body.padEnd(65_536, 'y'),
      commentUrl: COMMENT_URL,
    });
    expect(reply.length).toBeLessThan(65_536);
    expect(reply).toContain(`>${'x'.repeat(MAX_QUOTED_LENGTH - 1)}\n>[…]\n`);
    expect(reply).not.toContain('/lgtm');
  });

  it('ends with the fixed footer', () => {
    expect(
      formatReply({ login: 'erin', message: 'ok', commentBody: 'hi', commentUrl: COMMENT_URL }).endsWith(
        REPLY_FOOTER,
      ),
    ).toBe(true);
    expect(commandsIn(REPLY_FOOTER)).toEqual([]);
  });

  it('never holds a command for lexCommands, whatever it is given', () => {
    const pieces = [
      '/',
      '/lgtm',
      '/retest',
      'x',
      ' ',
      '\n',
      '\r',
      '\r\n',
      '<!--',
      '-->',
      '```',
      '~~~',
      '>',
      '@',
      ')',
    ];
    const text = fc.oneof(
      fc.array(fc.constantFrom(...pieces), { maxLength: 60 }).map((parts) => parts.join('')),
      fc.string({ unit: 'binary', maxLength: 300 }),
    );
    fc.assert(
      fc.property(text, text, text, text, (login, message, commentBody, commentUrl) => {
        expect(commandsIn(formatReply({ login, message, commentBody, commentUrl }))).toEqual([]);
      }),
      { numRuns: 500 },
    );
  });
});
