import { join } from 'node:path';
import { loadWorld } from '../../src/github-double/world.js';
import { runSimulation } from '../../src/simulate/run-simulation.js';
import { readEventsFile } from '../../src/simulate/simulation-events.js';

const examples = new URL('../../docs/examples/', import.meta.url).pathname;
const ISSUES = '/repos/example-ack/community/issues';

describe('docs/tracker.md flaky scenario (sheriff simulate --events)', () => {
  it('tracker-flaky: a flapping job gets one issue labelled flaky, not a new one at every failure', async () => {
    const { actions } = await runSimulation({
      world: loadWorld(join(examples, 'tracker-world.yaml')),
      events: readEventsFile(join(examples, 'tracker-flaky.jsonl')),
    });
    expect(actions.map((action) => `${action.method} ${action.path}`)).toEqual([
      'POST /repos/example-ack/community/labels',
      `POST ${ISSUES}`,
      `POST ${ISSUES}/1/comments`,
      `PATCH ${ISSUES}/1`,
      `POST ${ISSUES}`,
      `POST ${ISSUES}/2/comments`,
      `PATCH ${ISSUES}/2`,
      // The fourth flip: flaky. Then three more runs only edit the status block of issue 3.
      'POST /repos/example-ack/community/labels',
      `POST ${ISSUES}`,
      `PATCH ${ISSUES}/3`,
      `PATCH ${ISSUES}/3`,
      `PATCH ${ISSUES}/3`,
    ]);
    const flaky = actions[8]!.body as { title: string; labels: string[]; body: string };
    expect(flaky.title).toBe(
      '[release-flaky] lambda-controller c342365ab463: post-lambda-controller-release is flaky',
    );
    expect(flaky.labels[0]).toBe('kind/tests/flaky');
    expect(flaky.body).toContain('- **Recent runs** (oldest first): ✗✓✗✓✗');
    expect((actions.at(-1)!.body as { body: string }).body).toContain(
      '- **Recent runs** (oldest first): ✗✓✗✓✗✓✗✓',
    );
  });
});
