import type { GitHubClient } from '../github/github-app.js';
import { githubFailure } from './github-failure.js';
import {
  type RerunBackend,
  RerunRefusedError,
  type RerunStarted,
  type RerunTarget,
  splitRepository,
} from './rerun-backend.js';

/**
 * Checks of other Apps: `POST /repos/{owner}/{repo}/check-suites/{id}/rerequest` for a suite,
 * `.../check-runs/{id}/rerequest` for a single check run. GitHub then sends the App a
 * `rerequested` event; the App decides how to run it again, so there is no new URL to give.
 *
 * @example
 * await new CheckRerunBackend(github, 'check-suite').start(target);
 * // { detail: '201 check-suites/94/rerequest', url: null }
 */
export class CheckRerunBackend implements RerunBackend {
  constructor(
    private readonly github: GitHubClient,
    readonly name: 'check-suite' | 'check-run',
  ) {}

  async start(target: RerunTarget): Promise<RerunStarted> {
    const { owner, repo } = splitRepository(target.repository);
    const id = Number(target.buildId);
    if (!Number.isSafeInteger(id) || id <= 0)
      throw new RerunRefusedError(`run ${target.runId} has no ${this.name} id`, undefined);
    const path = this.name === 'check-suite' ? `check-suites/${id}/rerequest` : `check-runs/${id}/rerequest`;
    try {
      const response =
        this.name === 'check-suite'
          ? await this.github.rest.checks.rerequestSuite({ owner, repo, check_suite_id: id })
          : await this.github.rest.checks.rerequestRun({ owner, repo, check_run_id: id });
      return { detail: `${response.status} ${path}`, url: target.url };
    } catch (error) {
      throw githubFailure(error, `POST /repos/${owner}/${repo}/${path}`);
    }
  }
}
