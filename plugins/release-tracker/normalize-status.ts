import { isoTime, type JobRun, type JobRunState } from './job-run.js';
import { prowJobTypeFromName } from './prow-job-type.js';

/** The `status` payload fields a run is made of (octokit/webhooks `status` schema). */
export interface StatusPayload {
  id?: number;
  sha?: string;
  name?: string;
  context?: string;
  state?: string;
  description?: string | null;
  target_url?: string | null;
  created_at?: string;
  updated_at?: string;
  branches?: Array<{ name?: string; commit?: { sha?: string } }>;
  repository?: { full_name?: string; default_branch?: string };
}

/** crier appends ` BaseSHA:<sha>` to the description (older deployments: `Basesha:`). */
const BASE_SHA = /\bBase ?SHA:\s*([0-9a-f]{40})\b/i;
/** Deck and Spyglass links end in `/<job>/<build id>`. */
const BUILD_URL = /\/([^/]+)\/(\d{6,})\/?$/;

/**
 * A commit status as a run: the context is the job (crier reports under the job's context),
 * `target_url` the logs. A Prow status is recognised by its `BaseSHA:` suffix or a Deck URL; its
 * build id (the URL's last segment) makes it the same run as that build's posted ProwJob.
 *
 * @example
 * jobRunFromStatus(statusFixture);
 * // { runId: 'prow:post-lambda-controller-release:1922716371049082880', system: 'prow',
 * //   jobType: 'postsubmit', state: 'failure', sha: 'c342365a...', ... }
 */
export function jobRunFromStatus(payload: StatusPayload): JobRun | undefined {
  const repository = payload.repository?.full_name ?? payload.name;
  const job = payload.context;
  const state = statusState(payload.state);
  if (!repository || !job || !state) return undefined;
  const description = payload.description ?? '';
  const url = payload.target_url || null;
  const build = url ? BUILD_URL.exec(url) : null;
  const isProw = BASE_SHA.test(description) || (url !== null && /\/view\/(gs|s3)\//.test(url));
  const buildId = build ? build[2]! : null;
  const sha = BASE_SHA.exec(description)?.[1] ?? payload.sha ?? null;
  // A branch whose head is this very commit is where the run ran; otherwise (a tag) it is unknown.
  const ref = payload.branches?.find((branch) => branch.commit?.sha === payload.sha)?.name ?? null;
  return {
    runId:
      isProw && buildId ? `prow:${job}:${buildId}` : `status:${payload.id ?? `${repository}:${job}:${sha}`}`,
    source: 'status',
    system: isProw ? 'prow' : 'statuses',
    repository,
    job,
    jobType: isProw ? prowJobTypeFromName(job) : 'unknown',
    sha,
    ref,
    defaultBranch: payload.repository?.default_branch ?? null,
    state,
    url,
    startedAt: null,
    finishedAt: state === 'pending' ? null : isoTime(payload.updated_at ?? payload.created_at),
    buildId,
    stage: null,
  };
}

function statusState(state: string | undefined): JobRunState | undefined {
  switch (state) {
    case 'pending':
    case 'success':
    case 'failure':
    case 'error':
      return state;
    default:
      return undefined;
  }
}
