import { z } from 'zod';
import type { WorldInput } from '../../src/github-double/world-schema.js';
import { definePlugin, type PluginDefinition } from '../../src/plugins/plugin-definition.js';
import { issueComment, startWorld, type WorldHarness } from '../support/github-world.js';
import { BACKENDS } from '../support/stores.js';

const world: WorldInput = {
  orgs: { acme: { members: ['alice'] } },
  repos: {
    'acme/widgets': {
      defaultBranch: 'main',
      issues: [{ number: 7, title: 'An issue', user: 'erin', state: 'open', labels: [] }],
    },
  },
};

/** One plugin replies to /ping; another, subscribed to the same comment event, fails `failures` times. */
function plugins(attempts: { flaky: number }, failures: number): PluginDefinition[] {
  const replier = definePlugin({
    name: 'replier',
    description: 'replies',
    configSchema: z.strictObject({}),
    events: [],
    commands: [
      {
        names: ['ping'],
        caseSensitive: false,
        on: 'both',
        help: { usage: '/ping', description: 'pong', examples: ['/ping'], whoCanUse: 'anyone' },
      },
    ],
    async handleCommands({ reply }) {
      await reply('pong');
    },
  });
  const flaky = definePlugin({
    name: 'flaky',
    description: 'fails first',
    configSchema: z.strictObject({}),
    events: ['issue_comment'],
    commands: [],
    async handleEvent() {
      attempts.flaky += 1;
      if (attempts.flaky <= failures) throw new Error('GitHub answered 502');
    },
  });
  return [replier, flaky] as unknown as PluginDefinition[];
}

describe.each(BACKENDS)('a delivery retried because one plugin failed, on %s', (backend) => {
  let harness: WorldHarness;
  afterEach(async () => {
    await harness.close();
  });

  const replies = () =>
    harness.double
      .actions()
      .filter(
        (action) => action.method === 'POST' && action.path === '/repos/acme/widgets/issues/7/comments',
      );

  it('runs only the plugin that failed again: the other one’s reply is posted once', async () => {
    const attempts = { flaky: 0 };
    harness = await startWorld(backend, world, { extra: { plugins: plugins(attempts, 2) } });
    await harness.send(
      'issue_comment',
      issueComment({ repo: 'acme/widgets', number: 7, body: '/ping', author: 'alice' }),
    );
    await harness.sheriff.runUntilIdle();
    expect(attempts.flaky).toBe(3);
    expect(replies()).toHaveLength(1);
    expect((await harness.sheriff.queue.stats()).dead).toBe(0);
  });

  it('still dead-letters the delivery when the failing plugin never recovers', async () => {
    const attempts = { flaky: 0 };
    harness = await startWorld(backend, world, { extra: { plugins: plugins(attempts, 99) } });
    await harness.send(
      'issue_comment',
      issueComment({ repo: 'acme/widgets', number: 7, body: '/ping', author: 'alice' }),
    );
    await harness.sheriff.runUntilIdle();
    // JOB_MAX_ATTEMPTS is 3 in tests.
    expect(attempts.flaky).toBe(3);
    expect(replies()).toHaveLength(1);
    expect((await harness.sheriff.queue.stats()).dead).toBe(1);
  });
});
