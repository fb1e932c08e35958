import { readFileSync } from 'node:fs';
import { classifyRelease } from '../../../plugins/release-tracker/classify-release.js';
import { mergeJobRuns } from '../../../plugins/release-tracker/job-run.js';
import { normalizeSignal } from '../../../plugins/release-tracker/normalize-signal.js';
import { prowJobTypeFromName } from '../../../plugins/release-tracker/prow-job-type.js';
import { trackingKeyOf } from '../../../plugins/release-tracker/tracking-key.js';
import { sharedFixturePath, webhookExample, worldGitHubDelivery } from '../../support/webhook-examples.js';
import { aConfig, aRun } from './tracker-builders.js';

const world = (name: string): unknown => JSON.parse(worldGitHubDelivery(name).body);
/** A fresh copy of the shared ProwJob fixture, free to modify. */
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const prowjob = (): Json =>
  JSON.parse(
    readFileSync(
      sharedFixturePath('world', 'prow', 'prowjob-post-lambda-controller-release-failure.json'),
      'utf8',
    ),
  ) as Json;

describe('normalising signals into one JobRun', () => {
  it('reads a crier status: context is the job, the Deck URL gives the build, BaseSHA the commit', () => {
    expect(normalizeSignal('status', world('status-failure-post-lambda-controller-release'))).toEqual({
      runId: 'prow:post-lambda-controller-release:1922716371049082880',
      source: 'status',
      system: 'prow',
      repository: 'example-ack/lambda-controller',
      job: 'post-lambda-controller-release',
      jobType: 'postsubmit',
      sha: 'c342365ab4634a382d40dd2532411d2f9e2a42b8',
      // The tag commit is not the head of main, the only branch GitHub lists.
      ref: null,
      defaultBranch: 'main',
      state: 'failure',
      url: 'https://prow.example-ack.dev/view/s3/example-ack-prow-logs/logs/post-lambda-controller-release/1922716371049082880',
      startedAt: null,
      finishedAt: '2025-05-14T17:19:40.000Z',
      buildId: '1922716371049082880',
      stage: null,
    });
  });

  it('reads the posted ProwJob of the same build as the same run, with its type, tag and times', () => {
    const run = normalizeSignal('prowjob', prowjob());
    expect(run).toMatchObject({
      runId: 'prow:post-lambda-controller-release:1922716371049082880',
      source: 'prowjob',
      jobType: 'postsubmit',
      ref: 'v1.7.3',
      sha: 'c342365ab4634a382d40dd2532411d2f9e2a42b8',
      startedAt: '2025-05-14T17:01:05.000Z',
      finishedAt: '2025-05-14T17:19:37.000Z',
    });
  });

  it('maps ProwJob states: aborted and pending are not failures', () => {
    const job = prowjob();
    job.status.state = 'aborted';
    expect(normalizeSignal('prowjob', job)?.state).toBe('aborted');
    job.status.state = 'pending';
    expect(normalizeSignal('prowjob', job)?.state).toBe('pending');
  });

  it('reads a periodic whose repository is in extra_refs', () => {
    const job = prowjob();
    job.spec.type = 'periodic';
    delete job.spec.refs;
    expect(normalizeSignal('prowjob', job)).toMatchObject({
      jobType: 'periodic',
      repository: 'example-ack/test-infra',
      ref: 'main',
    });
  });

  it('reads a failed release workflow run: the workflow is the job, the tag its ref', () => {
    expect(normalizeSignal('workflow_run', world('workflow-run-completed-failure-release'))).toMatchObject({
      runId: 'actions:example-ack/cloud-controllers:15136722841:1',
      system: 'actions',
      job: 'release',
      jobType: 'push',
      ref: 'lambda/v2.4.0',
      defaultBranch: 'main',
      state: 'failure',
      stage: null,
    });
  });

  it('takes the failing stage from workflow_job: the job and its first failed step', () => {
    const run = normalizeSignal('workflow_job', world('workflow-job-completed-failure-publish-chart'));
    expect(run).toMatchObject({
      runId: 'actions:example-ack/cloud-controllers:15136722841:1',
      job: 'release',
      state: 'pending',
      stage: 'publish (lambda, helm-chart) › Push Helm chart to oci://public.ecr.aws/example-ack',
    });
  });

  it('merges the stage into the run the workflow_run completes, whichever arrives first', () => {
    const stage = normalizeSignal('workflow_job', world('workflow-job-completed-failure-publish-chart'))!;
    const run = normalizeSignal('workflow_run', world('workflow-run-completed-failure-release'))!;
    expect(mergeJobRuns(stage, run)).toMatchObject({ state: 'failure', jobType: 'push', stage: stage.stage });
    expect(mergeJobRuns(run, stage)).toMatchObject({ state: 'failure', jobType: 'push', stage: stage.stage });
  });

  it('ignores unfinished workflow runs, successful workflow jobs, and GitHub Actions check runs', () => {
    const running = webhookExample<Record<string, any>>('workflow_run', 'requested'); // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(normalizeSignal('workflow_run', running)).toBeUndefined();
    const job = world('workflow-job-completed-failure-publish-chart') as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    job.workflow_job.conclusion = 'success';
    expect(normalizeSignal('workflow_job', job)).toBeUndefined();
    const check = webhookExample<Record<string, any>>('check_run', 'completed'); // eslint-disable-line @typescript-eslint/no-explicit-any
    check.check_run.app.slug = 'github-actions';
    expect(normalizeSignal('check_run', check)).toBeUndefined();
  });

  it('reads a check run of another App as a job of unknown type; on a pull request it is a presubmit', () => {
    const check = webhookExample<Record<string, any>>('check_run', 'completed'); // eslint-disable-line @typescript-eslint/no-explicit-any
    check.check_run.app.slug = 'release-bot';
    check.check_run.pull_requests = [];
    expect(normalizeSignal('check_run', check)).toMatchObject({ source: 'check_run', jobType: 'unknown' });
    check.check_run.pull_requests = [{ number: 1 }];
    expect(normalizeSignal('check_run', check)?.jobType).toBe('pull_request');
  });
});

