import { join } from 'node:path';
import { loadWorld } from '../../src/github-double/world.js';
import type { GitHubAction } from '../../src/github-double/request-log.js';
import { runSimulation } from '../../src/simulate/run-simulation.js';
import { readEventsFile } from '../../src/simulate/simulation-events.js';

const examples = new URL('../../docs/examples/', import.meta.url).pathname;

/** Runs one of docs/tracker.md's scenarios, as `sheriff simulate --events` does. */
async function scenario(name: string): Promise<GitHubAction[]> {
  const result = await runSimulation({
    world: loadWorld(join(examples, 'tracker-world.yaml')),
    events: readEventsFile(join(examples, `${name}.jsonl`)),
  });
  expect(result.notifications).toEqual([]);
  return result.actions;
}

const requests = (actions: readonly GitHubAction[]) =>
  actions.map((action) => `${action.method} ${action.path}`);
const text = (action: GitHubAction | undefined) =>
  String((action?.body as { body?: string; title?: string } | undefined)?.body ?? '');

describe('docs/tracker.md scenarios (sheriff simulate --events)', () => {
  it('tracker-fail-edit-recover: opens once, ignores the redelivery, edits, then comments the recovery and closes', async () => {
    const actions = await scenario('tracker-fail-edit-recover');
    expect(requests(actions)).toEqual([
      'POST /repos/example-ack/community/labels',
      'POST /repos/example-ack/community/issues',
      'PATCH /repos/example-ack/community/issues/1',
      'POST /repos/example-ack/community/issues/1/comments',
      'PATCH /repos/example-ack/community/issues/1',
    ]);
    expect(actions[1]!.body).toMatchObject({
      labels: [
        'kind/tests/failing',
        'area/prow',
        'service/lambda',
        'priority/critical-urgent',
        'sheriff/tracking',
      ],
      assignees: ['ana-lambda', 'kai-release', 'lee-release'],
    });
    expect(text(actions[2])).toContain('**Status: failing** (2 consecutive failures)');
    expect(text(actions[3])).toContain(
      'passed again, fixed by commit `5e6f7a8b9c0d`, 2025-05-14 19:37 UTC, [logs](https://prow.example-ack.dev/view/s3/example-ack-prow-logs/logs/post-lambda-controller-release/1922751200000000000). It was broken for 2h 17m (since 2025-05-14 17:19 UTC, 2 failing runs). Closing this issue.',
    );
    expect(actions[4]!.body).toEqual({ state: 'closed', state_reason: 'completed' });
  });

  it('tracker-human-close: after a person closes the issue, neither the next failure nor the recovery touches it', async () => {
    expect(requests(await scenario('tracker-human-close'))).toEqual([
      'POST /repos/example-ack/community/labels',
      'POST /repos/example-ack/community/issues',
    ]);
  });

  it('tracker-periodic-prowjob: a periodic crier never reports opens and closes an issue from posted ProwJobs', async () => {
    const actions = await scenario('tracker-periodic-prowjob');
    expect(requests(actions)).toEqual([
      'POST /repos/example-ack/community/labels',
      'POST /repos/example-ack/community/issues',
      'POST /repos/example-ack/community/issues/1/comments',
      'PATCH /repos/example-ack/community/issues/1',
    ]);
    expect(actions[1]!.body).toMatchObject({
      title: '[release-failure] test-infra main: periodic-docs-release failed',
      labels: ['kind/tests/failing', 'area/prow', 'priority/backlog', 'sheriff/tracking'],
      assignees: ['pat-docs'],
    });
  });

  it('tracker-workflow-stage: the failing step of the workflow job is the stage; /ack assigns the commenter', async () => {
    const actions = await scenario('tracker-workflow-stage');
    expect(requests(actions)).toEqual([
      'POST /repos/example-ack/cloud-controllers/labels',
      'POST /repos/example-ack/cloud-controllers/issues',
      'POST /repos/example-ack/cloud-controllers/issues/1/assignees',
    ]);
    expect((actions[1]!.body as { title: string }).title).toBe(
      '[release-failure] cloud-controllers lambda/v2.4.0: release failed at stage publish (lambda, helm-chart) › Push Helm chart to oci://public.ecr.aws/example-ack',
    );
    expect(actions[2]!.body).toEqual({ assignees: ['kai-release'] });
  });

  it('gives the same output for the same input', async () => {
    const once = async () => JSON.stringify(await scenario('tracker-fail-edit-recover'));
    expect(await once()).toBe(await once());
  });
});
