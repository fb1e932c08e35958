import type { JobRun } from '../../../plugins/release-tracker/job-run.js';
import type { TrackerPolicy } from '../../../plugins/release-tracker/reconcile.js';
import {
  type ReleaseTrackerConfig,
  releaseTrackerConfigSchema,
} from '../../../plugins/release-tracker/release-tracker-config.js';
import {
  type HumanMarks,
  initialTrackerState,
  NO_MARKS,
  type TrackerRouting,
  type TrackerSnapshot,
} from '../../../plugins/release-tracker/tracker-state.js';

export const KEY = 'example-ack/lambda-controller/post-lambda-controller-release';

/** A Prow postsubmit run of the shared story's job; `n` moves it `n` hours after the first failure. */
export function aRun(n: number, overrides: Partial<JobRun> = {}): JobRun {
  const at = new Date(Date.parse('2025-05-14T17:19:37Z') + n * 3_600_000).toISOString();
  return {
    runId: `prow:post-lambda-controller-release:${1922716371049082880n + BigInt(n)}`,
    source: 'prowjob',
    system: 'prow',
    repository: 'example-ack/lambda-controller',
    job: 'post-lambda-controller-release',
    jobType: 'postsubmit',
    sha: `c342365ab4634a382d40dd2532411d2f9e2a${String(n).padStart(4, '0')}`,
    ref: 'v1.7.3',
    defaultBranch: null,
    state: 'failure',
    url: `https://prow.example-ack.dev/view/s3/example-ack-prow-logs/logs/post-lambda-controller-release/${n}`,
    startedAt: null,
    finishedAt: at,
    buildId: String(n),
    stage: null,
    ...overrides,
  };
}

export function aConfig(overrides: Record<string, unknown> = {}): ReleaseTrackerConfig {
  return releaseTrackerConfigSchema.parse({ issueRepo: 'example-ack/community', ...overrides });
}

export function aPolicy(overrides: Record<string, unknown> = {}): TrackerPolicy {
  return aConfig(overrides);
}

export const ROUTING: TrackerRouting = {
  area: 'lambda',
  severity: 'critical',
  owners: [
    { handle: 'kai-release', kind: 'login', reason: 'approver of area `lambda` (`OWNERS`)' },
    { handle: 'lee-release', kind: 'login', reason: 'approver of area `lambda` (`OWNERS`)' },
    { handle: 'example-ack/prow-oncall', kind: 'team', reason: 'approver of area `lambda` (config)' },
  ],
};

export function aSnapshot(marks: Partial<HumanMarks> = {}): TrackerSnapshot {
  return { key: KEY, state: initialTrackerState(aRun(0)), marks: { ...NO_MARKS, ...marks } };
}

/** ACK's release pipeline (world.md 1.3) as `plugins.release-tracker.stages`. */
export const ACK_STAGES = releaseTrackerConfigSchema.parse({
  stages: [
    { name: 'git-tag', jobs: ['*-controller-release-tag'] },
    { name: 'image-build', jobs: ['post-*-controller-release', 'publish (*, image)'], needs: ['git-tag'] },
    {
      name: 'image-push',
      jobs: ['post-*-controller-release', 'publish (*, image)'],
      steps: ['* › Push image*'],
      needs: ['image-build'],
    },
    {
      name: 'helm-publish',
      jobs: ['post-*-controller-release', 'publish (*, helm-chart)'],
      steps: ['* › Push Helm chart*'],
      needs: ['image-push'],
    },
    { name: 'olm-bundle', jobs: ['*-controller-olm-bundle-pr'], needs: ['helm-publish'] },
    { name: 'umbrella-chart', jobs: ['update-ack-chart'], needs: ['helm-publish'] },
  ],
}).stages;
