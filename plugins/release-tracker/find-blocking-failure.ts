import type { JobRun } from './job-run.js';
import type { ReleaseTrackerConfig } from './release-tracker-config.js';
import { type BlockingFailure, findBlockingFailure } from './release-stage-graph.js';
import type { TrackerStore } from './tracker-store.js';

/**
 * The open upstream failure a failing run of `key` is blocked by (release stages), read from the
 * repository's open episodes; null when no stages are configured or none blocks it.
 */
export async function findBlockingFailureFor(
  store: TrackerStore,
  run: JobRun,
  key: string,
  config: Pick<ReleaseTrackerConfig, 'stages'>,
): Promise<BlockingFailure | null> {
  if (config.stages.length === 0) return null;
  const candidates = await store.openEpisodesIn(run.repository);
  return findBlockingFailure(
    config.stages,
    { key, job: run.job, stageText: run.stage, sha: run.sha, ref: run.ref },
    candidates,
  );
}
