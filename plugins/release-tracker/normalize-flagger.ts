import {
  canaryIdOf,
  flaggerHookOf,
  metadataText,
  readFlaggerPayload,
} from '../../src/flagger/flagger-delivery.js';
import type { JobRun, JobRunState } from './job-run.js';

/**
 * What one Flagger post means for the tracker:
 * - `run`: a canary revision that failed or was promoted;
 * - `deadline-warning`: "exceeded its progress deadline" without a rollback, e.g. Flagger before
 *   1.36.1 looping in `Promoting` (fluxcd/flagger#1591): counted, and tracked as `stuck` (the
 *   run given) once there are `flagger.stuckAfter` of them for the revision;
 * - `ignore`: progress news (a new revision, an analysis step, a weight change).
 */
export type FlaggerSignal =
  | { readonly kind: 'run'; readonly run: JobRun }
  | {
      readonly kind: 'deadline-warning';
      readonly canary: string;
      readonly checksum: string;
      readonly phase: string;
      readonly stuck: JobRun;
    }
  | { readonly kind: 'ignore'; readonly reason: string };

/** Flagger's rollback event: `Rolling back <name>.<ns> <why>` (scheduler.go), whatever the phase says. */
const ROLLBACK = /^Rolling back \S+ (.*)$/s;
/** v1.44.0's failed promotion: `Promotion of <target>.<ns> failed, primary not ready: <err>`. */
const PROMOTION_FAILED = /^Promotion of \S+ failed/;
/** Kubernetes' deadline, as Flagger wraps it (deployment_ready.go). */
const DEADLINE = /exceeded its progress deadline/;

/**
 * A stored Flagger post as a tracker signal, pure. The run is the canary revision:
 * `flagger:<cluster>/<namespace>/<name>:<checksum>`, so the rollback event, the `Failed` event,
 * the failed `post-rollout` and the repeats of one revision are one failing run, and a
 * successful `post-rollout` of the next revision is the recovery. The job (and the tracking key)
 * is `<cluster>/<namespace>/<name>`.
 *
 * - failure: phase `Failed` (event or post-rollout), or a rollback or failed promotion message in
 *   any phase (the rollback event still says `Progressing`);
 * - success: phase `Succeeded` (a promotion);
 * - the stage says why: `rollback: progress deadline exceeded`, `promotion: primary not ready`,
 *   `promoting-stuck`, ...
 *
 * @example
 * readFlaggerSignal(rollingBackFixture, 'example-ack/lambda-controller', receivedAt);
 * // { kind: 'run', run: { runId: 'flagger:prod-us-west-2/ack-system/lambda-controller:7b4f6c9d85',
 * //   state: 'failure', stage: 'rollback: progress deadline exceeded', ... } }
 */
export function readFlaggerSignal(body: unknown, repository: string, receivedAt: Date): FlaggerSignal {
  const payload = readFlaggerPayload(body);
  if (!payload) return { kind: 'ignore', reason: 'not a Flagger payload' };
  const hook = flaggerHookOf(payload);
  if (hook === 'gate') return { kind: 'ignore', reason: 'a gate or rollback hook (refused at the edge)' };
  const canary = canaryIdOf(payload);
  const checksum = payload.checksum ?? '';
  const message = metadataText(payload, 'eventMessage') ?? '';
  const at = eventTime(metadataText(payload, 'timestamp')) ?? receivedAt.toISOString();
  const run = (state: JobRunState, stage: string | null): JobRun => ({
    runId: `flagger:${canary}:${checksum || '-'}`,
    source: 'flagger',
    system: 'flagger',
    repository,
    job: canary,
    jobType: 'canary',
    sha: null,
    ref: null,
    defaultBranch: null,
    state,
    url: null,
    startedAt: null,
    finishedAt: at,
    buildId: checksum || null,
    stage,
  });

  if (payload.phase === 'Succeeded') return { kind: 'run', run: run('success', null) };
  const failedStage = failureStageOf(message);
  if (payload.phase === 'Failed' || failedStage !== undefined)
    return { kind: 'run', run: run('failure', failedStage ?? deadlineStage(message)) };
  if (DEADLINE.test(message))
    return {
      kind: 'deadline-warning',
      canary,
      checksum,
      phase: payload.phase,
      stuck: run('failure', `${payload.phase.toLowerCase()}-stuck`),
    };
  return { kind: 'ignore', reason: `progress news (${payload.phase})` };
}

/** The stage of a rollback or failed promotion message; undefined for any other message. */
function failureStageOf(message: string): string | undefined {
  const rollback = ROLLBACK.exec(message);
  if (rollback) {
    const why = rollback[1]!;
    if (why.startsWith('progress deadline exceeded')) return 'rollback: progress deadline exceeded';
    if (why.startsWith('failed checks threshold reached')) return 'rollback: failed checks threshold reached';
    if (why.includes('manual webhook')) return 'rollback: rollback webhook';
    return 'rollback';
  }
  if (PROMOTION_FAILED.test(message)) return 'promotion: primary not ready';
  return undefined;
}

function deadlineStage(message: string): string | null {
  return DEADLINE.test(message) ? 'progress deadline exceeded' : null;
}

/** Flagger's `timestamp`: Unix milliseconds, as a string. */
function eventTime(text: string | undefined): string | null {
  if (text === undefined || !/^\d{1,16}$/.test(text)) return null;
  return new Date(Number(text)).toISOString();
}
