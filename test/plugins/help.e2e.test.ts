import { helpConfigSchema } from '../../plugins/help/help-config.js';
import { renderHelpMessage } from '../../plugins/help/render-help.js';
import { formatReply } from '../../src/commands/format-reply.js';
import type { WorldInput } from '../../src/github-double/world-schema.js';
import { startWorld, type WorldHarness } from '../support/github-world.js';
import { BACKENDS } from '../support/stores.js';
import { deliver, pluginCalls, soloConfig, threadComment } from './support/prow-deliveries.js';

const CONFIG = helpConfigSchema.parse({});
const earlierReply = formatReply({
  login: 'ana',
  message: renderHelpMessage('help', CONFIG),
  commentBody: '/help',
  commentUrl: 'https://github.com/acme/widgets/issues/10#issuecomment-1',
});

const world: WorldInput = {
  repos: {
    'acme/widgets': {
      defaultBranch: 'main',
      labels: ['help wanted', 'good first issue'],
      files: { '.github/sheriff.yml': soloConfig('help') },
      issues: [
        { number: 9, title: 'Docs typo', user: 'erin', state: 'open' },
        {
          number: 10,
          title: 'Wanted',
          user: 'erin',
          state: 'open',
          labels: ['help wanted'],
          comments: [
            { id: 501, user: 'ana', body: '/help' },
            { id: 502, user: 'sheriff[bot]', body: earlierReply },
            { id: 503, user: 'ana', body: `Quoting:\n> ${earlierReply}` },
          ],
        },
        { number: 7, title: 'Fix bundle', user: 'erin', state: 'open', pull: true },
      ],
    },
  },
};

describe.each(BACKENDS)('/help and /good-first-issue end to end on %s', (backend) => {
  let harness: WorldHarness;
  beforeEach(async () => {
    harness = await startWorld(backend, world);
  });
  afterEach(async () => {
    await harness.close();
  });

  it('/help replies with the guidelines and adds help wanted (anyone may)', async () => {
    const payload = threadComment({ number: 9, body: '/help', author: 'mallory', association: 'NONE' });
    await deliver(harness, 'issue_comment', payload);
    expect(harness.double.actions()).toEqual([
      {
        method: 'POST',
        path: '/repos/acme/widgets/issues/9/comments',
        body: {
          body: formatReply({
            login: 'mallory',
            message: renderHelpMessage('help', CONFIG),
            commentBody: '/help',
            commentUrl: payload.comment.html_url,
          }),
        },
      },
      { method: 'POST', path: '/repos/acme/widgets/issues/9/labels', body: { labels: ['help wanted'] } },
    ]);
  });

  it('/good-first-issue adds both labels in one request', async () => {
    await deliver(
      harness,
      'issue_comment',
      threadComment({ number: 9, body: '/good-first-issue', author: 'ana', association: 'NONE' }),
    );
    expect(pluginCalls(harness)).toEqual(['issues/create-comment 201', 'issues/add-labels 200']);
    expect(harness.double.issue('acme/widgets', 9)?.labels).toEqual(['good first issue', 'help wanted']);
  });

  it("/remove-help removes the label and prunes only Sheriff's earlier help reply", async () => {
    await deliver(
      harness,
      'issue_comment',
      threadComment({
        number: 10,
        body: '/remove-help',
        author: 'ana',
        association: 'NONE',
        labels: ['help wanted'],
      }),
    );
    expect(harness.double.actions()).toEqual([
      { method: 'DELETE', path: '/repos/acme/widgets/issues/10/labels/help%20wanted' },
      { method: 'DELETE', path: '/repos/acme/widgets/issues/comments/502' },
    ]);
    expect(harness.double.comments('acme/widgets', 10).map((comment) => comment.id)).toEqual([501, 503]);
  });

  it('does nothing on a PR, with trailing text, or for an edited comment', async () => {
    for (const payload of [
      threadComment({ number: 7, body: '/help', author: 'ana', association: 'NONE', pullRequest: true }),
      threadComment({ number: 9, body: '/help me', author: 'ana', association: 'NONE' }),
      threadComment({ number: 9, body: '/help', author: 'ana', association: 'NONE', action: 'edited' }),
    ])
      await deliver(harness, 'issue_comment', payload);
    expect(pluginCalls(harness)).toEqual([]);
  });
});
