import { join } from 'node:path';
import { loadWorld } from '../../src/github-double/world.js';
import { runSimulation } from '../../src/simulate/run-simulation.js';
import { readEventsFile } from '../../src/simulate/simulation-events.js';

const examples = new URL('../../docs/examples/', import.meta.url).pathname;

describe('docs/tracker.md release-stages scenario (sheriff simulate --events)', () => {
  it('tracker-stages: the umbrella-chart failure is folded into the release job’s issue, which shows the stage chain', async () => {
    const { actions } = await runSimulation({
      world: loadWorld(join(examples, 'tracker-stages-world.yaml')),
      events: readEventsFile(join(examples, 'tracker-stages.jsonl')),
    });
    expect(actions.map((action) => `${action.method} ${action.path}`)).toEqual([
      'POST /repos/example-ack/community/labels',
      'POST /repos/example-ack/community/issues',
      'POST /repos/example-ack/community/issues/1/comments',
    ]);
    const issue = actions[1]!.body as { title: string; body: string };
    expect(issue.title).toBe(
      '[release-failure] lambda-controller c342365ab463: post-lambda-controller-release failed',
    );
    expect(issue.body).toContain(
      // simulate is offline: the build log is not read, quietly, and the issue says the stage is a guess.
      '- **Release stages**: git-tag ✓ → image-build ✗ (or a later stage of the same job: the build log could not be read; see the logs) → image-push (blocked) → helm-publish (blocked) → olm-bundle (blocked) → umbrella-chart (blocked)',
    );
    expect((actions[2]!.body as { body: string }).body).toContain(
      '`update-ack-chart` (`example-ack/lambda-controller`) failed too for commit `c342365ab463`',
    );
  });
});
