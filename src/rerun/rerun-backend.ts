/**
 * What every re-run backend is given: the failed run, as the release tracker stored it
 * (`job_runs`), and who asked.
 */
export interface RerunTarget {
  /** `job_runs.run_id`: `prow:<job>:<build>`, `actions:<repo>:<run>:<attempt>`, `check_suite:<id>`, ... */
  readonly runId: string;
  /** The signal that reported it: `status`, `check_run`, `check_suite`, `workflow_run`, `prowjob`, ... */
  readonly source: string;
  /** `prow`, `actions`, `checks` or `statuses`. */
  readonly system: string;
  /** `owner/name` as GitHub spells it. */
  readonly repository: string;
  readonly job: string;
  /** `postsubmit`, `periodic`, `push`, `tag`, ... as the tracker normalised it. */
  readonly jobType: string;
  readonly sha: string | null;
  readonly ref: string | null;
  readonly defaultBranch: string | null;
  readonly url: string | null;
  /** The Actions run id, the check suite or run id, the Prow build id. */
  readonly buildId: string | null;
}

/** Who asked and where, for backends that pass it on (the dispatch payload, Gangway annotations). */
export interface RerunRequester {
  readonly login: string;
  /** Where the command was given: `owner/name#number`. */
  readonly context: string;
  /** The comment's delivery id: one request, whatever retries follow. */
  readonly requestId: string;
}

/** The backends, by the name stored in the audit table. */
export const RERUN_BACKENDS = ['actions', 'check-suite', 'check-run', 'gangway', 'dispatch'] as const;
export type RerunBackendName = (typeof RERUN_BACKENDS)[number];

/** A backend accepted the re-run. */
export interface RerunStarted {
  /** The backend's answer in a few words (`201`, `execution 0000-...`), for the audit. */
  readonly detail: string;
  /** Where to follow the new run, when the backend says. */
  readonly url: string | null;
}

/**
 * One way to start a run again. `start` either resolves (accepted), throws `RerunRefusedError`
 * (the backend said no for good: a 4xx), or throws `RetryLaterError` (a 5xx, a timeout, a network
 * failure: the job queue tries again with backoff).
 */
export interface RerunBackend {
  readonly name: RerunBackendName;
  start(target: RerunTarget, requester: RerunRequester): Promise<RerunStarted>;
}

/** The backend refused the re-run (4xx): retrying the same request cannot help. */
export class RerunRefusedError extends Error {
  constructor(
    message: string,
    readonly status: number | undefined,
  ) {
    super(message);
  }
}

/** `owner/name` split, or an error naming the value. */
export function splitRepository(repository: string): { owner: string; repo: string } {
  const [owner, repo, ...rest] = repository.split('/');
  if (!owner || !repo || rest.length > 0) throw new Error(`not an owner/name repository: ${repository}`);
  return { owner, repo };
}
