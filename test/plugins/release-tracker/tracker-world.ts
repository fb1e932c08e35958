import releaseTracker from '../../../plugins/release-tracker/index.js';
import type { WorldInput } from '../../../src/github-double/world-schema.js';
import type { PluginDefinition } from '../../../src/plugins/plugin-definition.js';
import { worldGitHubDelivery } from '../../support/webhook-examples.js';

/** The tracker alone: the exact GitHub calls asserted are its own, whatever other plugins do. */
export const TRACKER_ONLY: readonly PluginDefinition[] = [releaseTracker as unknown as PluginDefinition];

export const CONTROLLER = 'example-ack/lambda-controller';
export const COMMUNITY = 'example-ack/community';
export const MONOREPO = 'example-ack/cloud-controllers';
export const FIXTURE_SHA = 'c342365ab4634a382d40dd2532411d2f9e2a42b8';
export const FIXTURE_BUILD = '1922716371049082880';
export const STATUS_FIXTURE = 'status-failure-post-lambda-controller-release';

/** POSTs the recorded failing status to a server's webhook endpoint, bytes and signature as recorded; returns the HTTP status. */
export async function postRecordedStatus(serverUrl: string): Promise<number> {
  const { body, headers } = worldGitHubDelivery(STATUS_FIXTURE);
  return (await fetch(`${serverUrl}/api/github/webhooks`, { method: 'POST', headers, body })).status;
}

const OWNERS = 'approvers: [core-ack-team]\n';
const OWNERS_ALIASES = 'aliases:\n  core-ack-team: [kai-release, lee-release]\n';

/**
 * ACK's layout: the controller's whole repository is its service area (OWNERS names only
 * core-ack-team), lambda's on-call adds one approver in config, and issues go to `community`.
 */
const CONTROLLER_CONFIG = `
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
`;

/** A monorepo releasing with GitHub Actions; its issues stay in the repository. */
const MONOREPO_CONFIG = `
areas:
  lambda:
    paths: ["services/lambda/**"]
    jobs: ["publish (lambda, *)"]
    owners:
      approvers: [ana-lambda]
    severity: critical
`;

export const TRACKER_WORLD: WorldInput = {
  now: '2025-05-14T17:20:00Z',
  orgs: {
    'example-ack': {
      members: ['kai-release', 'lee-release', 'ana-lambda', 'bo-lambda', 'release-captain-a'],
    },
  },
  installations: [{ id: 61234567, account: 'example-ack' }],
  repos: {
    [CONTROLLER]: {
      defaultBranch: 'main',
      files: { OWNERS, OWNERS_ALIASES, '.github/sheriff.yml': CONTROLLER_CONFIG },
      issues: [{ number: 41, title: 'Bump aws-sdk-go to v1.55', user: 'erin' }],
    },
    [COMMUNITY]: {
      defaultBranch: 'main',
      labels: ['kind/tests/failing', 'area/prow', 'service/lambda', 'priority/critical-urgent'],
    },
    [MONOREPO]: {
      defaultBranch: 'main',
      files: { OWNERS, OWNERS_ALIASES, '.github/sheriff.yml': MONOREPO_CONFIG },
      labels: ['kind/tests/failing'],
    },
  },
};

/** The shared crier status, re-pointed at another build of the same job (another run). */
export function crierStatus(
  build: number,
  state: 'failure' | 'success',
  options: { sha?: string; at?: string } = {},
): Record<string, unknown> {
  const payload = JSON.parse(worldGitHubDelivery(STATUS_FIXTURE).body) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  const sha = options.sha ?? FIXTURE_SHA;
  const at = options.at ?? new Date(Date.parse('2025-05-14T17:19:40Z') + build * 60_000).toISOString();
  payload.id = 36721988142 + build;
  payload.state = state;
  payload.sha = sha;
  payload.commit.sha = sha;
  payload.description = `${state === 'success' ? 'Job succeeded.' : 'Job failed.'} BaseSHA:${sha}`;
  payload.target_url = `https://prow.example-ack.dev/view/s3/example-ack-prow-logs/logs/post-lambda-controller-release/${BigInt(FIXTURE_BUILD) + BigInt(build)}`;
  payload.created_at = at;
  payload.updated_at = at;
  return payload;
}
