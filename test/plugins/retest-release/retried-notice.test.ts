import { retriedNotice } from '../../../plugins/retest-release/retried-notice.js';
import {
  initialTrackerState,
  runRefOf,
  type TrackerState,
} from '../../../plugins/release-tracker/tracker-state.js';
import { aRun, KEY, ROUTING } from '../release-tracker/tracker-builders.js';

const AT = '2025-05-14T17:30:00.000Z';
const NEW_RUN = 'https://prow.example.dev/view/gs/prow-logs/post-lambda-controller-release/abc';

function failingState(): TrackerState {
  const first = runRefOf(aRun(1));
  return {
    ...initialTrackerState(aRun(1)),
    consecutiveFailures: 2,
    episode: {
      firstFailure: first,
      lastFailure: runRefOf(aRun(2)),
      failures: 2,
      firstSuccess: null,
      stage: 'image-push',
      system: 'prow',
      jobType: 'postsubmit',
      routing: ROUTING,
      issue: { repository: 'example-ack/community', number: 2311 },
      openedAt: AT,
      closedByHuman: false,
      lastCommentAt: null,
      reminded: [],
    },
  };
}

describe('the retried notice', () => {
  it('threads under the tracking issue: same key and episode, the actor, the new run as the link', () => {
    const state = failingState();
    expect(retriedNotice(KEY, state, { actor: 'ana-lambda', rerunId: 7, url: NEW_RUN, at: AT })).toEqual({
      id: `${KEY}#${state.episode!.firstFailure.runId}/retried/7`,
      kind: 'retried',
      trackingKey: KEY,
      episode: state.episode!.firstFailure.runId,
      repository: state.repository,
      job: state.job,
      area: 'lambda',
      severity: 'critical',
      stage: 'image-push',
      failures: 2,
      issue: {
        repository: 'example-ack/community',
        number: 2311,
        url: 'https://github.com/example-ack/community/issues/2311',
      },
      logsUrl: NEW_RUN,
      owners: ['kai-release', 'lee-release', 'example-ack/prow-oncall'],
      summary: `ana-lambda re-ran ${state.job}`,
      actor: 'ana-lambda',
      at: AT,
    });
  });

  it('falls back to the failed run’s logs when the backend gave no link', () => {
    const state = failingState();
    expect(retriedNotice(KEY, state, { actor: 'a', rerunId: 1, url: null, at: AT })?.logsUrl).toBe(
      state.episode!.lastFailure.url,
    );
  });

  it('is not published for a key with no open episode', () => {
    expect(
      retriedNotice(KEY, initialTrackerState(aRun(1)), { actor: 'a', rerunId: 1, url: null, at: AT }),
    ).toBeNull();
  });
});
