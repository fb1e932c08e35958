import {
  decideJobFreshness,
  decideMarkerFreshness,
  type JobHistory,
} from '../../../plugins/release-tracker/decide-freshness.js';
import { releaseTrackerConfigSchema } from '../../../plugins/release-tracker/release-tracker-config.js';

const DAY = 86_400_000;
const history = (overrides: Partial<JobHistory> = {}): JobHistory => ({
  repository: 'example-ack/lambda-controller',
  job: 'periodic-lambda-soak',
  system: 'prow',
  jobType: 'periodic',
  lastSuccess: { at: '2025-05-20T02:00:00.000Z' },
  lastRun: { at: '2025-05-20T02:00:00.000Z', state: 'success', url: null },
  firstRunAt: '2025-05-01T02:00:00.000Z',
  watchedSince: '2025-05-19T00:00:00.000Z',
  ...overrides,
});

describe('freshness rules in plugins.release-tracker', () => {
  const problems = (freshness: unknown) => {
    const parsed = releaseTrackerConfigSchema.safeParse({ freshness });
    return parsed.success
      ? []
      : parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
  };

  it('accepts a job rule and a marker rule', () => {
    expect(
      problems([
        { job: 'periodic-*-soak', within: '3d' },
        {
          marker: 'https://storage.example.dev/markers/latest-ci.txt',
          within: '1d12h',
          producerJob: 'updown',
        },
      ]),
    ).toEqual([]);
  });

  it('names the rule and the key of each mistake', () => {
    expect(problems([{ job: 'x', marker: 'https://a.example/m.txt', within: '3d' }])).toEqual([
      'freshness.0: give exactly one of job or marker',
    ]);
    expect(problems([{ job: 'x', within: 'three days' }])).toEqual([
      'freshness.0.within: `three days` is not a duration: use minutes, hours, days or weeks, e.g. `10m`, `2h`, `1d` (at most 30 days)',
    ]);
    expect(problems([{ marker: 'ftp://a.example/m.txt', within: '3d' }])).toEqual([
      'freshness.0.marker: must be an http or https URL',
    ]);
    expect(problems([{ job: 'x', within: '3d', producerJob: 'y' }])).toEqual([
      'freshness.0.producerJob: producerJob goes with marker',
    ]);
    expect(problems([{ job: 'x', within: '3d', every: '1d' }])).toEqual([
      expect.stringMatching(/^freshness\.0: Unrecognized key: "every"/),
    ]);
  });
});

describe('the watchdog verdict on a job', () => {
  it('is silent while the last success is within the span', () => {
    expect(decideJobFreshness(history(), '3d', 3 * DAY, new Date('2025-05-23T01:59:00Z'))).toBeNull();
  });

  it('gives one stable failed run per span since the last success, saying when it last succeeded and ran', () => {
    const first = decideJobFreshness(history(), '3d', 3 * DAY, new Date('2025-05-23T03:00:00Z'));
    const sameSpan = decideJobFreshness(history(), '3d', 3 * DAY, new Date('2025-05-25T03:00:00Z'));
    const nextSpan = decideJobFreshness(history(), '3d', 3 * DAY, new Date('2025-05-26T03:00:00Z'));
    expect(first).toMatchObject({
      source: 'freshness',
      system: 'prow',
      state: 'failure',
      finishedAt: '2025-05-23T02:00:00.000Z',
      stage:
        'stale: no success within 3d (last success 2025-05-20 02:00 UTC; last run 2025-05-20 02:00 UTC, success)',
    });
    expect(sameSpan?.runId).toBe(first?.runId);
    expect(nextSpan?.runId).not.toBe(first?.runId);
  });

  it('counts a job that never succeeded from its first run on record, or from when it was first watched', () => {
    const failing = history({
      lastSuccess: null,
      lastRun: { at: '2025-05-02T00:00:00.000Z', state: 'failure', url: null },
    });
    expect(decideJobFreshness(failing, '3d', 3 * DAY, new Date('2025-05-05T00:00:00Z'))?.stage).toBe(
      'stale: no success within 3d (last success never; last run 2025-05-02 00:00 UTC, failure)',
    );
    const silent = history({
      lastSuccess: null,
      lastRun: null,
      firstRunAt: null,
      system: null,
      jobType: null,
    });
    expect(decideJobFreshness(silent, '3d', 3 * DAY, new Date('2025-05-21T00:00:00Z'))).toBeNull();
    expect(decideJobFreshness(silent, '3d', 3 * DAY, new Date('2025-05-22T00:01:00Z'))).toMatchObject({
      system: 'watchdog',
      stage: 'stale: no success within 3d (last success never; last run never)',
    });
  });
});

describe('the watchdog verdict on a marker (the kops case: a producer failing for weeks)', () => {
  it('dates staleness from the content change, and says how the last fetch and the producer went', () => {
    const marker = {
      repository: 'example-kops/kops',
      url: 'https://storage.googleapis.com/example-kops-ci/markers/master/latest-ci-updown-green.txt',
      changedAt: '2025-03-07T19:28:59.000Z',
      lastStatus: 404,
      lastError: null,
    };
    const producer = history({
      job: 'e2e-example-kops-pipeline-updown',
      lastSuccess: { at: '2025-03-07T19:28:41.000Z' },
    });
    expect(
      decideMarkerFreshness(marker, '3d', 3 * DAY, producer, new Date('2025-03-10T19:00:00Z')),
    ).toBeNull();
    expect(
      decideMarkerFreshness(marker, '3d', 3 * DAY, producer, new Date('2025-06-18T12:00:00Z')),
    ).toMatchObject({
      job: 'marker:storage.googleapis.com/example-kops-ci/markers/master/latest-ci-updown-green.txt',
      state: 'failure',
      url: marker.url,
      stage:
        'stale: unchanged for over 3d, since 2025-03-07 19:28 UTC; last fetch HTTP 404; producer last success 2025-03-07 19:28 UTC',
    });
  });
});
