import { buildLogUrl } from '../../../plugins/release-tracker/build-log-url.js';
import { fetchBuildLogTail } from '../../../plugins/release-tracker/fetch-build-log-tail.js';
import type { JobRun } from '../../../plugins/release-tracker/job-run.js';
import { learnStageFromLog } from '../../../plugins/release-tracker/learn-stage-from-log.js';
import { stageFromLog } from '../../../plugins/release-tracker/log-marker.js';
import { releaseTrackerConfigSchema } from '../../../plugins/release-tracker/release-tracker-config.js';
import { createLogger } from '../../../src/logging/logger.js';
import { type BuildLogServer, FIXTURE_BUILD_LOG, startBuildLogServer } from './build-log-server.js';

/** ACK's release job as three stages, with the markers of `release-controller.sh` (world notes 1.3). */
const STAGES = [
  { name: 'git-tag', jobs: ['*-controller-release-tag'] },
  {
    name: 'image-build',
    jobs: ['post-*-controller-release'],
    needs: ['git-tag'],
    logMarkers: ["/^building '[a-z0-9-]+' controller docker image/"],
  },
  {
    name: 'image-push',
    jobs: ['post-*-controller-release'],
    needs: ['image-build'],
    logMarkers: ['controller image with tag:'],
  },
  {
    name: 'helm-publish',
    jobs: ['post-*-controller-release'],
    needs: ['image-push'],
    logMarkers: ['Generating Helm chart package for'],
  },
];
const LOG_PATH = '/logs/post-lambda-controller-release/1922716371049082880/build-log.txt';

function configWith(url: string) {
  return releaseTrackerConfigSchema.parse({ stages: STAGES, buildLog: { url } });
}

const failedRun: JobRun = {
  runId: 'prow:post-lambda-controller-release:1922716371049082880',
  source: 'status',
  system: 'prow',
  repository: 'example-ack/lambda-controller',
  job: 'post-lambda-controller-release',
  jobType: 'postsubmit',
  sha: 'c342365ab4634a382d40dd2532411d2f9e2a42b8',
  ref: null,
  defaultBranch: null,
  state: 'failure',
  url: 'https://prow.example-ack.dev/view/s3/example-ack-prow-logs/logs/post-lambda-controller-release/1922716371049082880',
  startedAt: null,
  finishedAt: '2025-05-14T17:19:40.000Z',
  buildId: '1922716371049082880',
  stage: null,
};

