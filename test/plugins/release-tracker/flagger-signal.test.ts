import { readFlaggerSignal } from '../../../plugins/release-tracker/normalize-flagger.js';
import { CANARY, flaggerFixture, lambdaPromoted, stuckPromoting } from './flagger-world.js';

const REPO = 'example-ack/lambda-controller';
const RECEIVED = new Date('2025-05-21T15:00:00Z');
const read = (payload: unknown) => readFlaggerSignal(payload, REPO, RECEIVED);

describe('a Flagger post as a tracker signal', () => {
  it('reads the rollback event as the failure of the revision, although its phase is still Progressing', () => {
    expect(read(flaggerFixture('event-progressing-rolling-back-progress-deadline'))).toEqual({
      kind: 'run',
      run: expect.objectContaining({
        runId: `flagger:${CANARY}:7b4f6c9d85`,
        source: 'flagger',
        system: 'flagger',
        job: CANARY,
        jobType: 'canary',
        state: 'failure',
        finishedAt: '2025-05-21T14:22:07.205Z',
        buildId: '7b4f6c9d85',
        stage: 'rollback: progress deadline exceeded',
      }),
    });
  });

  it('makes every later post of the failed revision the same run', () => {
    const ids = [
      'event-failed-canary-failed-scaling-down',
      'post-rollout-failed',
      'event-failed-progress-deadline',
    ].map((name) => {
      const signal = read(flaggerFixture(name));
      if (signal.kind !== 'run') throw new Error(`${name}: ${signal.kind}`);
      expect(signal.run.state).toBe('failure');
      return signal.run.runId;
    });
    expect(new Set(ids)).toEqual(new Set([`flagger:${CANARY}:7b4f6c9d85`]));
  });

  it('times a post-rollout, which carries no timestamp, by its arrival; a promotion is a success', () => {
    expect(read(lambdaPromoted())).toEqual({
      kind: 'run',
      run: expect.objectContaining({ state: 'success', finishedAt: RECEIVED.toISOString(), stage: null }),
    });
  });

  it('names the stage of a failed-checks rollback and of a failed promotion (Flagger 1.44)', () => {
    const checks = flaggerFixture('event-progressing-rolling-back-progress-deadline');
    checks.metadata.eventMessage =
      'Rolling back lambda-controller.ack-system failed checks threshold reached 5';
    expect(read(checks)).toMatchObject({ run: { stage: 'rollback: failed checks threshold reached' } });
    const promotion = flaggerFixture('event-progressing-rolling-back-progress-deadline');
    promotion.phase = 'Promoting';
    promotion.metadata.eventMessage =
      'Promotion of lambda-controller.ack-system failed, primary not ready: deployment "lambda-controller-primary" exceeded its progress deadline';
    expect(read(promotion)).toMatchObject({
      run: { state: 'failure', stage: 'promotion: primary not ready' },
    });
  });

  it('counts a deadline warning without a rollback, to be tracked as stuck in its phase', () => {
    expect(read(stuckPromoting(1))).toEqual({
      kind: 'deadline-warning',
      canary: CANARY,
      checksum: '7b4f6c9d85',
      phase: 'Promoting',
      stuck: expect.objectContaining({ state: 'failure', stage: 'promoting-stuck' }),
    });
  });

  it('ignores progress news', () => {
    const news = flaggerFixture('event-progressing-rolling-back-progress-deadline');
    news.metadata.eventMessage = 'Advance lambda-controller.ack-system canary weight 10';
    news.metadata.eventType = 'Normal';
    expect(read(news)).toEqual({ kind: 'ignore', reason: 'progress news (Progressing)' });
  });
});
