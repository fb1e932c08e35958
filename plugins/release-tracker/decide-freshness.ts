import type { CiSystem, JobRun, JobType } from './job-run.js';
import { utcMinute } from './render-text.js';

/** What the store knows of one watched job (its runs, Sheriff's own synthetic ones left out). */
export interface JobHistory {
  /** `owner/name` as GitHub spells it (from its runs), else as configured. */
  readonly repository: string;
  readonly job: string;
  readonly system: CiSystem | null;
  readonly jobType: JobType | null;
  readonly lastSuccess: { readonly at: string } | null;
  readonly lastRun: { readonly at: string; readonly state: string; readonly url: string | null } | null;
  /** The earliest finished run on record, if any. */
  readonly firstRunAt: string | null;
  /** When a freshness rule first watched the job. */
  readonly watchedSince: string;
}

/** A watched marker as last fetched. */
export interface MarkerObservation {
  readonly repository: string;
  readonly url: string;
  /** Since when its content has not changed (its Last-Modified when first seen). */
  readonly changedAt: string;
  readonly lastStatus: number | null;
  readonly lastError: string | null;
}

/** The tracker job a marker rule is tracked as. */
export function markerJobName(url: string): string {
  return `marker:${url.replace(/^https?:\/\//, '')}`;
}

/**
 * The watchdog's verdict on one job, pure: a synthetic failed run when it has had no success for
 * longer than `withinMs` (one that never succeeded counts from the first run on record or from
 * when the rule started watching it), else null. Its id is stable for each span of `withinMs`
 * since the last success, so ticks and replicas that see the same silence add one failure, and
 * every further span adds one more (the issue counts them; reminders follow `remindAt`).
 *
 * @example
 * decideJobFreshness(history, '3d', 3 * 86_400_000, now)?.stage;
 * // 'stale: no success within 3d (last success 2025-05-10 02:00 UTC; last run 2025-05-10 02:00 UTC, success)'
 */
export function decideJobFreshness(
  history: JobHistory,
  within: string,
  withinMs: number,
  now: Date,
): JobRun | null {
  const reference =
    history.lastSuccess?.at ?? earliest(history.firstRunAt, history.watchedSince) ?? history.watchedSince;
  const span = spanOf(reference, withinMs, now);
  if (span === null) return null;
  const lastRun = history.lastRun;
  const staleAt = new Date(Date.parse(reference) + span * withinMs).toISOString();
  return {
    runId: `freshness:${history.repository.toLowerCase()}/${history.job}:${reference}:${span}`,
    source: 'freshness',
    system: history.system ?? 'watchdog',
    repository: history.repository,
    job: history.job,
    jobType: history.jobType ?? 'unknown',
    sha: null,
    ref: null,
    defaultBranch: null,
    state: 'failure',
    url: lastRun?.url ?? null,
    startedAt: null,
    finishedAt: latest(staleAt, lastRun?.at ?? null),
    buildId: null,
    stage: `stale: no success within ${within} (last success ${history.lastSuccess ? utcMinute(history.lastSuccess.at) : 'never'}; last run ${lastRun ? `${utcMinute(lastRun.at)}, ${lastRun.state}` : 'never'})`,
  };
}

/**
 * The watchdog's verdict on one marker, pure: a synthetic failed run when its content has not
 * changed for longer than `withinMs` (stable per span, as for jobs), else null. The stage says
 * since when, how the last fetch went, and how the producer job is doing.
 *
 * @example
 * decideMarkerFreshness(marker, '3d', 3 * 86_400_000, producer, now)?.stage;
 * // 'stale: unchanged for over 3d, since 2025-03-07 19:28 UTC; producer last success 2025-03-07 19:28 UTC'
 */
export function decideMarkerFreshness(
  marker: MarkerObservation,
  within: string,
  withinMs: number,
  producer: JobHistory | null,
  now: Date,
): JobRun | null {
  const span = spanOf(marker.changedAt, withinMs, now);
  if (span === null) return null;
  const staleAt = new Date(Date.parse(marker.changedAt) + span * withinMs).toISOString();
  const fetch =
    marker.lastStatus !== null && (marker.lastStatus < 200 || marker.lastStatus > 299)
      ? `; last fetch HTTP ${marker.lastStatus}`
      : marker.lastError
        ? `; last fetch failed: ${marker.lastError}`
        : '';
  // Kept short: the stage is part of the issue title (GitHub allows 256 characters).
  const producerText = producer
    ? `; producer last success ${producer.lastSuccess ? utcMinute(producer.lastSuccess.at) : 'never'}`
    : '';
  return markerRun(marker, {
    runId: `${marker.changedAt}:${span}`,
    state: 'failure',
    finishedAt: staleAt,
    stage: `stale: unchanged for over ${within}, since ${utcMinute(marker.changedAt)}${fetch}${producerText}`,
  });
}

/** The synthetic success that closes a marker's issue: its content changed. */
export function markerChangedRun(marker: MarkerObservation, contentSha256: string): JobRun {
  return markerRun(marker, {
    runId: `changed:${contentSha256}`,
    state: 'success',
    finishedAt: marker.changedAt,
    stage: null,
  });
}

/** A synthetic run of a marker's watch: the fields that differ are its id suffix, outcome, time and stage. */
function markerRun(
  marker: MarkerObservation,
  run: Pick<JobRun, 'runId' | 'state' | 'finishedAt' | 'stage'>,
): JobRun {
  const job = markerJobName(marker.url);
  return {
    ...run,
    runId: `freshness:${marker.repository.toLowerCase()}/${job}:${run.runId}`,
    source: 'freshness',
    system: 'watchdog',
    repository: marker.repository,
    job,
    jobType: 'unknown',
    sha: null,
    ref: null,
    defaultBranch: null,
    url: marker.url,
    startedAt: null,
    buildId: null,
  };
}

/** How many whole spans of `withinMs` have passed since `since`; null while it is fresh. */
function spanOf(since: string, withinMs: number, now: Date): number | null {
  const elapsed = now.getTime() - Date.parse(since);
  if (!(elapsed > withinMs)) return null;
  return Math.floor(elapsed / withinMs);
}

function earliest(a: string | null, b: string | null): string | null {
  if (a === null) return b;
  if (b === null) return a;
  return Date.parse(a) <= Date.parse(b) ? a : b;
}

function latest(a: string, b: string | null): string {
  return b !== null && Date.parse(b) > Date.parse(a) ? b : a;
}
