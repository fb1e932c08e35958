import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

interface ExampleGroup {
  name: string;
  examples: Array<Record<string, unknown>>;
}

const require = createRequire(import.meta.url);
const groups = require('@octokit/webhooks-examples') as ExampleGroup[];

/**
 * A real example payload from `@octokit/webhooks-examples` (a fresh copy each call), optionally
 * the first one with the given action.
 */
export function webhookExample<T = Record<string, unknown>>(event: string, action?: string): T {
  const group = groups.find((candidate) => candidate.name === event);
  const example = group?.examples.find((candidate) => action === undefined || candidate.action === action);
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
