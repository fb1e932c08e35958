import { parse, stringify } from 'yaml';
import releaseTracker from '../../../plugins/release-tracker/index.js';
import retestRelease from '../../../plugins/retest-release/index.js';
import type { WorldInput } from '../../../src/github-double/world-schema.js';
import type { NoticeContext, PluginDefinition } from '../../../src/plugins/plugin-definition.js';
import type { ReleaseNotice } from '../../../src/notifications/release-notice.js';
import { definePlugin } from '../../../src/plugins/plugin-definition.js';
import { z } from 'zod';
import type { WorldHarness } from '../../support/github-world.js';
import { worldGitHubDelivery } from '../../support/webhook-examples.js';
import { deliver, type Payload } from '../support/prow-deliveries.js';

export const CONTROLLER = 'example-ack/lambda-controller';
export const COMMUNITY = 'example-ack/community';
export const MONOREPO = 'example-ack/cloud-controllers';
export const FIXTURE_SHA = 'c342365ab4634a382d40dd2532411d2f9e2a42b8';
export const PROW_JOB = 'post-lambda-controller-release';
export const ACTIONS_RUN_ID = 15136722841;
export const ACTIONS_SHA = 'e4d5e8e177edb28350fa3736f7d485fc08add0c5';
/** A release job of another App's checks, and one reported only by a plain commit status. */
export const CHECK_APP = 'Release Bot';
export const STATUS_JOB = 'release-custom';
export const OTHER_SHA = 'aa11bb22cc33dd44ee55ff6677889900aabbccdd';

const OWNERS = 'approvers: [core-ack-team]\n';
const OWNERS_ALIASES = 'aliases:\n  core-ack-team: [kai-release, lee-release]\n';

/** Notices published to plugins, in order (a subscriber standing in for Slack and webhooks). */
export const published: ReleaseNotice[] = [];

/** A plugin that only records the notices it receives. */
const noticeRecorder = definePlugin({
  name: 'notice-recorder',
  description: 'Test-only: records release notices.',
  configSchema: z.strictObject({}),
  events: [],
  commands: [],
  handleNotice(context: NoticeContext) {
    published.push(context.notice);
    return Promise.resolve();
  },
});

/** The tracker (it records the runs), `/retest-release`, and the notice recorder. */
export const PLUGINS: readonly PluginDefinition[] = [
  releaseTracker as unknown as PluginDefinition,
  retestRelease as unknown as PluginDefinition,
  noticeRecorder as unknown as PluginDefinition,
];

/**
 * ACK's layout (as in the tracker's tests): the controller's jobs are area `lambda` (OWNERS:
 * core-ack-team; config adds ana-lambda), its tracking issues go to `community`. The monorepo
 * releases with Actions, another App's check suite and a plain status.
 */
export function retestWorld(retestConfig = ''): WorldInput {
  const controllerConfig = `
areas:
  lambda:
    paths: ["**"]
    jobs: [${PROW_JOB}]
    owners:
      approvers: [ana-lambda]
    severity: critical
plugins:
  release-tracker:
    issueRepo: ${COMMUNITY}
${retestConfig}`;
  const monorepoConfig = `
areas:
  lambda:
    paths: ["services/lambda/**"]
    jobs: ["publish (lambda, *)", "${CHECK_APP}", "${STATUS_JOB}"]
    owners:
      approvers: [ana-lambda]
    severity: critical
plugins:
  release-tracker:
    release:
      jobs: ["${CHECK_APP}", "${STATUS_JOB}"]
  retest-release:
    dispatch:
      fallback: true
`;
  return {
    now: '2025-05-14T17:20:00Z',
    orgs: {
      'example-ack': {
        members: ['kai-release', 'lee-release', 'ana-lambda', 'bo-lambda', 'mia-maintainer', 'wes-writer'],
        teams: { 'release-managers': ['bo-lambda'] },
      },
    },
    installations: [{ id: 61234567, account: 'example-ack' }],
    repos: {
      [CONTROLLER]: {
        defaultBranch: 'main',
        files: { OWNERS, OWNERS_ALIASES, '.github/sheriff.yml': controllerConfig },
        permissions: { 'mia-maintainer': 'maintain', 'wes-writer': 'write' },
        issues: [{ number: 41, title: 'Bump aws-sdk-go to v1.55', user: 'erin' }],
      },
      [COMMUNITY]: {
        defaultBranch: 'main',
        labels: ['kind/tests/failing', 'area/prow', 'service/lambda', 'priority/critical-urgent'],
      },
      [MONOREPO]: {
        defaultBranch: 'main',
        files: { OWNERS, OWNERS_ALIASES, '.github/sheriff.yml': monorepoConfig },
        labels: ['kind/tests/failing'],
        issues: [
          { number: 90, title: 'lambda v2.4.0 release', user: 'erin' },
          { number: 91, title: 'Fix the chart', user: 'erin', pull: true, merged: true, state: 'closed' },
        ],
        workflowRuns: [
          {
            id: ACTIONS_RUN_ID,
            name: 'release',
            headSha: ACTIONS_SHA,
            headBranch: 'lambda/v2.4.0',
            event: 'push',
            status: 'completed',
            conclusion: 'failure',
          },
        ],
        checkRuns: [{ name: 'chart-release', headSha: OTHER_SHA, conclusion: 'failure' }],
      },
    },
  };
}

/** The failed `release` workflow from the shared fixtures: its failing job, then the run. */
export async function deliverFailedReleaseWorkflow(harness: WorldHarness): Promise<void> {
  await deliver(
    harness,
    'workflow_job',
    JSON.parse(worldGitHubDelivery('workflow-job-completed-failure-publish-chart').body) as Payload,
  );
  await deliver(
    harness,
    'workflow_run',
    JSON.parse(worldGitHubDelivery('workflow-run-completed-failure-release').body) as Payload,
  );
}

/** The re-run requests the double received, of any kind, as `METHOD path`. */
export function rerunCallsOf(harness: WorldHarness): string[] {
  return harness.double
    .actions()
    .filter((action) => /\/(rerequest|rerun[^/]*|dispatches)$/.test(action.path))
    .map((action) => `${action.method} ${action.path}`);
}

/** The shared world with the monorepo's `.github/sheriff.yml` changed by `edit`. */
export function retestWorldWith(edit: (config: Payload) => void): WorldInput {
  const world = retestWorld();
  const files = world.repos![MONOREPO]!.files!;
  const config = parse(files['.github/sheriff.yml']!) as Payload;
  edit(config);
  files['.github/sheriff.yml'] = stringify(config);
  return world;
}
