import type { WorldInput } from '../../src/github-double/world-schema.js';
import { startWorld, type WorldHarness } from '../support/github-world.js';
import { BACKENDS } from '../support/stores.js';
import { WORLD_FIXTURE_SECRET, worldGitHubDelivery } from '../support/webhook-examples.js';
import {
  COMMUNITY,
  CONTROLLER,
  crierStatus,
  postRecordedStatus,
  STATUS_FIXTURE,
  TRACKER_ONLY,
  TRACKER_WORLD,
} from './release-tracker/tracker-world.js';

/** The controller of the tracker's world, with ACK's release pipeline declared as stages. */
const STAGES_CONFIG = `
areas:
  lambda:
    paths: ["**"]
    jobs: [post-lambda-controller-release, update-ack-chart, lambda-controller-olm-bundle-pr]
    owners:
      approvers: [ana-lambda]
    severity: critical
plugins:
  release-tracker:
    issueRepo: ${COMMUNITY}
    release:
      jobs: [update-ack-chart, "*-olm-bundle-pr"]
    stages:
      - {name: git-tag, jobs: ["*-controller-release-tag"]}
      - {name: image-build, jobs: ["post-*-controller-release"], needs: [git-tag]}
      - {name: image-push, jobs: ["post-*-controller-release"], needs: [image-build]}
      - {name: helm-publish, jobs: ["post-*-controller-release"], needs: [image-push]}
      - {name: olm-bundle, jobs: ["*-controller-olm-bundle-pr"], needs: [helm-publish]}
      - {name: umbrella-chart, jobs: [update-ack-chart], needs: [helm-publish]}
`;

const STAGES_WORLD: WorldInput = {
  ...TRACKER_WORLD,
  repos: {
    ...TRACKER_WORLD.repos,
    [CONTROLLER]: {
      ...TRACKER_WORLD.repos![CONTROLLER]!,
      files: { ...TRACKER_WORLD.repos![CONTROLLER]!.files, '.github/sheriff.yml': STAGES_CONFIG },
    },
  },
};

/** The crier status of another job of the controller, for the fixture's commit (or another). */
function jobStatus(job: string, build: number, state: 'failure' | 'success', sha?: string) {
  const payload = crierStatus(build, state, sha ? { sha } : {});
  payload.context = job;
  payload.target_url = `https://prow.example-ack.dev/view/s3/example-ack-prow-logs/logs/${job}/${build}`;
  return payload;
}

describe.each(BACKENDS)('release stages end to end on %s', (backend) => {
  let harness: WorldHarness;

  beforeEach(async () => {
    harness = await startWorld(backend, STAGES_WORLD, {
      env: { WEBHOOK_SECRETS: WORLD_FIXTURE_SECRET },
      extra: { plugins: TRACKER_ONLY },
    });
  });
  afterEach(async () => {
    await harness.close();
  });

  const settled = (count: number) => harness.waitFor(() => harness.handled.length >= count);
  const issueNumbers = () => [...harness.double.state.repos.get(COMMUNITY)!.issues.keys()];

  it('folds the umbrella-chart failure into the failing release job’s issue as "blocked by"', async () => {
    expect(await postRecordedStatus(harness.url)).toBe(202);
    await settled(1);
    expect(issueNumbers()).toEqual([1]);
    expect(harness.double.issue(COMMUNITY, 1)!.body).toContain(
      '- **Release stages**: git-tag ✓ → image-build ✗ (or a later stage of the same job: see the logs) → image-push (blocked) → helm-publish (blocked) → olm-bundle (blocked) → umbrella-chart (blocked)',
    );
    harness.double.clearRequests();

    // update-ack-chart runs on the same tag commit and fails: the chart it bumps was never published.
    await harness.send('status', jobStatus('update-ack-chart', 7, 'failure'));
    await settled(2);
    expect(issueNumbers()).toEqual([1]);
    expect(harness.double.actions().map((action) => `${action.method} ${action.path}`)).toEqual([
      `POST /repos/${COMMUNITY}/issues/1/comments`,
    ]);
    const comments = harness.double.comments(COMMUNITY, 1);
    expect(comments).toHaveLength(1);
    expect(comments[0]!.body).toContain(
      '`update-ack-chart` (`example-ack/lambda-controller`) failed too for commit `c342365ab463`: [logs](https://prow.example-ack.dev/view/s3/example-ack-prow-logs/logs/update-ack-chart/7). It is blocked by this failure (stage `image-build` comes before it)',
    );

    // Its next failure on the same commit adds nothing.
    await harness.send('status', jobStatus('update-ack-chart', 8, 'failure'));
    await settled(3);
    expect(harness.double.comments(COMMUNITY, 1)).toHaveLength(1);
    expect(issueNumbers()).toEqual([1]);
  });

  it('files a downstream failure of another commit on its own', async () => {
    const { body, headers } = worldGitHubDelivery(STATUS_FIXTURE);
    await fetch(`${harness.url}/api/github/webhooks`, { method: 'POST', headers, body });
    await settled(1);
    await harness.send('status', jobStatus('lambda-controller-olm-bundle-pr', 9, 'failure', 'ab'.repeat(20)));
    await settled(2);
    expect(issueNumbers()).toEqual([1, 2]);
    expect(harness.double.issue(COMMUNITY, 2)!.title).toBe(
      '[release-failure] lambda-controller abababababab: lambda-controller-olm-bundle-pr failed',
    );
    expect(harness.double.issue(COMMUNITY, 2)!.body).toContain(
      '- **Release stages**: git-tag ✓ → image-build ✓ → image-push ✓ → helm-publish ✓ → olm-bundle ✗',
    );
    expect(harness.double.comments(COMMUNITY, 1)).toEqual([]);
  });
});
