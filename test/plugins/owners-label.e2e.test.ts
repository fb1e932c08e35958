import type { WorldInput } from '../../src/github-double/world-schema.js';
import { OWNERS_MONOREPO } from '../areas/area-fixtures.js';
import { startWorld, type WorldHarness } from '../support/github-world.js';
import { BACKENDS } from '../support/stores.js';
import { pluginCalls } from './support/prow-deliveries.js';
import { webhookExample } from '../support/webhook-examples.js';

const REPO = 'example-ack/cloud-controllers';
/** Only owners-label is under test: the other plugins that act on PR events are off. */
const OTHER_PR_PLUGINS_OFF = 'plugins:\n  approve:\n    enabled: false\n  trigger:\n    enabled: false\n';

const world: WorldInput = {
  repos: {
    [REPO]: {
      defaultBranch: 'main',
      dir: OWNERS_MONOREPO,
      files: { '.github/sheriff.yml': OTHER_PR_PLUGINS_OFF },
      // area/helm is asked for by services/ec2/OWNERS but does not exist here.
      labels: ['area/release', 'service/ec2', 'service/s3', 'lgtm'],
      issues: [
        {
          number: 7,
          title: 'Bump s3 and the ec2 chart',
          user: 'erin',
          pull: true,
          baseRef: 'main',
          labels: ['area/release', 'lgtm'],
          files: ['services/s3/pkg/resource/bucket/hooks.go', 'services/ec2/helm/templates/deployment.yaml'],
        },
        { number: 8, title: 'Docs', user: 'erin', pull: true, baseRef: 'main', files: ['docs/README.md'] },
      ],
    },
  },
};

/** A real `pull_request` payload re-pointed at a PR of the world (forwarded: no installation). */
function pullRequestEvent(action: string, number: number, labels: string[]): Record<string, unknown> {
  const payload = webhookExample<Record<string, any>>('pull_request', 'opened'); // eslint-disable-line @typescript-eslint/no-explicit-any
  payload.action = action;
  payload.number = number;
  Object.assign(payload.repository, { name: 'cloud-controllers', full_name: REPO, default_branch: 'main' });
  payload.repository.owner.login = 'example-ack';
  Object.assign(payload.pull_request, {
    number,
    body: '',
    labels: labels.map((name, i) => ({ id: i + 1, name, color: 'ededed', default: false })),
  });
  payload.pull_request.base.ref = 'main';
  delete payload.installation;
  return payload;
}

describe.each(BACKENDS)('owners-label end to end on %s', (backend) => {
  let harness: WorldHarness;

  beforeEach(async () => {
    harness = await startWorld(backend, world);
  });
  afterEach(async () => {
    await harness.close();
  });

  const handled = (count: number) => harness.waitFor(() => harness.handled.length >= count);

  it('adds the OWNERS labels of the changed files that exist in the repository, in one request, on PR open', async () => {
    await harness.send('pull_request', pullRequestEvent('opened', 7, ['area/release', 'lgtm']));
    await handled(1);
    expect(harness.double.actions()).toEqual([
      {
        method: 'POST',
        path: `/repos/${REPO}/issues/7/labels`,
        body: { labels: ['service/ec2', 'service/s3'] },
      },
    ]);
    expect(harness.double.issue(REPO, 7)?.labels).toEqual([
      'area/release',
      'lgtm',
      'service/ec2',
      'service/s3',
    ]);
    expect(pluginCalls(harness)).toEqual([
      'pulls/list-files 200',
      'git/get-tree 200',
      ...Array<string>(8).fill('git/get-blob 200'),
      'issues/list-labels-for-repo 200',
      'issues/add-labels 200',
    ]);
  });

  it('adds nothing on synchronize when the PR has them all, and never removes one', async () => {
    await harness.send(
      'pull_request',
      pullRequestEvent('synchronize', 7, ['area/release', 'lgtm', 'service/ec2', 'service/s3']),
    );
    await handled(1);
    expect(harness.double.actions()).toEqual([]);
  });

  it('ignores other actions, and does not list the repository labels when no OWNERS label applies', async () => {
    await harness.close();
    // A root OWNERS without labels: docs/README.md then needs none.
    const repo = world.repos![REPO]!;
    harness = await startWorld(backend, {
      repos: {
        [REPO]: {
          ...repo,
          files: { OWNERS: 'approvers: [kai-release]\n', '.github/sheriff.yml': OTHER_PR_PLUGINS_OFF },
        },
      },
    });
    await harness.send('pull_request', pullRequestEvent('closed', 7, []));
    await harness.send('pull_request', pullRequestEvent('reopened', 8, []));
    await handled(2);
    expect(harness.double.actions()).toEqual([]);
    expect(pluginCalls(harness)).toEqual([
      'pulls/list-files 200',
      'git/get-tree 200',
      ...Array<string>(8).fill('git/get-blob 200'),
    ]);
  });
});
