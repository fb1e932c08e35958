import { collapseStormUpdates } from '../../../plugins/release-tracker/release-held-notices.js';
import type { ReleaseNotice } from '../../../src/notifications/release-notice.js';
import {
  type ActiveStorm,
  decideStorm,
  type StormDecision,
  type StormJob,
} from '../../../plugins/release-tracker/decide-storm.js';

/** A release job of example-ack: `n` names it, `failing` says how its latest run ended. */
function aJob(n: number, failing = true, issue: number | null = 100 + n): StormJob {
  return {
    key: `example-ack/svc${n}-controller/post-svc${n}-controller-release`,
    repository: `example-ack/svc${n}-controller`,
    job: `post-svc${n}-controller-release`,
    failing,
    failedAt: failing ? `2025-05-14T17:${String(n % 60).padStart(2, '0')}:00.000Z` : null,
    issue: issue === null ? null : { repository: 'example-ack/community', number: issue },
  };
}

const jobs = (count: number) => Array.from({ length: count }, (_, index) => aJob(index + 1));

function aStorm(members: StormJob[], issue: number | null = 500): ActiveStorm {
  return {
    id: 1,
    org: 'example-ack',
    issue: issue === null ? null : { repository: 'example-ack/community', number: issue },
    members,
  };
}

describe('decideStorm: when an org has a storm', () => {
  const policy = { threshold: 10 };

  describe.each<[string, Parameters<typeof decideStorm>[0], string]>([
    [
      'a failure with 10 jobs failing (not more than 10) is no storm',
      { job: aJob(10), active: null, failing: jobs(10) },
      'none',
    ],
    ['the 11th failing job opens the storm', { job: aJob(11), active: null, failing: jobs(11) }, 'open'],
    ['a success with no storm open does nothing', { job: aJob(3, false), active: null, failing: [] }, 'none'],
    [
      'a failing job outside the storm joins it',
      { job: aJob(12), active: aStorm(jobs(11)), failing: [] },
      'join',
    ],
    [
      'a passing job outside the storm is not its business',
      { job: aJob(12, false), active: aStorm(jobs(11)), failing: [] },
      'none',
    ],
    [
      'a member passing again while others fail updates the list',
      { job: aJob(1, false), active: aStorm(jobs(11)), failing: [] },
      'update',
    ],
    [
      'a member failing again updates the list',
      { job: aJob(1), active: aStorm(jobs(11)), failing: [] },
      'update',
    ],
    [
      'the last failing member passing again resolves it',
      { job: aJob(2, false), active: aStorm([aJob(1, false), aJob(2)]), failing: [] },
      'resolve',
    ],
    [
      'a storm claimed but without its umbrella recorded (a crash) is opened again',
      { job: aJob(12), active: aStorm(jobs(11), null), failing: [] },
      'open',
    ],
  ])('%s', (_name, input, expected) => {
    it(`decides ${expected}`, () => {
      expect(decideStorm(input, policy).type).toBe(expected);
    });
  });

  it('lists every job failing within the window when it opens', () => {
    const decision = decideStorm({ job: aJob(11), active: null, failing: jobs(11) }, policy);
    expect(decision).toMatchObject({ type: 'open' });
    expect(
      (decision as Extract<StormDecision, { type: 'open' }>).members.map((member) => member.job),
    ).toHaveLength(11);
  });

  it('finishing an interrupted opening adds the job that found it', () => {
    const decision = decideStorm({ job: aJob(12), active: aStorm(jobs(11), null), failing: [] }, policy);
    expect(
      (decision as Extract<StormDecision, { type: 'open' }>).members.map((member) => member.key),
    ).toContain(aJob(12).key);
  });

  it('obeys the threshold it is given', () => {
    expect(decideStorm({ job: aJob(3), active: null, failing: jobs(3) }, { threshold: 2 }).type).toBe('open');
    expect(decideStorm({ job: aJob(3), active: null, failing: jobs(3) }, { threshold: 3 }).type).toBe('none');
  });
});

describe('collapseStormUpdates: held storm news released together', () => {
  const notice = (trackingKey: string, kind: ReleaseNotice['kind'], members: number) =>
    ({ trackingKey, kind, id: `${trackingKey}/${kind}/${members}` }) as ReleaseNotice;

  it.each<[string, ReleaseNotice[], string[]]>([
    [
      'keeps only the latest update of a storm',
      [notice('storm:a#1', 'storm-updated', 12), notice('storm:a#1', 'storm-updated', 13)],
      ['storm:a#1/storm-updated/13'],
    ],
    [
      'drops updates a resolution supersedes',
      [notice('storm:a#1', 'storm-updated', 12), notice('storm:a#1', 'storm-resolved', 0)],
      ['storm:a#1/storm-resolved/0'],
    ],
    [
      'leaves other storms, and the jobs’ notices, alone',
      [
        notice('storm:a#1', 'storm-updated', 12),
        notice('example-ack/s3-controller/post-s3-controller-release', 'opened', 0),
        notice('storm:b#2', 'storm-updated', 14),
      ],
      [
        'storm:a#1/storm-updated/12',
        'example-ack/s3-controller/post-s3-controller-release/opened/0',
        'storm:b#2/storm-updated/14',
      ],
    ],
  ])('%s', (_name, notices, expected) => {
    expect(collapseStormUpdates(notices).map((kept) => kept.id)).toEqual(expected);
  });
});
