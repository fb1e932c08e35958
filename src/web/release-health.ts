import { type Kysely, sql } from 'kysely';
import { buildServiceAreas } from '../areas/service-area.js';
import { matchAreas } from '../areas/match-areas.js';
import type { AreaSeverity } from '../areas/service-area-schema.js';
import type { Database } from '../store/schema.js';

/** A run as the dashboard shows it: passed, failed, or neither (cancelled, neutral). */
export type RunMark = 'pass' | 'fail' | 'other';

export type HealthStatus = 'failing' | 'passing' | 'no-runs';

export interface OpenTrackingIssue {
  repository: string;
  number: number;
  url: string;
  /** Consecutive failures so far. */
  failures: number;
  /** When the episode's first failing run finished. */
  failingSince: string | null;
  stage: string | null;
  ackedBy: string | null;
  muted: boolean;
}

export interface JobHealth {
  repository: string;
  job: string;
  status: HealthStatus;
  lastRun: { mark: RunMark; finishedAt: string | null; url: string | null } | null;
  /** Oldest first, at most `RECENT_RUNS`. */
  recent: RunMark[];
  /** Passed / (passed + failed) over the window; null without counted runs. */
  passRate: number | null;
  runs: number;
  issue: OpenTrackingIssue | null;
}

export interface AreaHealth {
  /** The service area, or null for jobs no area claims. */
  area: string | null;
  severity: AreaSeverity | null;
  status: HealthStatus;
  failing: number;
  jobs: JobHealth[];
}

export interface ReleaseHealth {
  generatedAt: string;
  windowDays: number;
  /** Failing areas first, then by name; the unassigned group last. */
  areas: AreaHealth[];
  totals: {
    jobs: number;
    failing: number;
    openIssues: number;
    /** Episodes that opened an issue within 30 days. */
    episodes30d: number;
    /** Median seconds from the first failure to the issue, over those episodes. */
    mttdSecondsMedian: number | null;
    /** Median seconds broken, over the episodes of 30 days that ended in a recovery. */
    timeToRecoverySecondsMedian: number | null;
  };
}

export const RECENT_RUNS = 10;
const GITHUB_WEB = 'https://github.com';

interface TrackedState {
  consecutiveFailures?: number;
  episode?: {
    firstFailure?: { at?: string | null };
    stage?: string | null;
    routing?: { area?: string | null; severity?: AreaSeverity } | null;
    issue?: { repository: string; number: number } | null;
  } | null;
}

/**
 * Release health per service area, read from the tracker's tables: every release run of the last
 * `windowDays` (pass rate, the recent pattern, the last run), the open tracking issues, and each
 * repository's last valid config (its `areas` job patterns say which area a job belongs to; an
 * open episode's own routing is used when no pattern matches).
 *
 * @example
 * const health = await loadReleaseHealth(store.db, { now: new Date(), windowDays: 7 });
 * health.areas[0]; // { area: 'lambda', status: 'failing', failing: 1, jobs: [...] }
 */
