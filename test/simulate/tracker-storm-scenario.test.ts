import { join } from 'node:path';
import { loadWorld } from '../../src/github-double/world.js';
import { runSimulation, type SimulationResult } from '../../src/simulate/run-simulation.js';
import { readEventsFile } from '../../src/simulate/simulation-events.js';

const examples = new URL('../../docs/examples/', import.meta.url).pathname;
const COMMUNITY = '/repos/example-ack/community/issues';

/** docs/tracker.md's storm scenario, as `sheriff simulate --events` runs it. */
async function stormScenario(): Promise<SimulationResult> {
  return runSimulation({
    world: loadWorld(join(examples, 'tracker-storm-world.yaml')),
    events: readEventsFile(join(examples, 'tracker-storm.jsonl')),
  });
}

describe('docs/tracker.md storm scenario (sheriff simulate --events)', () => {
  it('tracker-storm: 30 failures in a minute give one umbrella and only its Slack messages; it closes when all pass', async () => {
    const { actions, notifications } = await stormScenario();
    const created = actions.filter((action) => action.method === 'POST' && action.path === COMMUNITY);
    const titles = created.map((action) => (action.body as { title: string }).title);
    expect(titles.filter((title) => title.startsWith('[release-storm]'))).toEqual([
      '[release-storm] 11 release jobs of example-ack failing since 2025-05-14 17:19 UTC',
    ]);
    expect(titles.filter((title) => title.startsWith('[release-failure]'))).toHaveLength(30);
    // The umbrella is the 12th issue: the 11 jobs that made the storm had theirs already, so each
    // gets one "part of" comment; the 19 after it name the umbrella in their body.
    const links = actions.filter((action) =>
      String((action.body as { body?: string }).body ?? '').startsWith('<!-- sheriff:storm-link'),
    );
    expect(links.map((action) => action.path)).toEqual(
      Array.from({ length: 11 }, (_, index) => `${COMMUNITY}/${index + 1}/comments`),
    );
    const bodies = created.slice(12).map((action) => (action.body as { body: string }).body);
    expect(bodies.every((body) => body.includes('- **Part of**: #12, '))).toBe(true);

    // The umbrella closes last, after its comment.
    expect(actions.slice(-2).map((action) => `${action.method} ${action.path}`)).toEqual([
      `POST ${COMMUNITY}/12/comments`,
      `PATCH ${COMMUNITY}/12`,
    ]);
    expect(actions.at(-1)!.body).toEqual({ state: 'closed', state_reason: 'completed' });

    // Slack hears of the storm (opened, one update for the 19 joins, resolved) and of no job alone.
    const texts = (notifications as Array<{ kind: string; channel: string; text: string }>).map(
      (message) => `${message.kind} ${message.channel} ${message.text}`,
    );
    expect(texts.length).toBeGreaterThan(0);
    expect(texts.every((text) => text.includes('https://github.com/example-ack/community/issues/12'))).toBe(
      true,
    );
    expect(texts[0]).toBe(
      'slack #ack-releases [critical] 11 release jobs of example-ack are failing at once (11 jobs) https://github.com/example-ack/community/issues/12',
    );
    expect(
      texts.filter((text) => text.includes('30 release jobs of example-ack are failing at once')),
    ).toHaveLength(1);
    expect(
      texts.filter((text) => text.includes('all 30 release jobs of example-ack pass again')).length,
    ).toBeGreaterThan(0);
    expect(texts.some((text) => /post-\w+-controller-release/.test(text))).toBe(false);
  }, 120_000); // sixty events, each run to completion: slow on a busy machine
});
