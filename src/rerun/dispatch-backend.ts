import type { GitHubClient } from '../github/github-app.js';
import { githubFailure } from './github-failure.js';
import {
  type RerunBackend,
  type RerunRequester,
  type RerunStarted,
  type RerunTarget,
  splitRepository,
} from './rerun-backend.js';

/**
 * The `client_payload` of the `repository_dispatch` event a custom pipeline receives (documented
 * in docs/retest-release.md; add fields, never rename them). GitHub allows at most 10 top-level
 * properties, so the run's facts are nested under `run`.
 */
export interface RetestReleaseDispatchPayload {
  /** Always 1 for this shape. */
  version: 1;
  job: string;
  run: {
    id: string;
    system: string;
    source: string;
    job_type: string;
    sha: string | null;
    ref: string | null;
    build_id: string | null;
    url: string | null;
  };
  requested_by: string;
  /** Where the command was given: `owner/name#number`. */
  context: string;
  /** Stable across Sheriff's retries: a receiver can deduplicate on it. */
  request_id: string;
}

/** The payload for one target, pure. */
export function dispatchPayloadOf(
  target: RerunTarget,
  requester: RerunRequester,
): RetestReleaseDispatchPayload {
  return {
    version: 1,
    job: target.job,
    run: {
      id: target.runId,
      system: target.system,
      source: target.source,
      job_type: target.jobType,
      sha: target.sha,
      ref: target.ref,
      build_id: target.buildId,
      url: target.url,
    },
    requested_by: requester.login,
    context: requester.context,
    request_id: requester.requestId,
  };
}

/**
 * The fallback for pipelines Sheriff cannot re-run itself: `POST /repos/{owner}/{repo}/dispatches`
 * with `event_type` from config and {@link RetestReleaseDispatchPayload}. A workflow with
 * `on: repository_dispatch: types: [<event type>]` (or any listener) starts the job again.
 *
 * @example
 * await new DispatchRerunBackend(github, 'sheriff-retest-release').start(target, requester);
 * // { detail: '204 repository_dispatch sheriff-retest-release', url: null }
 */
export class DispatchRerunBackend implements RerunBackend {
  readonly name = 'dispatch';

  constructor(
    private readonly github: GitHubClient,
    private readonly eventType: string,
  ) {}

  async start(target: RerunTarget, requester: RerunRequester): Promise<RerunStarted> {
    const { owner, repo } = splitRepository(target.repository);
    try {
      const response = await this.github.rest.repos.createDispatchEvent({
        owner,
        repo,
        event_type: this.eventType,
        client_payload: dispatchPayloadOf(target, requester) as unknown as Record<string, unknown>,
      });
      return { detail: `${response.status} repository_dispatch ${this.eventType}`, url: null };
    } catch (error) {
      throw githubFailure(error, `POST /repos/${owner}/${repo}/dispatches`);
    }
  }
}
