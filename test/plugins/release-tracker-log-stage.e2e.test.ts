import type { WorldInput } from '../../src/github-double/world-schema.js';
import { startWorld, type WorldHarness } from '../support/github-world.js';
import { BACKENDS } from '../support/stores.js';
import { WORLD_FIXTURE_SECRET } from '../support/webhook-examples.js';
import {
  type BuildLogServer,
  FIXTURE_BUILD_LOG,
  startBuildLogServer,
} from './release-tracker/build-log-server.js';
import {
  COMMUNITY,
  CONTROLLER,
  FIXTURE_BUILD,
  postRecordedStatus,
  TRACKER_ONLY,
  TRACKER_WORLD,
} from './release-tracker/tracker-world.js';

const LOG_PATH = `/logs/post-lambda-controller-release/${FIXTURE_BUILD}/build-log.txt`;

/** ACK's release pipeline with the markers of `release-controller.sh`, logs on a loopback gcsweb. */
function logStagesWorld(logServer: string): WorldInput {
  const config = `
areas:
  lambda:
    paths: ["**"]
    jobs: [post-lambda-controller-release]
    owners:
      approvers: [ana-lambda]
    severity: critical
plugins:
  release-tracker:
    issueRepo: ${COMMUNITY}
    buildLog:
      url: "${logServer}/logs/{job}/{build}/build-log.txt"
    stages:
      - {name: git-tag, jobs: ["*-controller-release-tag"]}
      - name: image-build
        jobs: ["post-*-controller-release"]
        needs: [git-tag]
        logMarkers: ["/^building '[a-z0-9-]+' controller docker image/"]
      - name: image-push
        jobs: ["post-*-controller-release"]
        needs: [image-build]
        logMarkers: ["controller image with tag:"]
      - name: helm-publish
        jobs: ["post-*-controller-release"]
        needs: [image-push]
        logMarkers: ["Generating Helm chart package for"]
`;
  return {
    ...TRACKER_WORLD,
    repos: {
      ...TRACKER_WORLD.repos,
      [CONTROLLER]: {
        ...TRACKER_WORLD.repos![CONTROLLER]!,
        files: { ...TRACKER_WORLD.repos![CONTROLLER]!.files, '.github/sheriff.yml': config },
      },
    },
  };
}

describe.each(BACKENDS)('release stages from the build log, end to end on %s', (backend) => {
  let harness: WorldHarness;
  let logs: BuildLogServer;

  async function start(served: Record<string, string>): Promise<void> {
    logs = await startBuildLogServer(served);
    harness = await startWorld(backend, logStagesWorld(logs.url), {
      env: { WEBHOOK_SECRETS: WORLD_FIXTURE_SECRET, OUTBOUND_ALLOWED_HOSTS: '127.0.0.1' },
      extra: { plugins: TRACKER_ONLY },
    });
  }
  afterEach(async () => {
    await harness.close();
    await logs.close();
  });

  async function deliverCrierFailure(): Promise<void> {
    expect(await postRecordedStatus(harness.url)).toBe(202);
    await harness.waitFor(() => harness.handled.length >= 1);
  }

  it('opens the issue at the stage whose marker the log shows last: image push', async () => {
    await start({ [LOG_PATH]: FIXTURE_BUILD_LOG });
    await deliverCrierFailure();

    expect(logs.requests).toEqual([{ path: LOG_PATH, range: 'bytes=-1048576' }]);
    const issue = harness.double.issue(COMMUNITY, 1)!;
    expect(issue.title).toMatch(/: post-lambda-controller-release failed at stage image-push$/);
    expect(issue.body).toContain('- **Failing stage**: `image-push`');
    expect(issue.body).toContain(
      '- **Release stages**: git-tag ✓ → image-build ✓ → image-push ✗ → helm-publish (blocked)\n',
    );
  });

  it('keeps the earliest stage as a guess, and says why, when the log cannot be read', async () => {
    await start({});
    await deliverCrierFailure();

    expect(logs.requests.map((request) => request.path)).toEqual([LOG_PATH]);
    const issue = harness.double.issue(COMMUNITY, 1)!;
    expect(issue.title).toMatch(/: post-lambda-controller-release failed$/);
    expect(issue.body).toContain(
      '- **Release stages**: git-tag ✓ → image-build ✗ (or a later stage of the same job: the build log could not be read; see the logs) → image-push (blocked) → helm-publish (blocked)\n',
    );
  });
});