export async function loadReleaseHealth(
  db: Kysely<Database>,
  options: { now: Date; windowDays: number },
): Promise<ReleaseHealth> {
  const since = new Date(options.now.getTime() - options.windowDays * 86_400_000);
  const [runs, tracked, configs, episodes] = await Promise.all([
    db
      .selectFrom('job_runs')
      .select(['repository', 'job', 'state', 'finished_at', 'url'])
      .where('release', '=', true)
      .where('finished_at', '>=', since)
      .orderBy('finished_at')
      .execute(),
    db.selectFrom('tracking_issues').select(['repository', 'job', 'state', 'acked_by', 'muted']).execute(),
    db.selectFrom('repo_configs').select(['repository', 'config']).execute(),
    db
      .selectFrom('tracking_episodes')
      .select(['mttd_seconds', 'time_to_recovery_seconds', 'ended_by'])
      .where('opened_at', '>=', sql<Date>`${new Date(options.now.getTime() - 30 * 86_400_000)}`)
      .execute(),
  ]);

  const jobs = new Map<
    string,
    JobHealth & { routedArea: string | null; routedSeverity: AreaSeverity | null }
  >();
  const jobOf = (repository: string, job: string) => {
    const id = `${repository.toLowerCase()}\u0000${job}`;
    let entry = jobs.get(id);
    if (!entry) {
      entry = {
        repository,
        job,
        status: 'no-runs',
        lastRun: null,
        recent: [],
        passRate: null,
        runs: 0,
        issue: null,
        routedArea: null,
        routedSeverity: null,
      };
      jobs.set(id, entry);
    }
    return entry;
  };

  const counted = new Map<JobHealth, { passed: number; failed: number }>();
  for (const run of runs) {
    const entry = jobOf(run.repository, run.job);
    const mark = markOf(run.state);
    entry.runs += 1;
    entry.recent = [...entry.recent, mark].slice(-RECENT_RUNS);
    entry.lastRun = {
      mark,
      finishedAt: run.finished_at ? new Date(run.finished_at).toISOString() : null,
      url: run.url,
    };
    const tally = counted.get(entry) ?? { passed: 0, failed: 0 };
    if (mark === 'pass') tally.passed += 1;
    if (mark === 'fail') tally.failed += 1;
    counted.set(entry, tally);
  }
  for (const [entry, tally] of counted) {
    const total = tally.passed + tally.failed;
    entry.passRate = total === 0 ? null : tally.passed / total;
  }

  for (const row of tracked) {
    const state = parseState(row.state);
    const episode = state?.episode;
    if (!episode?.issue) continue;
    const entry = jobOf(row.repository, row.job);
    entry.issue = {
      repository: episode.issue.repository,
      number: episode.issue.number,
      url: `${GITHUB_WEB}/${episode.issue.repository}/issues/${episode.issue.number}`,
      failures: state?.consecutiveFailures ?? 0,
      failingSince: episode.firstFailure?.at ?? null,
      stage: episode.stage ?? null,
      ackedBy: row.acked_by,
      muted: row.muted,
    };
    entry.routedArea = episode.routing?.area ?? null;
    entry.routedSeverity = episode.routing?.severity ?? null;
  }

  const areasByRepository = new Map(
    configs.map((row) => [row.repository.toLowerCase(), areasOf(row.config)] as const),
  );
  const groups = new Map<string | null, AreaHealth>();
  for (const entry of jobs.values()) {
    const failing = entry.issue !== null || entry.lastRun?.mark === 'fail';
    entry.status = failing ? 'failing' : entry.lastRun ? 'passing' : 'no-runs';
    const matched = matchAreas(areasByRepository.get(entry.repository.toLowerCase()) ?? [], {
      job: entry.job,
    })[0];
    const area = matched?.name ?? entry.routedArea;
    const severity = matched?.severity ?? entry.routedSeverity;
    let group = groups.get(area);
    if (!group) {
      group = { area, severity, status: 'no-runs', failing: 0, jobs: [] };
      groups.set(area, group);
    }
    const { routedArea: _area, routedSeverity: _severity, ...job } = entry;
    group.jobs.push(job);
    if (failing) group.failing += 1;
  }
  for (const group of groups.values()) {
    group.status =
      group.failing > 0 ? 'failing' : group.jobs.some((job) => job.lastRun) ? 'passing' : 'no-runs';
    group.jobs.sort(
      (a, b) =>
        rank(a.status) - rank(b.status) ||
        a.repository.localeCompare(b.repository) ||
        a.job.localeCompare(b.job),
    );
  }
  const areas = [...groups.values()].sort(
    (a, b) =>
      rank(a.status) - rank(b.status) ||
      (a.area === null ? 1 : 0) - (b.area === null ? 1 : 0) ||
      (a.area ?? '').localeCompare(b.area ?? ''),
  );

  const all = [...jobs.values()];
  return {
    generatedAt: options.now.toISOString(),
    windowDays: options.windowDays,
    areas,
    totals: {
      jobs: all.length,
      failing: all.filter((job) => job.status === 'failing').length,
      openIssues: all.filter((job) => job.issue !== null).length,
      episodes30d: episodes.length,
      mttdSecondsMedian: median(episodes.map((row) => row.mttd_seconds)),
      timeToRecoverySecondsMedian: median(
        episodes.filter((row) => row.ended_by === 'recovery').map((row) => row.time_to_recovery_seconds),
      ),
    },
  };
}

function markOf(state: string): RunMark {
  if (state === 'success') return 'pass';
  if (state === 'failure' || state === 'error') return 'fail';
  return 'other';
}

function rank(status: HealthStatus): number {
  return status === 'failing' ? 0 : status === 'passing' ? 1 : 2;
}

function parseState(text: string): TrackedState | null {
  try {
    return JSON.parse(text) as TrackedState;
  } catch {
    return null;
  }
}

/** A stored config's areas, without OWNERS (the dashboard routes by job patterns only). */
function areasOf(configText: string) {
  try {
    const config = JSON.parse(configText) as { areas?: Parameters<typeof buildServiceAreas>[0] };
    return buildServiceAreas(config.areas ?? {});
  } catch {
    return [];
  }
}

function median(values: ReadonlyArray<number | null>): number | null {
  const sorted = values.filter((value): value is number => value !== null).sort((a, b) => a - b);
  if (sorted.length === 0) return null;
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}