describe('which runs are release runs', () => {
  const policy = aConfig().release;

  it.each([
    ['a Prow postsubmit', aRun(0), true],
    ['a Prow periodic', aRun(0, { jobType: 'periodic' }), true],
    ['a Prow presubmit, even when named in release.jobs', aRun(0, { jobType: 'presubmit' }), false],
    ['a Prow status of unknown type', aRun(0, { jobType: 'unknown', job: 'update-ack-chart' }), false],
    [
      'an Actions push of a tag',
      aRun(0, { system: 'actions', jobType: 'push', ref: 'lambda/v2.4.0', defaultBranch: 'main' }),
      true,
    ],
    [
      'an Actions push to the default branch',
      aRun(0, { system: 'actions', jobType: 'push', ref: 'main', defaultBranch: 'main' }),
      true,
    ],
    [
      'an Actions push to a feature branch',
      aRun(0, { system: 'actions', jobType: 'push', ref: 'fix-ci', defaultBranch: 'main' }),
      false,
    ],
    ['a scheduled workflow', aRun(0, { system: 'actions', jobType: 'schedule', ref: 'main' }), true],
    ['a workflow on a pull request', aRun(0, { system: 'actions', jobType: 'pull_request' }), false],
    [
      'a manually dispatched workflow',
      aRun(0, { system: 'actions', jobType: 'manual', ref: 'main', defaultBranch: 'main' }),
      false,
    ],
  ])('%s: %s', (_name, run, release) => {
    expect(classifyRelease(run, { ...policy, jobs: ['*-pull-*', ...policy.jobs] }).release).toBe(release);
  });

  it('takes jobs named in release.jobs (glob or /regex/) and drops release.ignore', () => {
    const named = aRun(0, { jobType: 'unknown', job: 'update-ack-chart' });
    expect(classifyRelease(named, { ...policy, jobs: ['update-ack-chart'] })).toEqual({
      release: true,
      reason: 'named in release.jobs',
    });
    expect(classifyRelease(named, { ...policy, jobs: ['/^update-/'] }).release).toBe(true);
    expect(classifyRelease(aRun(0), { ...policy, ignore: ['post-*'] }).release).toBe(false);
    expect(classifyRelease(aRun(0), { ...policy, defaults: false }).release).toBe(false);
  });

  it('guesses Prow job types from ACK and Kubernetes naming', () => {
    expect(
      [
        'pull-widgets-unit',
        'post-lambda-controller-release',
        'lambda-post-submit',
        'ci-kops-e2e',
        'periodic-stale',
        'lambda-kind-e2e',
      ].map(prowJobTypeFromName),
    ).toEqual(['presubmit', 'postsubmit', 'postsubmit', 'periodic', 'periodic', 'unknown']);
  });
});

describe('the tracking key', () => {
  it('is repository and job (the repository always: update-ack-chart exists in every controller repo)', () => {
    expect(trackingKeyOf(aRun(0, { repository: 'Example-ACK/Lambda-Controller' }), 'repo+job')).toBe(
      'example-ack/lambda-controller/post-lambda-controller-release',
    );
  });

  it('can add the ref, and encodes what a marker cannot hold', () => {
    expect(trackingKeyOf(aRun(0), 'repo+job+ref')).toBe(
      'example-ack/lambda-controller/post-lambda-controller-release@v1.7.3',
    );
    expect(trackingKeyOf(aRun(0, { job: 'Release Chart', ref: 'lambda/v2.4.0' }), 'repo+job+ref')).toBe(
      'example-ack/lambda-controller/Release%20Chart@lambda%2Fv2.4.0',
    );
  });
});
