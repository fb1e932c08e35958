/** The signal that reported a run. */
export type JobRunSource =
  | 'status'
  | 'check_run'
  | 'check_suite'
  | 'workflow_run'
  | 'workflow_job'
  | 'prowjob'
  /** A Flagger canary's `event` or `post-rollout` webhook. */
  | 'flagger'
  /** Sheriff's freshness watchdog: a job with no success, or a marker unchanged, for too long. */
  | 'freshness';

/** Which CI ran it: decides the default labels and how a person retries it. */
export type CiSystem = 'prow' | 'actions' | 'checks' | 'statuses' | 'flagger' | 'watchdog';

/**
 * How the run was started. Prow's job types as they are; for GitHub Actions the triggering event
 * (`push` covers branches and tags alike; the classifier tells them apart by the ref).
 */
export type JobType =
  | 'presubmit'
  | 'postsubmit'
  | 'periodic'
  | 'batch'
  | 'push'
  | 'schedule'
  | 'pull_request'
  | 'manual'
  /** A Flagger canary rollout. */
  | 'canary'
  | 'other'
  | 'unknown';

/**
 * `pending`: not finished (or, for a stage learned from `workflow_job`, not yet known);
 * `aborted` and `neutral` (cancelled, skipped) count as neither pass nor fail.
 */
export type JobRunState = 'pending' | 'success' | 'failure' | 'error' | 'aborted' | 'neutral';

/**
 * One run of one CI job, whatever signal reported it: a crier status, a check run or suite, an
 * Actions workflow run (with the failing step from `workflow_job`), or a posted ProwJob. Times
 * are ISO 8601 strings, so the record is plain JSON.
 */
export interface JobRun {
  /**
   * The run's identity across signals and redeliveries: `prow:<job>:<build id>` (a crier status
   * and the ProwJob of one build are one run), `actions:<repo>:<run id>:<attempt>`,
   * `check_run:<id>`, `check_suite:<id>`, or `status:<id>`.
   */
  readonly runId: string;
  readonly source: JobRunSource;
  readonly system: CiSystem;
  /** `owner/name` as GitHub spells it. */
  readonly repository: string;
  readonly job: string;
  readonly jobType: JobType;
  readonly sha: string | null;
  /** Branch or tag (for a tag push, Actions' `head_branch` is the tag name). */
  readonly ref: string | null;
  readonly defaultBranch: string | null;
  readonly state: JobRunState;
  /** Logs: Deck/Spyglass, the Actions run, the check's page. */
  readonly url: string | null;
  readonly startedAt: string | null;
  readonly finishedAt: string | null;
  readonly buildId: string | null;
  /** Where it failed, when known: `<workflow job> › <step>` for Actions. */
  readonly stage: string | null;
}

/** What a run counts as for the tracker's hysteresis. */
export type RunOutcome = 'passed' | 'failed' | 'uncounted';

/** Separates the failing job from its step in an Actions stage. */
export const STAGE_SEPARATOR = ' › ';

/**
 * Whether a run counts as a pass, a fail, or neither (still running, cancelled, skipped).
 *
 * @example
 * outcomeOf('error'); // 'failed'
 * outcomeOf('aborted'); // 'uncounted'
 */
export function outcomeOf(state: JobRunState): RunOutcome {
  if (state === 'success') return 'passed';
  if (state === 'failure' || state === 'error') return 'failed';
  return 'uncounted';
}

/**
 * The failing workflow job of an Actions stage (`publish (lambda, helm-chart)` of
 * `publish (lambda, helm-chart) › Push Helm chart`): service areas can name it.
 *
 * @example
 * stageJobName('publish (lambda, helm-chart) › Push Helm chart'); // 'publish (lambda, helm-chart)'
 */
export function stageJobName(stage: string | null): string | null {
  if (stage === null) return null;
  const at = stage.indexOf(STAGE_SEPARATOR);
  return at === -1 ? stage : stage.slice(0, at);
}

/**
 * Merges what two signals said about one run (a `workflow_job` stage, then the `workflow_run`;
 * a crier status, then the ProwJob): a finished state wins over `pending`, a known job type over
 * `unknown`, the first stage learned is kept, and other fields take the newer value when given.
 *
 * @example
 * mergeJobRuns(stageOnly, completedRun).stage; // the stage from `stageOnly`
 */
export function mergeJobRuns(earlier: JobRun, later: JobRun): JobRun {
  const finished = later.state !== 'pending' ? later : earlier;
  return {
    ...earlier,
    ...stripNulls(later),
    source: earlier.source,
    state: finished.state,
    jobType: later.jobType !== 'unknown' ? later.jobType : earlier.jobType,
    stage: earlier.stage ?? later.stage,
    url: finished.url ?? earlier.url ?? later.url,
  };
}

/**
 * A timestamp as UTC ISO 8601 (`status` payloads write `+00:00`, others `Z`), or null when it is
 * missing or unreadable.
 *
 * @example
 * isoTime('2025-05-14T17:19:40+00:00'); // '2025-05-14T17:19:40.000Z'
 */
export function isoTime(value: string | null | undefined): string | null {
  if (!value) return null;
  const time = Date.parse(value);
  return Number.isNaN(time) ? null : new Date(time).toISOString();
}

function stripNulls(run: JobRun): Partial<JobRun> {
  return Object.fromEntries(Object.entries(run).filter(([, value]) => value !== null)) as Partial<JobRun>;
}
