import { isoTime, type JobRun, type JobRunState } from './job-run.js';
import { prowJobType } from './prow-job-type.js';

interface ProwRefs {
  org?: string;
  repo?: string;
  base_ref?: string;
  base_sha?: string;
  pulls?: Array<{ sha?: string }>;
}

/** The ProwJob fields a run is made of (`kubernetes-sigs/prow:pkg/apis/prowjobs/v1/types.go`). */
export interface ProwJobPayload {
  metadata?: { name?: string };
  spec?: { type?: string; job?: string; refs?: ProwRefs; extra_refs?: ProwRefs[] };
  status?: {
    state?: string;
    url?: string;
    build_id?: string;
    startTime?: string;
    completionTime?: string;
  };
}

/**
 * A posted ProwJob as a run. Unlike a crier status it says the job type, the ref (branch or tag)
 * and the times; periodics, which crier never reports, carry their repository in `extra_refs`.
 *
 * @example
 * jobRunFromProwJob(prowjobFixture);
 * // { runId: 'prow:post-lambda-controller-release:1922716371049082880', jobType: 'postsubmit',
 * //   ref: 'v1.7.3', state: 'failure', finishedAt: '2025-05-14T17:19:37.000Z', ... }
 */
export function jobRunFromProwJob(payload: ProwJobPayload): JobRun | undefined {
  const job = payload.spec?.job;
  const refs = payload.spec?.refs ?? payload.spec?.extra_refs?.[0];
  const state = prowState(payload.status?.state);
  if (!job || !refs?.org || !refs.repo || !state) return undefined;
  const buildId = payload.status?.build_id ?? null;
  const type = prowJobType(payload.spec?.type ?? '');
  return {
    runId: `prow:${job}:${buildId ?? payload.metadata?.name ?? 'unknown'}`,
    source: 'prowjob',
    system: 'prow',
    repository: `${refs.org}/${refs.repo}`,
    job,
    jobType: type,
    sha: (type === 'presubmit' ? refs.pulls?.[0]?.sha : undefined) ?? refs.base_sha ?? null,
    ref: refs.base_ref ?? null,
    defaultBranch: null,
    state,
    url: payload.status?.url ?? null,
    startedAt: isoTime(payload.status?.startTime),
    finishedAt: isoTime(payload.status?.completionTime),
    buildId,
    stage: null,
  };
}

/** Plank's states; crier reports `aborted` as a failure, the tracker does not count it. */
function prowState(state: string | undefined): JobRunState | undefined {
  switch (state) {
    case 'scheduling':
    case 'triggered':
    case 'pending':
      return 'pending';
    case 'success':
    case 'failure':
    case 'error':
    case 'aborted':
      return state;
    default:
      return undefined;
  }
}
