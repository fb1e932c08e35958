import { chooseBackend } from '../../src/rerun/choose-backend.js';
import { dispatchPayloadOf } from '../../src/rerun/dispatch-backend.js';
import { gangwayRequestOf } from '../../src/rerun/gangway-backend.js';
import type { RerunTarget } from '../../src/rerun/rerun-backend.js';

const SHA = 'c342365ab4634a382d40dd2532411d2f9e2a42b8';

const prow: RerunTarget = {
  runId: 'prow:post-lambda-controller-release:1922716371049082880',
  source: 'status',
  system: 'prow',
  repository: 'example-ack/lambda-controller',
  job: 'post-lambda-controller-release',
  jobType: 'postsubmit',
  sha: SHA,
  ref: 'v1.7.3',
  defaultBranch: 'main',
  url: 'https://prow.example-ack.dev/view/s3/logs/post-lambda-controller-release/1922716371049082880',
  buildId: '1922716371049082880',
};
const options = { gangway: true, dispatchJob: false, dispatchFallback: false };

describe('choosing the backend from the stored run', () => {
  it.each([
    ['an Actions workflow run', { system: 'actions', source: 'workflow_run' }, 'actions'],
    ['a check suite', { system: 'checks', source: 'check_suite' }, 'check-suite'],
    ['a check run', { system: 'checks', source: 'check_run' }, 'check-run'],
    ['a Prow build', {}, 'gangway'],
  ])('re-runs %s with its own backend', (_what, overrides, backend) => {
    expect(chooseBackend({ ...prow, ...overrides }, options)).toEqual({ backend });
  });

  it('sends a job config names to repository_dispatch, whatever ran it', () => {
    expect(chooseBackend({ ...prow, system: 'actions' }, { ...options, dispatchJob: true })).toEqual({
      backend: 'dispatch',
    });
  });

  it('says why a Prow run cannot be re-run without Gangway, unless the fallback is on', () => {
    expect(chooseBackend(prow, { ...options, gangway: false })).toEqual({
      backend: null,
      reason: 'Gangway is not configured here (`GANGWAY_URL`)',
    });
    expect(chooseBackend(prow, { ...options, gangway: false, dispatchFallback: true })).toEqual({
      backend: 'dispatch',
    });
  });

  it('cannot re-run a plain commit status without the fallback', () => {
    const status = { ...prow, system: 'statuses' };
    expect(chooseBackend(status, options)).toMatchObject({ backend: null });
    expect(chooseBackend(status, { ...options, dispatchFallback: true })).toEqual({ backend: 'dispatch' });
  });
});

describe('the Gangway request for a stored Prow run', () => {
  it('is a postsubmit with the run’s refs', () => {
    expect(gangwayRequestOf(prow)).toEqual({
      ok: true,
      request: {
        job_name: 'post-lambda-controller-release',
        job_execution_type: 'POSTSUBMIT',
        refs: {
          org: 'example-ack',
          repo: 'lambda-controller',
          repo_link: 'https://github.com/example-ack/lambda-controller',
          base_ref: 'v1.7.3',
          base_sha: SHA,
        },
      },
    });
  });

  it('falls back to the default branch when the run names no ref', () => {
    const built = gangwayRequestOf({ ...prow, ref: null });
    expect(built.ok && built.request.refs?.base_ref).toBe('main');
  });

  it('has no refs for a periodic', () => {
    expect(gangwayRequestOf({ ...prow, jobType: 'periodic' })).toEqual({
      ok: true,
      request: { job_name: 'post-lambda-controller-release', job_execution_type: 'PERIODIC' },
    });
  });

  it.each([
    ['a presubmit', { jobType: 'presubmit' }, 'its Prow job type is presubmit, not a postsubmit or periodic'],
    ['a short SHA', { sha: 'c342365' }, 'the run names no full commit SHA'],
    ['no ref at all', { ref: null, defaultBranch: null }, 'the run names no branch or tag'],
  ])('is refused for %s', (_what, overrides, reason) => {
    expect(gangwayRequestOf({ ...prow, ...overrides })).toEqual({ ok: false, reason });
  });
});

describe('the repository_dispatch payload', () => {
  it('carries the run under `run`, who asked, where, and the request id, in at most 10 top-level keys', () => {
    const payload = dispatchPayloadOf(prow, {
      login: 'ana-lambda',
      context: 'example-ack/community#1',
      requestId: 'd-1',
    });
    expect(payload).toEqual({
      version: 1,
      job: 'post-lambda-controller-release',
      run: {
        id: prow.runId,
        system: 'prow',
        source: 'status',
        job_type: 'postsubmit',
        sha: SHA,
        ref: 'v1.7.3',
        build_id: '1922716371049082880',
        url: prow.url,
      },
      requested_by: 'ana-lambda',
      context: 'example-ack/community#1',
      request_id: 'd-1',
    });
    expect(Object.keys(payload).length).toBeLessThanOrEqual(10);
  });
});
