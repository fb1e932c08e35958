import { type Kysely, type Selectable, sql } from 'kysely';
import type { RerunTarget } from '../../src/rerun/rerun-backend.js';
import type { Database, JobRunsTable } from '../../src/store/schema.js';

/** A release run as the tracker stored it (`job_runs`, read only): what a re-run starts from. */
export interface ReleaseRun extends RerunTarget {
  readonly trackingKey: string;
  /** `success`, `failure`, `error`, `aborted`, `neutral`. */
  readonly state: string;
  /** Where it failed (`<workflow job> › <step>` for Actions): service areas can name it. */
  readonly stage: string | null;
}

/** Whether a run's outcome is one `/retest-release` re-runs. */
export function isFailed(run: Pick<ReleaseRun, 'state'>): boolean {
  return run.state === 'failure' || run.state === 'error';
}

/**
 * Reads the release tracker's runs (`job_runs`, migration 004) for `/retest-release`. Only
 * finished release runs count, and of each job only the latest: a job whose last run passed has
 * nothing to re-run, and an older failure of it is history.
 */
export class ReleaseRuns {
  constructor(private readonly db: Kysely<Database>) {}

  /** The latest run of each job of a tracking key (one job, or one job and ref). */
  async latestOfKey(key: string): Promise<ReleaseRun[]> {
    return latestPerJob(await this.finished().where('tracking_key', '=', key).execute());
  }

  /** The latest run of each release job that ran on a commit (a full SHA or a prefix). */
  async latestOfCommit(repository: string, sha: string): Promise<ReleaseRun[]> {
    const rows = await this.finished()
      .where(sql<string>`lower(repository)`, '=', repository.toLowerCase())
      .where('sha', 'like', `${sha.toLowerCase().replace(/[^0-9a-f]/g, '')}%`)
      .execute();
    return latestPerJob(rows);
  }

  /** The latest run of the job in any of the repositories. */
  async latestOfJob(repositories: readonly string[], job: string): Promise<ReleaseRun | undefined> {
    if (repositories.length === 0) return undefined;
    const rows = await this.finished()
      .where(
        sql<string>`lower(repository)`,
        'in',
        repositories.map((repository) => repository.toLowerCase()),
      )
      .where('job', '=', job)
      .limit(1)
      .execute();
    return rows[0] ? runOf(rows[0]) : undefined;
  }

  /** One stored run by its id. */
  async byId(runId: string): Promise<ReleaseRun | undefined> {
    const row = await this.db
      .selectFrom('job_runs')
      .selectAll()
      .where('run_id', '=', runId)
      .executeTakeFirst();
    return row ? runOf(row) : undefined;
  }

  /** The release jobs known in these repositories, by name, at most `limit`. */
  async jobNames(repositories: readonly string[], limit = 20): Promise<string[]> {
    if (repositories.length === 0) return [];
    const rows = await this.db
      .selectFrom('job_runs')
      .select('job')
      .distinct()
      .where('release', '=', true)
      .where(
        sql<string>`lower(repository)`,
        'in',
        repositories.map((repository) => repository.toLowerCase()),
      )
      .orderBy('job')
      .limit(limit)
      .execute();
    return rows.map((row) => row.job);
  }

  /** Finished release runs, newest first. */
  private finished() {
    return this.db
      .selectFrom('job_runs')
      .selectAll()
      .where('release', '=', true)
      .where('state', '<>', 'pending')
      .orderBy(sql`coalesce(finished_at, recorded_at)`, 'desc')
      .orderBy('id', 'desc');
  }
}

function latestPerJob(rows: readonly Selectable<JobRunsTable>[]): ReleaseRun[] {
  const seen = new Set<string>();
  const latest: ReleaseRun[] = [];
  for (const row of rows) {
    const job = `${row.repository.toLowerCase()}/${row.job}`;
    if (seen.has(job)) continue;
    seen.add(job);
    latest.push(runOf(row));
  }
  return latest;
}

function runOf(row: Selectable<JobRunsTable>): ReleaseRun {
  return {
    runId: row.run_id,
    trackingKey: row.tracking_key,
    source: row.source,
    system: row.system,
    repository: row.repository,
    job: row.job,
    jobType: row.job_type,
    sha: row.sha,
    ref: row.ref,
    defaultBranch: row.default_branch,
    url: row.url,
    buildId: row.build_id,
    state: row.state,
    stage: row.stage,
  };
}
