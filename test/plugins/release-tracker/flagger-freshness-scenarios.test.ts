import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadWorld } from '../../../src/github-double/world.js';
import type { GitHubAction } from '../../../src/github-double/request-log.js';
import { runSimulation } from '../../../src/simulate/run-simulation.js';
import { readEventsFile } from '../../../src/simulate/simulation-events.js';
import { sharedFixturePath } from '../../support/webhook-examples.js';
import { FLAGGER_ROLLBACK_ORDER } from './flagger-world.js';

const examples = new URL('../../../docs/examples/', import.meta.url).pathname;

/** Runs one of docs/tracker.md's Flagger and freshness scenarios, as `sheriff simulate --events` does. */
async function scenario(name: string): Promise<GitHubAction[]> {
  const result = await runSimulation({
    world: loadWorld(join(examples, 'watch-world.yaml')),
    events: readEventsFile(join(examples, `${name}.jsonl`)),
  });
  return result.actions;
}

const requests = (actions: readonly GitHubAction[]) =>
  actions.map((action) => `${action.method} ${action.path}`);
const field = (action: GitHubAction | undefined, name: 'title' | 'body') =>
  String((action?.body as Record<string, unknown> | undefined)?.[name] ?? '');

describe('docs/tracker.md Flagger and freshness scenarios (sheriff simulate --events)', () => {
  it('uses the shared Flagger fixtures as they are', () => {
    for (const name of FLAGGER_ROLLBACK_ORDER)
      expect(readFileSync(join(examples, 'payloads', 'flagger', `${name}.json`), 'utf8')).toBe(
        readFileSync(sharedFixturePath('world', 'flagger', `${name}.json`), 'utf8'),
      );
  });

  it('flagger-canary-rollback: one issue for the rollback (repeats and later posts of the revision add nothing), closed as promoted', async () => {
    const actions = await scenario('flagger-canary-rollback');
    expect(requests(actions)).toEqual([
      'POST /repos/example-ack/community/issues',
      'POST /repos/example-ack/community/issues/1/comments',
      'PATCH /repos/example-ack/community/issues/1',
    ]);
    expect(field(actions[0], 'title')).toBe(
      '[release-failure] lambda-controller: prod-us-west-2/ack-system/lambda-controller failed at stage rollback: progress deadline exceeded',
    );
    expect(actions[0]!.body).toMatchObject({ assignees: ['ana-lambda', 'kai-release', 'lee-release'] });
    expect(field(actions[1], 'body')).toContain(
      'Canary `prod-us-west-2/ack-system/lambda-controller` promoted: revision `9x2lqz4c8w` rolled out at 2025-05-21 16:05 UTC. It was failing for 1h 42m (since 2025-05-21 14:22 UTC, 1 failing run). Closing this issue.',
    );
    expect(actions[2]!.body).toEqual({ state: 'closed', state_reason: 'completed' });
  });

  it('freshness-silent-job: a tick after 3 days without a success opens the issue; the next success closes it', async () => {
    const actions = await scenario('freshness-silent-job');
    expect(requests(actions)).toEqual([
      'POST /repos/example-ack/community/issues',
      'POST /repos/example-ack/community/issues/1/comments',
      'PATCH /repos/example-ack/community/issues/1',
    ]);
    expect(field(actions[0], 'title')).toBe(
      '[release-failure] lambda-controller: periodic-lambda-soak failed at stage stale: no success within 3d (last success 2025-05-18 02:00 UTC; last run 2025-05-18 02:00 UTC, success)',
    );
    expect(field(actions[1], 'body')).toContain(
      '`periodic-lambda-soak` passed again, fixed by commit `c342365ab463`',
    );
  });
});
