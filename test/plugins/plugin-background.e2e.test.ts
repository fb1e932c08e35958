import { z } from 'zod';
import type { WorldInput } from '../../src/github-double/world-schema.js';
import type { ReleaseNotice } from '../../src/notifications/release-notice.js';
import { definePlugin, type PluginDefinition } from '../../src/plugins/plugin-definition.js';
import { issueComment, startWorld, type WorldHarness } from '../support/github-world.js';
import { BACKENDS } from '../support/stores.js';

const world: WorldInput = {
  orgs: { acme: { members: ['alice'] } },
  repos: {
    'acme/widgets': {
      defaultBranch: 'main',
      permissions: { alice: 'write' },
      issues: [{ number: 7, title: 'An issue', user: 'erin', state: 'open', labels: [] }],
    },
    'acme/quiet': {
      defaultBranch: 'main',
      files: { '.github/sheriff.yml': 'plugins:\n  flaky-sink:\n    enabled: false\n' },
      issues: [{ number: 3, title: 'An issue', user: 'erin', state: 'open', labels: [] }],
    },
  },
};

const noticeFor = (repository: string, id: string): ReleaseNotice => ({
  id,
  kind: 'opened',
  trackingKey: `${repository}:release`,
  episode: 'run-1',
  repository,
  job: 'release',
  area: null,
  severity: 'warning',
  stage: null,
  failures: 1,
  issue: null,
  logsUrl: null,
  owners: [],
  summary: 'release is failing',
  at: '2026-11-22T10:00:00.000Z',
});

/** What the test plugins saw, shared with the test body. */
interface Seen {
  notices: Array<{ plugin: string; id: string; attempt?: number }>;
  flakyAttempts: number;
  scheduleStates: unknown[];
}

function testPlugins(seen: Seen): PluginDefinition[] {
  const producer = definePlugin({
    name: 'producer',
    description: 'queues follow-up work and publishes notices',
    configSchema: z.strictObject({ greeting: z.string().default('hello') }),
    events: [],
    commands: [
      {
        names: ['later'],
        caseSensitive: false,
        on: 'both',
        help: { usage: '/later', description: 'comments later', examples: ['/later'], whoCanUse: 'anyone' },
      },
      {
        names: ['publish'],
        caseSensitive: false,
        on: 'both',
        help: { usage: '/publish', description: 'publishes', examples: ['/publish'], whoCanUse: 'anyone' },
      },
    ],
    async handleCommands(context) {
      for (const command of context.commands) {
        if (command.normalizedName === 'later') {
          const request = {
            name: 'comment-later',
            key: `${context.comment.repo.fullName}#${context.comment.number}`,
            data: { repository: context.comment.repo.fullName, number: context.comment.number },
            once: context.deliveryId,
          };
          await context.enqueue(request);
          // A handler retried after queuing asks again: nothing more is queued.
          await context.enqueue(request);
        } else
          await context.notify([noticeFor(context.comment.repo.fullName, `notice-${context.deliveryId}`)]);
      }
    },
    jobs: {
      'comment-later': {
        async run(context) {
          const { repository, number } = context.data as { repository: string; number: number };
          const target = await context.repositoryContext(repository);
          if (!target) throw new Error(`not installed on ${repository}`);
          const [owner, repo] = repository.split('/') as [string, string];
          const { greeting } = target.config as { greeting: string };
          await target.github.rest.issues.createComment({
            owner,
            repo,
            issue_number: number,
            body: `${greeting} from a job (attempt ${context.attempt})`,
          });
        },
      },
    },
    schedules: [
      {
        name: 'count',
        intervalMs: 60_000,
        async run({ state }) {
          seen.scheduleStates.push(state);
          return ((state as number | null) ?? 0) + 1;
        },
      },
    ],
    async handleNotice({ notice }) {
      seen.notices.push({ plugin: 'producer', id: notice.id });
    },
  });
  const flakySink = definePlugin({
    name: 'flaky-sink',
    description: 'fails its first notice once',
    configSchema: z.strictObject({}),
    events: [],
    commands: [],
    async handleNotice({ notice }) {
      seen.flakyAttempts += 1;
      if (seen.flakyAttempts === 1) throw new Error('the chat service is down');
      seen.notices.push({ plugin: 'flaky-sink', id: notice.id });
    },
  });
  return [producer, flakySink] as unknown as PluginDefinition[];
}

describe.each(BACKENDS)('plugin jobs, schedules and notices on %s', (backend) => {
  let harness: WorldHarness;
  let seen: Seen;
  let now: Date;

  beforeEach(async () => {
    seen = { notices: [], flakyAttempts: 0, scheduleStates: [] };
    now = new Date('2026-11-22T10:00:00Z');
    harness = await startWorld(backend, world, { extra: { plugins: testPlugins(seen), clock: () => now } });
  });
  afterEach(async () => {
    await harness.close();
  });

  const comment = (repo: string, number: number, body: string) =>
    harness.send('issue_comment', issueComment({ repo, number, body, author: 'alice' }));

  it('runs a job a command queued, with the repository’s config and installation client', async () => {
    await comment('acme/widgets', 7, '/later');
    await harness.sheriff.runUntilIdle();
    const posted = harness.double
      .actions()
      .filter(
        (action) => action.method === 'POST' && action.path === '/repos/acme/widgets/issues/7/comments',
      );
    expect(posted.map((action) => (action.body as { body: string }).body)).toEqual([
      'hello from a job (attempt 1)',
    ]);
  });

  it('delivers a notice once to each subscriber, retrying only the one that failed', async () => {
    await comment('acme/widgets', 7, '/publish');
    await harness.sheriff.runUntilIdle();
    expect(seen.flakyAttempts).toBe(2);
    expect(seen.notices.map((entry) => entry.plugin).sort()).toEqual(['flaky-sink', 'producer']);
    expect(new Set(seen.notices.map((entry) => entry.id)).size).toBe(1);
  });

  it('skips a subscriber that the notice’s repository turned off', async () => {
    await comment('acme/quiet', 3, '/publish');
    await harness.sheriff.runUntilIdle();
    expect(seen.notices.map((entry) => entry.plugin)).toEqual(['producer']);
    expect(seen.flakyAttempts).toBe(0);
  });

  it('runs a plugin schedule from the store, handing it the state it returned last time', async () => {
    const name = 'plugin:producer/count';
    expect(await harness.sheriff.scheduler.tick()).toContain(name);
    // Not due again until its interval passes: a second tick right away does not run it.
    expect(await harness.sheriff.scheduler.tick()).not.toContain(name);
    now = new Date(now.getTime() + 61_000);
    expect(await harness.sheriff.scheduler.tick()).toContain(name);
    expect(seen.scheduleStates).toEqual([undefined, 1]);
  });
});