describe('stage detection from build-log markers', () => {
  const stages = configWith('https://logs.example.dev/{job}/{build}').stages;

  it('names image-push for the fixture log, which fails pushing the manifest after the build', () => {
    expect(stageFromLog(stages, FIXTURE_BUILD_LOG)).toBe('image-push');
  });

  it('takes the marker that comes last, not the stage declared last', () => {
    const built = FIXTURE_BUILD_LOG.slice(0, FIXTURE_BUILD_LOG.indexOf('Pushing '));
    expect(stageFromLog(stages, built)).toBe('image-build');
    const charted = `${FIXTURE_BUILD_LOG}Generating Helm chart package for lambda@v1.7.3\nError: helm push\n`;
    expect(stageFromLog(stages, charted)).toBe('helm-publish');
  });

  it('finds nothing in a log without markers', () => {
    expect(
      stageFromLog(stages, '+ cd cd/scripts\nrelease-controller.sh] Validation successful\n'),
    ).toBeNull();
  });

  it('rejects a bad marker and a bad log URL, naming the key', () => {
    const result = releaseTrackerConfigSchema.safeParse({
      stages: [{ name: 'build', jobs: ['x'], logMarkers: ['/unclosed[/'] }],
      buildLog: { url: 'ftp://logs.example.dev/{job}/{id}' },
    });
    expect(result.success).toBe(false);
    const problems = result.error!.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    expect(problems).toEqual([
      expect.stringMatching(/^stages\.0\.logMarkers\.0: \/unclosed\[\/: Invalid regular expression/),
      'buildLog.url: unknown placeholder {id}: use {job}, {build}, {org} or {repo}',
    ]);
    expect(
      releaseTrackerConfigSchema.safeParse({ buildLog: { url: 'ftp://logs.example.dev/{job}' } }).error
        ?.issues[0]?.message,
    ).toBe('must be an http or https URL, not ftp:');
  });

  it('fills the log URL from the run, encoded, and gives none without a build id', () => {
    expect(
      buildLogUrl(
        'https://gcsweb.example.dev/gcs/b/logs/{job}/{build}/build-log.txt?o={org}&r={repo}',
        failedRun,
      ),
    ).toBe(
      'https://gcsweb.example.dev/gcs/b/logs/post-lambda-controller-release/1922716371049082880/build-log.txt?o=example-ack&r=lambda-controller',
    );
    expect(buildLogUrl('https://x.dev/{job}', { ...failedRun, job: 'a/../b?c' })).toBe(
      'https://x.dev/a%2F..%2Fb%3Fc',
    );
    expect(buildLogUrl('https://x.dev/{job}/{build}', { ...failedRun, buildId: null })).toBeNull();
  });
});

describe('fetchBuildLogTail', () => {
  let server: BuildLogServer;
  afterEach(async () => {
    await server.close();
  });

  it('asks for the tail only and drops the partial first line', async () => {
    server = await startBuildLogServer({ [LOG_PATH]: FIXTURE_BUILD_LOG });
    const tail = await fetchBuildLogTail(`${server.url}${LOG_PATH}`, fetch, 400);
    expect(server.requests).toEqual([{ path: LOG_PATH, range: 'bytes=-400' }]);
    expect('text' in tail && tail.text).toBe(
      FIXTURE_BUILD_LOG.slice(FIXTURE_BUILD_LOG.indexOf('\n', FIXTURE_BUILD_LOG.length - 400) + 1),
    );
  });

  it('keeps the whole log when the tail asked for covers it', async () => {
    server = await startBuildLogServer({ [LOG_PATH]: FIXTURE_BUILD_LOG });
    expect(await fetchBuildLogTail(`${server.url}${LOG_PATH}`, fetch)).toEqual({ text: FIXTURE_BUILD_LOG });
  });

  it('reads a server that ignores Range only when the whole log fits', async () => {
    server = await startBuildLogServer({ [LOG_PATH]: FIXTURE_BUILD_LOG }, { ranges: false });
    expect(await fetchBuildLogTail(`${server.url}${LOG_PATH}`, fetch)).toEqual({ text: FIXTURE_BUILD_LOG });
    expect(await fetchBuildLogTail(`${server.url}${LOG_PATH}`, fetch, 1000)).toEqual({
      error: `the log is ${Buffer.byteLength(FIXTURE_BUILD_LOG)} bytes and its server ignores Range requests`,
    });
    await server.close();
    server = await startBuildLogServer(
      { [LOG_PATH]: FIXTURE_BUILD_LOG },
      { ranges: false, contentLength: false },
    );
    expect(await fetchBuildLogTail(`${server.url}${LOG_PATH}`, fetch, 1000)).toEqual({
      error: 'the log is over 1000 bytes and its server ignores Range requests',
    });
  });

  it('reports a missing log and a refused connection instead of throwing', async () => {
    server = await startBuildLogServer({});
    expect(await fetchBuildLogTail(`${server.url}${LOG_PATH}`, fetch)).toEqual({ error: 'HTTP 404' });
    const offline: typeof fetch = async () => {
      throw new TypeError('sheriff simulate is offline');
    };
    expect(await fetchBuildLogTail(`${server.url}${LOG_PATH}`, offline)).toEqual({
      error: 'sheriff simulate is offline',
    });
  });
});

describe('learnStageFromLog', () => {
  const log = createLogger('silent');

  it('reads the log of a failed run of a job with several marked stages', async () => {
    const server = await startBuildLogServer({ [LOG_PATH]: FIXTURE_BUILD_LOG });
    try {
      const config = configWith(`${server.url}/logs/{job}/{build}/build-log.txt`);
      expect(await learnStageFromLog({ config, log, fetch }, failedRun)).toEqual({ stage: 'image-push' });
      // A pass, or a job with one stage, needs no log.
      expect(
        await learnStageFromLog({ config, log, fetch }, { ...failedRun, state: 'success' }),
      ).toBeUndefined();
      expect(
        await learnStageFromLog(
          { config, log, fetch },
          { ...failedRun, job: 'lambda-controller-release-tag' },
        ),
      ).toBeUndefined();
      expect(server.requests).toHaveLength(1);
    } finally {
      await server.close();
    }
  });

  it('keeps the guess, with the reason, when the log cannot be read (sheriff simulate is offline)', async () => {
    const offline: typeof fetch = async () => {
      throw new TypeError('sheriff simulate is offline');
    };
    const config = configWith('https://gcsweb.example.dev/gcs/b/logs/{job}/{build}/build-log.txt');
    expect(await learnStageFromLog({ config, log, fetch: offline }, failedRun)).toEqual({
      guessedBecause: 'the build log could not be read',
    });
  });
});
