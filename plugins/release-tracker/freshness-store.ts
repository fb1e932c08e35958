import type { Kysely } from 'kysely';
import type { Database } from '../../src/store/schema.js';
import type { JobHistory, MarkerObservation } from './decide-freshness.js';
import type { CiSystem, JobType } from './job-run.js';
import type { TrackerState } from './tracker-state.js';

/** What one marker fetch saw. */
export interface MarkerFetch {
  readonly status: number | null;
  readonly error: string | null;
  /** Set for a 2xx answer. */
  readonly content: { readonly sha256: string; readonly text: string } | null;
  /** The answer's `Last-Modified`, when readable. */
  readonly lastModified: Date | null;
}

/**
 * The watchdog's reads and writes: the repositories Sheriff knows (`repo_configs`, every one whose
 * config it has loaded), job histories from `job_runs`, and its own tables (migration 008).
 */
export class FreshnessStore {
  constructor(private readonly db: Kysely<Database>) {}

  /**
   * The repositories whose last valid config on record has freshness rules (lower-cased
   * `owner/name`): only those are worth loading the current config of on every tick.
   */
  async repositoriesWithRules(): Promise<string[]> {
    const rows = await this.db
      .selectFrom('repo_configs')
      .select(['repository', 'config'])
      .orderBy('repository')
      .execute();
    return rows.filter((row) => hasFreshnessRules(row.config)).map((row) => row.repository);
  }

  /** The jobs the repository has reported (Sheriff's synthetic runs left out). */
  async jobNames(repository: string): Promise<string[]> {
    const rows = await this.db
      .selectFrom('job_runs')
      .select('job')
      .distinct()
      .where((eb) => eb(eb.fn('lower', ['repository']), '=', repository.toLowerCase()))
      .where('source', '<>', 'freshness')
      .execute();
    return rows.map((row) => row.job).sort();
  }

  /** The job's last success and last run, and since when a rule watches it (recorded now if new). */
  async jobHistory(repository: string, job: string, now: Date): Promise<JobHistory> {
    const lower = repository.toLowerCase();
    await this.db
      .insertInto('freshness_watches')
      .values({ repository: lower, job, first_seen_at: now })
      .onConflict((conflict) => conflict.columns(['repository', 'job']).doNothing())
      .execute();
    const watch = await this.db
      .selectFrom('freshness_watches')
      .select('first_seen_at')
      .where('repository', '=', lower)
      .where('job', '=', job)
      .executeTakeFirstOrThrow();
    const runs = this.db
      .selectFrom('job_runs')
      .where((eb) => eb(eb.fn('lower', ['repository']), '=', lower))
      .where('job', '=', job)
      .where('source', '<>', 'freshness')
      .where('finished_at', 'is not', null)
      .where('state', '<>', 'pending');
    const lastRun = await runs
      .select(['repository', 'system', 'job_type', 'state', 'url', 'finished_at'])
      .orderBy('finished_at', 'desc')
      .limit(1)
      .executeTakeFirst();
    const lastSuccess = await runs
      .select('finished_at')
      .where('state', '=', 'success')
      .orderBy('finished_at', 'desc')
      .limit(1)
      .executeTakeFirst();
    const firstRun = await runs
      .select('finished_at')
      .orderBy('finished_at', 'asc')
      .limit(1)
      .executeTakeFirst();
    return {
      repository: lastRun?.repository ?? repository,
      job,
      system: (lastRun?.system as CiSystem | undefined) ?? null,
      jobType: (lastRun?.job_type as JobType | undefined) ?? null,
      lastSuccess: lastSuccess?.finished_at ? { at: iso(lastSuccess.finished_at) } : null,
      lastRun: lastRun?.finished_at
        ? { at: iso(lastRun.finished_at), state: lastRun.state, url: lastRun.url }
        : null,
      firstRunAt: firstRun?.finished_at ? iso(firstRun.finished_at) : null,
      watchedSince: iso(watch.first_seen_at),
    };
  }

  /**
   * Whether the key's current episode has an issue and its latest failure is a real run: the job
   * is failing loudly and already tracked, so the watchdog has nothing to add.
   */
  async isTrackedByFailures(key: string): Promise<boolean> {
    const row = await this.db
      .selectFrom('tracking_issues')
      .select('state')
      .where('tracking_key', '=', key)
      .executeTakeFirst();
    if (!row) return false;
    const state = JSON.parse(row.state) as TrackerState;
    const episode = state.episode;
    return Boolean(episode?.issue) && !episode!.lastFailure.runId.startsWith('freshness:');
  }

  /**
   * Records one fetch of a marker: a new content moves `changed_at` to now (or to its
   * Last-Modified, when that is later than the previous change and not in the future); the first
   * content seen dates from its Last-Modified. Returns the observation, and the new content's hash
   * when it changed from an earlier content.
   */
  async recordMarkerFetch(
    repository: string,
    url: string,
    fetched: MarkerFetch,
    now: Date,
  ): Promise<{ marker: MarkerObservation; changedTo: string | null }> {
    const lower = repository.toLowerCase();
    const previous = await this.db
      .selectFrom('freshness_markers')
      .selectAll()
      .where('repository', '=', lower)
      .where('url', '=', url)
      .executeTakeFirst();
    const modified =
      fetched.lastModified && fetched.lastModified.getTime() <= now.getTime() ? fetched.lastModified : null;
    let changedAt = previous ? new Date(previous.changed_at) : (modified ?? now);
    let changedTo: string | null = null;
    const content = fetched.content;
    if (content && previous && previous.content_sha256 !== content.sha256) {
      changedAt = modified && modified.getTime() > changedAt.getTime() ? modified : now;
      if (previous.content_sha256 !== null) changedTo = content.sha256;
    }
    const values = {
      content_sha256: content?.sha256 ?? previous?.content_sha256 ?? null,
      content: content?.text.slice(0, 1024) ?? previous?.content ?? null,
      changed_at: changedAt,
      checked_at: now,
      last_status: fetched.status,
      last_error: fetched.error,
    };
    await this.db
      .insertInto('freshness_markers')
      .values({ repository: lower, url, ...values })
      .onConflict((conflict) => conflict.columns(['repository', 'url']).doUpdateSet(values))
      .execute();
    return {
      marker: {
        repository,
        url,
        changedAt: changedAt.toISOString(),
        lastStatus: fetched.status,
        lastError: fetched.error,
      },
      changedTo,
    };
  }
}

function hasFreshnessRules(configText: string): boolean {
  try {
    const config = JSON.parse(configText) as { plugins?: Record<string, { freshness?: unknown[] }> };
    return (config.plugins?.['release-tracker']?.freshness?.length ?? 0) > 0;
  } catch {
    return false;
  }
}

function iso(value: Date | string): string {
  return new Date(value).toISOString();
}
