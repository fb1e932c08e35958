import { readFileSync } from 'node:fs';
import type { WorldInput } from '../../../src/github-double/world-schema.js';
import { sharedFixturePath } from '../../support/webhook-examples.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = Record<string, any>;

export const CONTROLLER = 'example-ack/lambda-controller';
export const COMMUNITY = 'example-ack/community';
/** The canary of the Flagger fixtures, as the tracker names it: `<cluster>/<namespace>/<name>`. */
export const CANARY = 'prod-us-west-2/ack-system/lambda-controller';
export const SOAK_JOB = 'periodic-lambda-soak';

/** The Flagger fixtures, in the order Flagger sends them for one rollback (by their timestamps). */
export const FLAGGER_ROLLBACK_ORDER = [
  'event-progressing-rolling-back-progress-deadline',
  'event-failed-canary-failed-scaling-down',
  'post-rollout-failed',
  'event-failed-progress-deadline',
] as const;

export function flaggerFixture(name: string): Json {
  return JSON.parse(readFileSync(sharedFixturePath('world', 'flagger', `${name}.json`), 'utf8')) as Json;
}

/** The successful post-rollout fixture (s3-controller's), re-pointed at lambda-controller's next revision. */
export function lambdaPromoted(checksum = '9x2lqz4c8w'): Json {
  const payload = flaggerFixture('post-rollout-succeeded');
  payload.name = 'lambda-controller';
  payload.checksum = checksum;
  payload.metadata.service_area = 'lambda';
  return payload;
}

/**
 * A deadline warning that does not roll back: the progress-deadline fixture as Flagger before
 * 1.36.1 re-emits it every interval while stuck in `Promoting` (fluxcd/flagger#1591).
 */
export function stuckPromoting(minute: number): Json {
  const payload = flaggerFixture('event-failed-progress-deadline');
  payload.phase = 'Promoting';
  payload.metadata.eventMessage =
    'Halt advancement lambda-controller-primary.ack-system not ready: deployment "lambda-controller-primary" exceeded its progress deadline';
  payload.metadata.timestamp = String(Number(payload.metadata.timestamp) + minute * 60_000);
  return payload;
}

/** The shared ProwJob fixture, turned into a run of the periodic soak job. */
export function soakProwJob(state: 'success' | 'failure', completion: string, build: number): Json {
  const job = JSON.parse(
    readFileSync(
      sharedFixturePath('world', 'prow', 'prowjob-post-lambda-controller-release-failure.json'),
      'utf8',
    ),
  ) as Json;
  job.metadata.name = `soak-${build}`;
  job.spec.type = 'periodic';
  job.spec.job = SOAK_JOB;
  job.spec.extra_refs = [job.spec.refs];
  delete job.spec.refs;
  job.status.state = state;
  job.status.build_id = String(1922716371049082880n + BigInt(build));
  job.status.url = `https://prow.example-ack.dev/view/s3/example-ack-prow-logs/logs/${SOAK_JOB}/${job.status.build_id}`;
  job.status.startTime = new Date(Date.parse(completion) - 600_000).toISOString();
  job.status.completionTime = completion;
  return job;
}

const OWNERS = 'approvers: [core-ack-team]\n';
const OWNERS_ALIASES = 'aliases:\n  core-ack-team: [kai-release, lee-release]\n';

/**
 * ACK's lambda controller, whose canary runs in prod-us-west-2: the canary is in the lambda area
 * (by its tracker name), issues go to `community`, and the soak periodic must succeed every 3
 * days. With `markerUrl`, a version marker (served by the test) must change every 3 days too.
 */
export function watchWorld(markerUrl?: string): WorldInput {
  const marker = markerUrl ? `\n      - {marker: "${markerUrl}", within: 3d, producerJob: ${SOAK_JOB}}` : '';
  const config = `
areas:
  lambda:
    paths: ["**"]
    jobs: [post-lambda-controller-release, "*/ack-system/lambda-controller"]
    owners:
      approvers: [ana-lambda]
    severity: critical
plugins:
  release-tracker:
    issueRepo: ${COMMUNITY}
    freshness:
      - {job: ${SOAK_JOB}, within: 3d}${marker}
`;
  return {
    now: '2025-05-21T14:00:00Z',
    orgs: { 'example-ack': { members: ['kai-release', 'lee-release', 'ana-lambda'] } },
    installations: [{ id: 61234567, account: 'example-ack' }],
    repos: {
      [CONTROLLER]: {
        defaultBranch: 'main',
        files: { OWNERS, OWNERS_ALIASES, '.github/sheriff.yml': config },
      },
      [COMMUNITY]: {
        defaultBranch: 'main',
        labels: ['kind/tests/failing', 'service/lambda', 'priority/critical-urgent', 'sheriff/tracking'],
      },
    },
  };
}
