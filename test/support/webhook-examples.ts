import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { WebhookDefinition } from '@octokit/webhooks-examples';

type EventName = WebhookDefinition['name'];
/** One recorded payload of `E`, typed by `@octokit/webhooks-types`. */
export type Example<E extends EventName> = WebhookDefinition<E>['examples'][number];
type User = Example<'issue_comment'>['comment']['user'];

// The package's entry point is a JSON file: `require` loads it without import attributes.
const definitions = createRequire(import.meta.url)('@octokit/webhooks-examples') as WebhookDefinition[];

/**
 * A deep copy of the `which`-th recorded `event` payload with `action`, free to modify.
 * Throws when there is none, so a test never silently runs on nothing.
 */
export function exampleOf<E extends EventName>(event: E, action: string, which = 0): Example<E> {
  const definition = definitions.find((candidate) => candidate.name === event) as
    WebhookDefinition<E> | undefined;
  const matching = (definition?.examples ?? []).filter(
    (example) => (example as { action?: string }).action === action,
  );
  const example = matching[which];
  if (example === undefined) throw new Error(`no example ${which} of ${event}.${action}`);
  return structuredClone(example);
}

/** Every recorded `event` payload, deep-copied. */
export function examplesOf<E extends EventName>(event: E): Example<E>[] {
  const definition = definitions.find((candidate) => candidate.name === event) as
    WebhookDefinition<E> | undefined;
  return (definition?.examples ?? []).map((example) => structuredClone(example));
}

/** A real GitHub App bot user (`type: 'Bot'`, `...[bot]` login) taken from a recorded sender. */
export function botUser(): User {
  for (const definition of definitions) {
    for (const example of definition.examples) {
      const sender = (example as { sender?: User }).sender;
      if (sender?.type === 'Bot') return structuredClone(sender);
    }
  }
  throw new Error('no recorded bot sender');
}

/** Turns a recorded issue into a pull request, as GitHub marks one in `issue` payloads. */
export function markAsPullRequest<T extends { html_url: string; url: string }>(
  issue: T,
): T & {
  pull_request: { url: string; html_url: string; diff_url: string; patch_url: string };
} {
  const htmlUrl = issue.html_url.replace('/issues/', '/pull/');
  return Object.assign(issue, {
    pull_request: {
      url: issue.url.replace('/issues/', '/pulls/'),
      html_url: htmlUrl,
      diff_url: `${htmlUrl}.diff`,
      patch_url: `${htmlUrl}.patch`,
    },
  });
}

/**
 * The shared world's `issue_comment.created` delivery (a MEMBER comments `/retest-release` and
 * `/notify-owners s3` on Sheriff's tracking issue).
 */
export function worldRetestReleaseComment(): Example<'issue_comment'> {
  return JSON.parse(
    worldGitHubDelivery('issue-comment-created-retest-release').body,
  ) as Example<'issue_comment'>;
}

/**
 * A real example payload (a fresh copy), optionally the first one with the given action, untyped
 * for tests that only pass it through.
 */
export function webhookExample<T = Record<string, unknown>>(event: string, action?: string): T {
  const example = definitions
    .find((candidate) => candidate.name === event)
    ?.examples.find(
      (candidate) => action === undefined || (candidate as { action?: string }).action === action,
    );
  if (!example)
    throw new Error(`no @octokit/webhooks-examples payload for ${event}${action ? `.${action}` : ''}`);
  return structuredClone(example) as T;
}

/** `../shared/` beside the checkout: fixtures and reference material shared by the team. */
export const SHARED_DIR =
  process.env.SHERIFF_SHARED_DIR ?? resolve(fileURLToPath(new URL('.', import.meta.url)), '../../../shared');

export function sharedFixturePath(...parts: string[]): string {
  return join(SHARED_DIR, 'fixtures', ...parts);
}

/** A fixture's exact bytes (its signature covers them) and its delivery headers. */
export function worldGitHubDelivery(name: string): { body: string; headers: Record<string, string> } {
  const body = readFileSync(sharedFixturePath('world', 'github', `${name}.json`), 'utf8');
  const file = JSON.parse(readFileSync(sharedFixturePath('world', 'github', `${name}.headers.json`), 'utf8'));
  return { body, headers: file.headers as Record<string, string> };
}

/** The test-only secret the world fixtures are signed with. */
export const WORLD_FIXTURE_SECRET = 'world-fixture-webhook-secret';
