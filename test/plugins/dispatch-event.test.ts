import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Database } from '../../src/store/schema.js';
import type { RepoConfigSource } from '../../src/config/repo-config-source.js';
import type { GitHubApp, GitHubClient } from '../../src/github/github-app.js';
import { createLogger } from '../../src/logging/logger.js';
import { RetryLaterError } from '../../src/pipeline/job-errors.js';
import { createEventDispatcher } from '../../src/plugins/dispatch-event.js';
import { definePlugin, type PluginDefinition } from '../../src/plugins/plugin-definition.js';
import { PluginRegistry } from '../../src/plugins/plugin-registry.js';
import { webhookExample } from '../support/webhook-examples.js';

const failing = (name: string, error: Error) =>
  definePlugin({
    name,
    description: 'fails',
    configSchema: z.strictObject({}),
    events: ['status'],
    commands: [],
    handleEvent: async () => {
      throw error;
    },
  }) as unknown as PluginDefinition;

function dispatcherFor(plugins: PluginDefinition[]) {
  const github = {
    installationIdFor: async () => 1,
    installationClient: async () => ({}) as GitHubClient,
    appClient: async () => ({}) as GitHubClient,
  } satisfies GitHubApp;
  const configs = {
    load: async () => ({ config: { plugins: {} }, origin: 'valid', problems: [] }),
    invalidate: () => {},
  } as unknown as RepoConfigSource;
  // The failing plugins never touch the store.
  const store = undefined as unknown as Kysely<Database>;
  return createEventDispatcher({
    registry: new PluginRegistry(plugins),
    github,
    configs,
    store,
    selfLogins: [],
  });
}

const statusEvent = () => ({
  deliveryId: 'd',
  source: 'github' as const,
  name: 'status',
  action: null,
  payload: webhookExample('status'),
  installationId: 1,
  repository: 'Codertocat/Hello-World',
  receivedAt: new Date(),
});

describe('the event dispatcher', () => {
  const context = { log: createLogger('silent'), signal: new AbortController().signal };

  it('keeps a rate limit’s wait when a plugin hits one, so the job is retried after the reset', async () => {
    const dispatch = dispatcherFor([
      failing('a', new Error('boom')),
      failing('b', new RetryLaterError('rate limited', 30_000)),
      failing('c', new RetryLaterError('rate limited', 90_000)),
    ]);
    const failure = await dispatch(statusEvent(), context).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(RetryLaterError);
    expect((failure as RetryLaterError).delayMs).toBe(90_000);
    expect((failure as Error).message).toMatch(/a: boom; b: rate limited; c: rate limited/);
  });

  it('fails with an ordinary error, naming the plugins, when none was rate limited', async () => {
    const failure = await dispatchOne(new Error('boom'));
    expect(failure).not.toBeInstanceOf(RetryLaterError);
    expect((failure as Error).message).toBe('plugins failed: a: boom');
  });

  async function dispatchOne(error: Error): Promise<unknown> {
    return dispatcherFor([failing('a', error)])(statusEvent(), context).catch((caught: unknown) => caught);
  }
});
