import {
  type CreateJobExecutionRequest,
  type GangwayClient,
  type GangwayExecutionType,
  GangwayRefusedError,
} from '../prow/gangway-client.js';
import {
  type RerunBackend,
  RerunRefusedError,
  type RerunRequester,
  type RerunStarted,
  type RerunTarget,
  splitRepository,
} from './rerun-backend.js';

const FULL_SHA = /^[0-9a-f]{40}$/;

/**
 * The Gangway request that runs a stored Prow run's job again, pure; or why there is none.
 * Postsubmits get the run's refs (`base_sha` is the run's commit, `base_ref` its branch or tag,
 * else the default branch); periodics get none, as Gangway requires. Presubmits are refused: they
 * run a pull request's code and belong to `/retest`.
 *
 * @example
 * gangwayRequestOf(target);
 * // { ok: true, request: { job_name: 'post-lambda-controller-release', job_execution_type: 'POSTSUBMIT',
 * //   refs: { org: 'example-ack', repo: 'lambda-controller', base_ref: 'main', base_sha: 'c342365a...' } } }
 */
export function gangwayRequestOf(
  target: RerunTarget,
  requester?: RerunRequester,
): { ok: true; request: CreateJobExecutionRequest } | { ok: false; reason: string } {
  const type = executionTypeOf(target.jobType);
  if (!type)
    return { ok: false, reason: `its Prow job type is ${target.jobType}, not a postsubmit or periodic` };
  const annotations = requester
    ? { pod_spec_options: { annotations: { 'sheriff.dev/retest-release-by': requester.login } } }
    : {};
  if (type === 'PERIODIC')
    return { ok: true, request: { job_name: target.job, job_execution_type: type, ...annotations } };
  const sha = target.sha?.toLowerCase() ?? '';
  if (!FULL_SHA.test(sha)) return { ok: false, reason: 'the run names no full commit SHA' };
  const baseRef = target.ref ?? target.defaultBranch;
  if (!baseRef) return { ok: false, reason: 'the run names no branch or tag' };
  const { owner, repo } = splitRepository(target.repository);
  return {
    ok: true,
    request: {
      job_name: target.job,
      job_execution_type: type,
      refs: {
        org: owner,
        repo,
        repo_link: `https://github.com/${owner}/${repo}`,
        base_ref: baseRef,
        base_sha: sha,
      },
      ...annotations,
    },
  };
}

function executionTypeOf(jobType: string): GangwayExecutionType | undefined {
  if (jobType === 'postsubmit') return 'POSTSUBMIT';
  if (jobType === 'periodic') return 'PERIODIC';
  return undefined;
}

/**
 * Prow, through Gangway (`POST /v1/executions`, with the credentials from `GANGWAY_URL`'s
 * settings). A 4xx (`InvalidArgument`, `PermissionDenied`) is a refusal; a 5xx, a timeout or a
 * network failure comes out of the client as `RetryLaterError`.
 *
 * @example
 * await new GangwayRerunBackend(gangway).start(target, requester);
 * // { detail: 'execution 0000... TRIGGERED', url: 'https://prow.example.dev/view/gs/...' }
 */
export class GangwayRerunBackend implements RerunBackend {
  readonly name = 'gangway';

  constructor(private readonly gangway: GangwayClient) {}

  async start(target: RerunTarget, requester: RerunRequester): Promise<RerunStarted> {
    const built = gangwayRequestOf(target, requester);
    if (!built.ok) throw new RerunRefusedError(`Gangway cannot re-run it: ${built.reason}`, undefined);
    try {
      const execution = await this.gangway.createJobExecution(built.request);
      return {
        detail: `execution ${execution.id || '(no id)'} ${execution.job_status ?? ''}`.trim(),
        url: execution.job_url ?? null,
      };
    } catch (error) {
      if (error instanceof GangwayRefusedError) throw new RerunRefusedError(error.message, error.status);
      throw error;
    }
  }
}
