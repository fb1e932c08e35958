import type { GitHubClient } from '../github/github-app.js';
import type { GangwayClient } from '../prow/gangway-client.js';
import { splitRepository } from './rerun-backend.js';

/** What a backend says of a re-run it accepted, when asking is cheap (one GET). */
export type RerunProgress = 'running' | 'finished' | 'unknown';

const GANGWAY_FINISHED = new Set(['SUCCESS', 'FAILURE', 'ABORTED', 'ERROR']);

/**
 * Whether a re-run still in flight by the audit has in fact finished, asked of the backend that
 * started it: the Actions run's `status`, or Gangway's execution. The tracker normally learns of
 * the finished run by webhook; this covers a webhook that is late or lost. Any failure to ask
 * answers `unknown` (the caller then keeps the re-run in flight: refusing a second one is the
 * safe side).
 *
 * @example
 * await rerunProgress({ backend: 'actions', runId: 'actions:o/r:42:1', detail: '201 rerun-failed-jobs', repository: 'o/r' }, services);
 * // 'running'
 */
export async function rerunProgress(
  rerun: { backend: string; runId: string; detail: string | null; repository: string },
  services: { github: GitHubClient; gangway: GangwayClient | undefined },
): Promise<RerunProgress> {
  try {
    if (rerun.backend === 'actions') {
      const runId = Number(/^actions:.+:(\d+):\d+$/.exec(rerun.runId)?.[1]);
      if (!Number.isSafeInteger(runId)) return 'unknown';
      const { owner, repo } = splitRepository(rerun.repository);
      const { data } = await services.github.rest.actions.getWorkflowRun({ owner, repo, run_id: runId });
      return data.status === 'completed' ? 'finished' : 'running';
    }
    if (rerun.backend === 'gangway' && services.gangway) {
      const id = /^execution (\S+)/.exec(rerun.detail ?? '')?.[1];
      if (!id || id === '(no') return 'unknown';
      const execution = await services.gangway.getJobExecution(id);
      return GANGWAY_FINISHED.has(execution.job_status ?? '') ? 'finished' : 'running';
    }
  } catch {
    return 'unknown';
  }
  return 'unknown';
}
