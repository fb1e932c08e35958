import type { GitHubClient } from '../github/github-app.js';
import { githubFailure } from './github-failure.js';
import {
  type RerunBackend,
  RerunRefusedError,
  type RerunStarted,
  type RerunTarget,
  splitRepository,
} from './rerun-backend.js';

/** `failed-jobs`: only the jobs that failed (Actions keeps the others' results); `all`: the whole run. */
export type ActionsRerunMode = 'failed-jobs' | 'all';

/**
 * GitHub Actions: `POST /repos/{owner}/{repo}/actions/runs/{run_id}/rerun-failed-jobs`, or
 * `.../rerun` in mode `all`. The run id is the stored run's build id. The new attempt is the
 * same run, so its page is the old run's URL.
 *
 * @example
 * await new ActionsRerunBackend(github, 'failed-jobs').start(target, requester);
 * // { detail: '201 rerun-failed-jobs', url: 'https://github.com/o/r/actions/runs/42' }
 */
export class ActionsRerunBackend implements RerunBackend {
  readonly name = 'actions';

  constructor(
    private readonly github: GitHubClient,
    private readonly mode: ActionsRerunMode,
  ) {}

  async start(target: RerunTarget): Promise<RerunStarted> {
    const { owner, repo } = splitRepository(target.repository);
    const runId = Number(target.buildId);
    if (!Number.isSafeInteger(runId) || runId <= 0)
      throw new RerunRefusedError(`run ${target.runId} has no Actions run id`, undefined);
    const endpoint = this.mode === 'all' ? 'rerun' : 'rerun-failed-jobs';
    try {
      const response =
        this.mode === 'all'
          ? await this.github.rest.actions.reRunWorkflow({ owner, repo, run_id: runId })
          : await this.github.rest.actions.reRunWorkflowFailedJobs({ owner, repo, run_id: runId });
      return {
        detail: `${response.status} ${endpoint}`,
        url: target.url ?? `https://github.com/${owner}/${repo}/actions/runs/${runId}`,
      };
    } catch (error) {
      throw githubFailure(error, `POST /repos/${owner}/${repo}/actions/runs/${runId}/${endpoint}`);
    }
  }
}
