import type { Logger } from '../../src/logging/logger.js';
import { buildLogUrl } from './build-log-url.js';
import { fetchBuildLogTail } from './fetch-build-log-tail.js';
import { type JobRun, outcomeOf } from './job-run.js';
import { stageFromLog } from './log-marker.js';
import type { ReleaseTrackerConfig } from './release-tracker-config.js';
import { stagesOfJob } from './release-stage-graph.js';

/** What the build log said: the failing stage, or why it stays the earliest-stage guess. */
export type LogStage = { readonly stage: string } | { readonly guessedBecause: string };

/**
 * For a failed Prow run of a job that runs several stages with `logMarkers`, reads the tail of
 * its build log (`buildLog.url`) and names the stage whose marker comes last. Undefined when the
 * log is not needed (no `buildLog`, one stage, no markers, a stage already known, not a failure).
 * Never throws: an unreadable log (or `sheriff simulate`, which is offline) leaves the guess.
 *
 * @example
 * await learnStageFromLog({ config, fetch, log }, failedRun); // { stage: 'image-push' }
 */
export async function learnStageFromLog(
  context: {
    readonly config: Pick<ReleaseTrackerConfig, 'stages' | 'buildLog'>;
    readonly fetch: typeof globalThis.fetch;
    readonly log: Logger;
  },
  run: JobRun,
): Promise<LogStage | undefined> {
  const { config } = context;
  if (!config.buildLog || run.system !== 'prow' || run.stage !== null) return undefined;
  if (outcomeOf(run.state) !== 'failed') return undefined;
  const stages = stagesOfJob(config.stages, run.job);
  if (stages.length < 2 || !stages.some((stage) => (stage.logMarkers ?? []).length > 0)) return undefined;

  const url = buildLogUrl(config.buildLog.url, run);
  if (url === null) return { guessedBecause: 'the run has no build id to find its build log' };
  const tail = await fetchBuildLogTail(url, context.fetch);
  if ('error' in tail) {
    context.log.info(
      { run: run.runId, url, error: tail.error },
      'build log not read: the stage stays a guess',
    );
    return { guessedBecause: 'the build log could not be read' };
  }
  const stage = stageFromLog(stages, tail.text);
  return stage === null ? { guessedBecause: "no stage's log marker is in the build log" } : { stage };
}
