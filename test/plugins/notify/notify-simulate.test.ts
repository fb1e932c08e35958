import { toWorld } from '../../../src/github-double/world.js';
import { runSimulation } from '../../../src/simulate/run-simulation.js';
import { worldGitHubDelivery } from '../../support/webhook-examples.js';
import { CONTROLLER, crierStatus, STATUS_FIXTURE, TRACKER_WORLD } from '../release-tracker/tracker-world.js';
import { controllerConfig, DEFAULT_NOTIFY } from './notify-world.js';

const ISSUE_URL = 'https://github.com/example-ack/community/issues/1';

describe('sheriff simulate prints the notifications', () => {
  it('as Slack sends: the thread root in the area channel, the reply and the resolved edit', async () => {
    const world = toWorld({
      ...TRACKER_WORLD,
      repos: {
        ...TRACKER_WORLD.repos,
        [CONTROLLER]: {
          ...TRACKER_WORLD.repos![CONTROLLER]!,
          files: {
            ...TRACKER_WORLD.repos![CONTROLLER]!.files,
            '.github/sheriff.yml': controllerConfig(DEFAULT_NOTIFY),
          },
        },
      },
    });
    const result = await runSimulation({
      world,
      events: [
        { event: 'status', payload: JSON.parse(worldGitHubDelivery(STATUS_FIXTURE).body) as unknown },
        { event: 'status', payload: crierStatus(1, 'failure') },
        { event: 'status', payload: crierStatus(2, 'success', { sha: 'f1'.repeat(20) }) },
      ],
    });
    expect(
      result.notifications.map((notification) => ({ ...(notification as object), blocks: undefined })),
    ).toEqual([
      {
        kind: 'slack',
        channel: '#lambda',
        text: `<!subteam^S0LAMBDA01> [critical] post-lambda-controller-release is failing (area lambda, 1 failure) ${ISSUE_URL}`,
        ts: '1000000000.000001',
        blocks: undefined,
      },
      {
        kind: 'slack',
        channel: '#lambda',
        text: `<!subteam^S0LAMBDA01> [critical] post-lambda-controller-release has failed 2 times in a row (area lambda, 2 failures) ${ISSUE_URL}`,
        thread_ts: '1000000000.000001',
        ts: '1000000000.000002',
        blocks: undefined,
      },
      {
        kind: 'slack',
        channel: '#lambda',
        text: `[critical] post-lambda-controller-release recovered (area lambda) ${ISSUE_URL}`,
        update: true,
        ts: '1000000000.000001',
        blocks: undefined,
      },
      {
        kind: 'slack',
        channel: '#lambda',
        text: `[critical] post-lambda-controller-release recovered (area lambda) ${ISSUE_URL}`,
        thread_ts: '1000000000.000001',
        ts: '1000000000.000003',
        blocks: undefined,
      },
    ]);
  });
});
