import { z } from 'zod';
import type { WorldInput } from '../../../src/github-double/world-schema.js';
import type { ReleaseNotice } from '../../../src/notifications/release-notice.js';
import { definePlugin, type PluginDefinition } from '../../../src/plugins/plugin-definition.js';
import { worldGitHubDelivery } from '../../support/webhook-examples.js';
import { COMMUNITY, STATUS_FIXTURE, TRACKER_ONLY } from './tracker-world.js';

/** Thirty ACK service controllers (the ECR outage of the issue failed 77 of them at once). */
export const SERVICES = [
  'acm', 'apigatewayv2', 'applicationautoscaling', 'cloudtrail', 'cloudwatch', 'dynamodb', 'ec2',
  'ecr', 'eks', 'elasticache', 'emrcontainers', 'eventbridge', 'iam', 'kafka', 'keyspaces', 'kms',
  'lambda', 'memorydb', 'mq', 'networkfirewall', 'opensearchservice', 'pipes', 'prometheusservice',
  'rds', 'route53', 's3', 'sagemaker', 'sfn', 'sns', 'sqs',
] as const; // prettier-ignore

/** Every controller files its issues in `community`, with storm control at its documented defaults. */
const STORM_CONFIG = `
plugins:
  release-tracker:
    issueRepo: ${COMMUNITY}
    storm: {threshold: 10, window: 10m, hold: 2m}
`;

export const STORM_WORLD: WorldInput = {
  now: '2025-05-14T17:20:00Z',
  orgs: { 'example-ack': { members: ['kai-release', 'lee-release'] } },
  installations: [{ id: 61234567, account: 'example-ack' }],
  repos: {
    [COMMUNITY]: { defaultBranch: 'main', labels: ['kind/tests/failing', 'area/prow'] },
    ...Object.fromEntries(
      SERVICES.map((service) => [
        `example-ack/${service}-controller`,
        {
          defaultBranch: 'main',
          files: {
            OWNERS: 'approvers: [core-ack-team]\n',
            OWNERS_ALIASES: 'aliases:\n  core-ack-team: [kai-release, lee-release]\n',
            '.github/sheriff.yml': STORM_CONFIG,
          },
        },
      ]),
    ),
  },
};

/**
 * The shared crier status of `post-lambda-controller-release`, re-pointed at another controller's
 * release job (`post-<service>-controller-release`), build and time.
 */
export function controllerStatus(
  service: string,
  state: 'failure' | 'success',
  at: string,
  build = 0,
): Record<string, unknown> {
  const payload = JSON.parse(worldGitHubDelivery(STATUS_FIXTURE).body) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  const job = `post-${service}-controller-release`;
  const index = SERVICES.indexOf(service as (typeof SERVICES)[number]);
  payload.id = 36721990000 + index * 100 + build;
  payload.context = job;
  payload.state = state;
  payload.description = state === 'success' ? 'Job succeeded.' : 'Job failed.';
  payload.target_url = `https://prow.example-ack.dev/view/s3/example-ack-prow-logs/logs/${job}/${1922716371049082880n + BigInt(index * 100 + build)}`;
  payload.name = `example-ack/${service}-controller`;
  payload.repository.name = `${service}-controller`;
  payload.repository.full_name = `example-ack/${service}-controller`;
  payload.repository.id = 356114471 + index;
  payload.created_at = at;
  payload.updated_at = at;
  return payload;
}

/** A plugin that only records the notices published to it, as the Slack plugin would receive them. */
export function noticeRecorder(): { plugin: PluginDefinition; notices: ReleaseNotice[] } {
  const notices: ReleaseNotice[] = [];
  const plugin = definePlugin({
    name: 'notice-recorder',
    description: 'Records the release notices it is given (tests).',
    configSchema: z.strictObject({}).prefault({}),
    events: [],
    commands: [],
    async handleNotice({ notice }) {
      notices.push(notice);
    },
  }) as unknown as PluginDefinition;
  return { plugin, notices };
}

export const STORM_PLUGINS = (recorder: PluginDefinition): readonly PluginDefinition[] => [
  ...TRACKER_ONLY,
  recorder,
];
