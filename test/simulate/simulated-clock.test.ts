import { join } from 'node:path';
import { loadWorld } from '../../src/github-double/world.js';
import { runSimulation } from '../../src/simulate/run-simulation.js';
import type { SimulationEvent } from '../../src/simulate/simulation-events.js';
import { issueComment } from '../support/github-world.js';
import { crierStatus } from '../plugins/release-tracker/tracker-world.js';

const examples = new URL('../../docs/examples/', import.meta.url).pathname;
const T0 = Date.parse('2025-05-14T17:19:41Z');
const at = (minutes: number) => new Date(T0 + minutes * 60_000);

/**
 * `/snooze` is on the simulated clock (each line's `at`), not the wall clock: a snooze taken at
 * +5 min for 2 h holds the 5th failure's reminder at +60 min and lets it out at +180 min.
 */
describe('sheriff simulate on its own clock', () => {
  it('holds a reminder while snoozed and posts it once the snooze has run out, by the lines’ times', async () => {
    const failure = (build: number, minutes: number): SimulationEvent => ({
      event: 'status',
      payload: crierStatus(build, 'failure', { at: at(minutes).toISOString() }),
      delivery: `crier-${build}`,
      at: at(minutes),
    });
    const snooze: SimulationEvent = {
      event: 'issue_comment',
      payload: issueComment({
        repo: 'example-ack/community',
        number: 1,
        body: '/snooze 2h',
        author: 'kai-release',
      }),
      delivery: 'snooze-1',
      at: at(5),
    };
    const result = await runSimulation({
      world: loadWorld(join(examples, 'tracker-world.yaml')),
      events: [
        failure(1, 0),
        snooze,
        failure(2, 20),
        failure(3, 30),
        failure(4, 40),
        failure(5, 60),
        failure(6, 180),
      ],
    });
    const comments = result.actions.filter(
      (action) =>
        action.method === 'POST' && action.path === '/repos/example-ack/community/issues/1/comments',
    );
    const bodies = comments.map((action) => String((action.body as { body: string }).body));
    // The snooze reply, then exactly one reminder: after the snooze, not at the 5th failure.
    expect(bodies).toHaveLength(2);
    expect(bodies[0]).toContain('/snooze');
    expect(bodies[1]).toContain('kind=reminder');
    expect(bodies[1]).toContain('has failed 6 times in a row');
  });
});
