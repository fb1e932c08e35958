import { decideHelp } from '../../../plugins/help/decide-help.js';
import { helpConfigSchema } from '../../../plugins/help/help-config.js';
import { parseHelp } from '../../../plugins/help/parse-help.js';
import { isHelpReply } from '../../../plugins/help/prune-help-replies.js';
import { renderHelpMessage } from '../../../plugins/help/render-help.js';
import { formatReply } from '../../../src/commands/format-reply.js';
import type { GenericComment } from '../../../src/commands/generic-comment.js';
import { commandsFor, genericComment } from '../support/prow-comments.js';

const decide = (comment: GenericComment) =>
  decideHelp(parseHelp(commandsFor('help', comment), comment.body), comment.labels, {
    isPullRequest: comment.isPullRequest,
    isOpen: comment.issueState === 'open',
  });
const on = (body: string, labels: string[] = []) => decide(genericComment({ body, labels }));

// One row per rule of prow.md 0 and 1.8.
describe('/help and /good-first-issue as Prow does them (prow.md 0, 1.8)', () => {
  it.each([
    [
      '/help adds help wanted with a reply',
      '/help',
      [],
      { add: ['help wanted'], remove: [], reply: 'help', prune: [] },
    ],
    [
      'the command word is case-insensitive',
      '/HELP',
      [],
      { add: ['help wanted'], remove: [], reply: 'help', prune: [] },
    ],
    ['/help when present does nothing', '/help', ['help wanted'], undefined],
    ['trailing text makes it nothing', '/help me', [], undefined],
    ['mid-line is not a command', 'can you /help', [], undefined],
    ['a quote is not a command', '> /help', [], undefined],
    [
      'a fenced block does not hide it',
      '```\n/help\n```',
      [],
      { add: ['help wanted'], remove: [], reply: 'help', prune: [] },
    ],
    [
      'CRLF line endings work',
      '/help\r\n',
      [],
      { add: ['help wanted'], remove: [], reply: 'help', prune: [] },
    ],
    [
      '/good-first-issue adds both labels with a reply',
      '/good-first-issue',
      [],
      { add: ['good first issue', 'help wanted'], remove: [], reply: 'good-first-issue', prune: [] },
    ],
    [
      '/good-first-issue keeps an existing help wanted',
      '/good-first-issue',
      ['help wanted'],
      { add: ['good first issue'], remove: [], reply: 'good-first-issue', prune: [] },
    ],
    [
      '/remove-help removes both labels and prunes both replies',
      '/remove-help',
      ['Help Wanted', 'good first issue'],
      { add: [], remove: ['help wanted', 'good first issue'], prune: ['help', 'good-first-issue'] },
    ],
    ['/remove-help without the label does nothing', '/remove-help', [], undefined],
    [
      '/remove-good-first-issue removes only that label',
      '/remove-good-first-issue',
      ['help wanted', 'good first issue'],
      { add: [], remove: ['good first issue'], prune: ['good-first-issue'] },
    ],
    [
      'the first branch that applies wins (remove-help before good-first-issue)',
      '/good-first-issue\n/remove-help',
      ['help wanted'],
      { add: [], remove: ['help wanted'], prune: ['help'] },
    ],
  ] as const)('%s: %j on %j', (_rule, body, labels, expected) => {
    expect(on(body, [...labels])).toEqual(expected);
  });

  it('acts on open issues only', () => {
    expect(decide(genericComment({ body: '/help', pullRequest: true }))).toBeUndefined();
    expect(decide(genericComment({ body: '/help', state: 'closed' }))).toBeUndefined();
  });

  it('ignores an edited comment', () => {
    expect(decide(genericComment({ body: '/help', action: 'edited' }))).toBeUndefined();
  });
});

describe('the replies', () => {
  const config = helpConfigSchema.parse({});

  it("start with Prow's sentence and link the guidelines", () => {
    const help = renderHelpMessage('help', config);
    expect(help).toMatch(
      /^This request has been marked as needing help from a contributor\.\n\n### Guidelines\n/,
    );
    expect(help).toContain(
      'please see [here](https://git.k8s.io/community/contributors/guide/help-wanted.md)',
    );
    expect(help).toMatch(/by commenting with the `\/remove-help` command\.$/);
    expect(
      renderHelpMessage('good-first-issue', helpConfigSchema.parse({ guidelinesSummary: 'Be kind.' })),
    ).toMatch(/^This request has been marked as suitable for new contributors\.\n\nBe kind\.\n\n/);
  });

  it("recognises only Sheriff's own replies for pruning", () => {
    const body = formatReply({
      login: 'ana',
      message: renderHelpMessage('help', config),
      commentBody: '/help',
      commentUrl: 'https://github.com/acme/widgets/issues/7#issuecomment-1',
    });
    expect(isHelpReply({ user: { login: 'sheriff[bot]', type: 'Bot' }, body }, 'help')).toBe(true);
    expect(isHelpReply({ user: { login: 'sheriff[bot]', type: 'Bot' }, body }, 'good-first-issue')).toBe(
      false,
    );
    expect(isHelpReply({ user: { login: 'ana', type: 'User' }, body }, 'help')).toBe(false);
    expect(isHelpReply({ user: { login: 'sheriff[bot]', type: 'Bot' }, body: `> ${body}` }, 'help')).toBe(
      false,
    );
  });
});
