import { type Kysely, type Selectable, sql } from 'kysely';
import type { ReleaseNotice } from '../../src/notifications/release-notice.js';
import type { Database, ReleaseStormsTable } from '../../src/store/schema.js';
import type { ActiveStorm, StormJob } from './decide-storm.js';
import type { TrackerState, TrackingIssueRef } from './tracker-state.js';

const COUNTED = ['success', 'failure', 'error'];
const FAILED = new Set(['failure', 'error']);

type LatestRun = Omit<StormJob, 'issue'>;

/** A storm row as the shell uses it. */
export interface StormRow {
  readonly id: number;
  readonly org: string;
  readonly repository: string;
  readonly issueRepository: string;
  readonly issue: TrackingIssueRef | null;
  readonly startedAt: string;
}

/** A held notice, due for release. */
export interface HeldNotice {
  readonly id: number;
  readonly notice: ReleaseNotice;
}

/**
 * Storm control's tables (migration 009) and the reads it makes of the tracker's: which release
 * jobs of an org fail (from `job_runs`), their issues (from `tracking_issues`), the storms and
 * their members, and the notices held back while a storm may form.
 */
export class StormStore {
  constructor(private readonly db: Kysely<Database>) {}

  /**
   * The org's release jobs whose latest counted run (finished by `until`) failed at or after
   * `since`: the jobs a storm is made of. Times are the runs' own, so the answer does not depend
   * on when Sheriff processed them.
   */
  async failingJobs(org: string, since: Date, until: Date): Promise<StormJob[]> {
    const latest = await this.latestRuns({ org }, until);
    const failing = latest.filter(
      (run) => run.failing && run.failedAt !== null && run.failedAt >= since.toISOString(),
    );
    return this.withIssues(failing);
  }

  /** The given jobs as they are now (their latest counted run), with their issues. */
  async describeJobs(keys: readonly string[]): Promise<StormJob[]> {
    if (keys.length === 0) return [];
    const latest = await this.latestRuns({ keys });
    return this.withIssues(latest);
  }

  /** The org's unresolved storm with its members as they are now, if any. */
  async activeStorm(org: string): Promise<{ row: StormRow; storm: ActiveStorm } | undefined> {
    const row = await this.db
      .selectFrom('release_storms')
      .selectAll()
      .where('org', '=', org.toLowerCase())
      .where('resolved_at', 'is', null)
      .executeTakeFirst();
    if (!row) return undefined;
    const stormRow = stormRowOf(row);
    const keys = await this.memberKeys(row.id);
    const members = await this.describeJobs(keys);
    return {
      row: stormRow,
      storm: { id: stormRow.id, org: row.org, issue: stormRow.issue, members },
    };
  }

  /** The umbrella of the org's unresolved storm, once it is recorded. */
  async openUmbrella(org: string): Promise<TrackingIssueRef | null> {
    const row = await this.db
      .selectFrom('release_storms')
      .select(['issue_repository', 'issue_number'])
      .where('org', '=', org.toLowerCase())
      .where('resolved_at', 'is', null)
      .executeTakeFirst();
    return row?.issue_number ? { repository: row.issue_repository, number: row.issue_number } : null;
  }

  /**
   * Claims the org's storm: inserts it unless one is unresolved (the partial unique index makes
   * concurrent claims from several workers or replicas collapse into one row). Returns the row,
   * and whether this call created it.
   */
  async claimStorm(values: {
    org: string;
    repository: string;
    issueRepository: string;
    startedAt: Date;
  }): Promise<{ row: StormRow; created: boolean }> {
    const org = values.org.toLowerCase();
    const inserted = await this.db
      .insertInto('release_storms')
      .values({
        org,
        repository: values.repository,
        issue_repository: values.issueRepository,
        started_at: values.startedAt,
      })
      .onConflict((conflict) => conflict.column('org').where('resolved_at', 'is', null).doNothing())
      .returningAll()
      .executeTakeFirst();
    if (inserted) return { row: stormRowOf(inserted), created: true };
    const existing = await this.db
      .selectFrom('release_storms')
      .selectAll()
      .where('org', '=', org)
      .where('resolved_at', 'is', null)
      .executeTakeFirstOrThrow();
    return { row: stormRowOf(existing), created: false };
  }

  /** Records the umbrella and the members; `alongside` runs in the same transaction (the notice). */
  async recordOpened(
    stormId: number,
    issue: TrackingIssueRef,
    members: readonly StormJob[],
    alongside: (trx: Kysely<Database>) => Promise<void>,
  ): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx
        .updateTable('release_storms')
        .set({ issue_repository: issue.repository, issue_number: issue.number })
        .where('id', '=', stormId)
        .execute();
      await addMembers(trx, stormId, members);
      await alongside(trx);
    });
  }

  /** Adds a member; `alongside` runs in the same transaction only when it was new. */
  async join(
    stormId: number,
    member: StormJob,
    alongside: (trx: Kysely<Database>) => Promise<void>,
  ): Promise<boolean> {
    return this.db.transaction().execute(async (trx) => {
      const added = await addMembers(trx, stormId, [member]);
      if (added > 0) await alongside(trx);
      return added > 0;
    });
  }

  /** The members whose own issue has not been told about the umbrella yet. */
  async unlinkedMembers(stormId: number): Promise<string[]> {
    const rows = await this.db
      .selectFrom('release_storm_members')
      .select('tracking_key')
      .where('storm_id', '=', stormId)
      .where('linked', '=', false)
      .execute();
    return rows.map((row) => row.tracking_key);
  }

  async markLinked(stormId: number, key: string): Promise<void> {
    await this.db
      .updateTable('release_storm_members')
      .set({ linked: true })
      .where('storm_id', '=', stormId)
      .where('tracking_key', '=', key)
      .execute();
  }

  /** Resolves the storm; `alongside` runs in the same transaction only if this call resolved it. */
  async resolve(stormId: number, alongside: (trx: Kysely<Database>) => Promise<void>): Promise<boolean> {
    return this.db.transaction().execute(async (trx) => {
      const resolved = await trx
        .updateTable('release_storms')
        .set({ resolved_at: sql<Date>`now()` })
        .where('id', '=', stormId)
        .where('resolved_at', 'is', null)
        .returning('id')
        .executeTakeFirst();
      if (resolved) await alongside(trx);
      return resolved !== undefined;
    });
  }

  /**
   * The umbrella a job's notice belongs under: a storm listing the job that was unresolved when
   * the notice was produced (`at`, Sheriff's clock) or is still unresolved.
   */
  async umbrellaOf(key: string, at: string): Promise<TrackingIssueRef | null> {
    const row = await this.db
      .selectFrom('release_storms as s')
      .innerJoin('release_storm_members as m', 'm.storm_id', 's.id')
      .select(['s.issue_repository', 's.issue_number'])
      .where('m.tracking_key', '=', key)
      .where('s.issue_number', 'is not', null)
      .where((eb) => eb.or([eb('s.resolved_at', 'is', null), eb('s.resolved_at', '>=', new Date(at))]))
      .orderBy('s.id', 'desc')
      .executeTakeFirst();
    return row?.issue_number ? { repository: row.issue_repository, number: row.issue_number } : null;
  }

  /**
   * The umbrella of the unresolved storm listing the job, if any. Unlike `umbrellaOf` it ignores
   * resolution times: a notice published at once needs no look-back, and the store's `now()`
   * that stamps `resolved_at` is not Sheriff's clock (`sheriff simulate`).
   */
  async openUmbrellaOfMember(key: string): Promise<TrackingIssueRef | null> {
    const row = await this.db
      .selectFrom('release_storms as s')
      .innerJoin('release_storm_members as m', 'm.storm_id', 's.id')
      .select(['s.issue_repository', 's.issue_number'])
      .where('m.tracking_key', '=', key)
      .where('s.resolved_at', 'is', null)
      .where('s.issue_number', 'is not', null)
      .executeTakeFirst();
    return row?.issue_number ? { repository: row.issue_repository, number: row.issue_number } : null;
  }

  /**
   * Holds a job's notices until `releaseAt`, or until its earlier held notices are released if
   * that is later, so one job's notices stay in order.
   */
  async hold(
    trx: Kysely<Database>,
    org: string,
    key: string,
    notices: readonly ReleaseNotice[],
    releaseAt: Date,
  ): Promise<void> {
    if (notices.length === 0) return;
    const before = await trx
      .selectFrom('held_notices')
      .select((eb) => eb.fn.max('release_at').as('last'))
      .where('tracking_key', '=', key)
      .executeTakeFirst();
    const last = before?.last ? new Date(before.last) : null;
    const at = last && last > releaseAt ? last : releaseAt;
    await trx
      .insertInto('held_notices')
      .values(
        notices.map((notice) => ({
          org: org.toLowerCase(),
          tracking_key: key,
          notice: JSON.stringify(notice),
          release_at: at,
        })),
      )
      .execute();
  }

  /**
   * Takes the notices due by `now`, oldest first, inside `trx` (locked, so two replicas never take
   * the same one; deleted when `trx` commits).
   */
  async takeDue(trx: Kysely<Database>, now: Date, limit: number): Promise<HeldNotice[]> {
    const rows = await trx
      .selectFrom('held_notices')
      .select(['id', 'notice'])
      .where('release_at', '<=', now)
      .orderBy('id')
      .limit(limit)
      .forUpdate()
      .skipLocked()
      .execute();
    if (rows.length === 0) return [];
    await trx
      .deleteFrom('held_notices')
      .where(
        'id',
        'in',
        rows.map((row) => row.id),
      )
      .execute();
    return rows.map((row) => ({ id: row.id, notice: JSON.parse(row.notice) as ReleaseNotice }));
  }

  private async memberKeys(stormId: number): Promise<string[]> {
    const rows = await this.db
      .selectFrom('release_storm_members')
      .select('tracking_key')
      .where('storm_id', '=', stormId)
      .orderBy('tracking_key')
      .execute();
    return rows.map((row) => row.tracking_key);
  }

  /** Each key's latest counted release run, in one org or of the given keys (finished by `until`). */
  private async latestRuns(
    scope: { org: string } | { keys: readonly string[] },
    until?: Date,
  ): Promise<LatestRun[]> {
    let query = this.db
      .selectFrom('job_runs')
      .distinctOn('tracking_key')
      .select(['tracking_key', 'repository', 'job', 'state', 'finished_at'])
      .where('release', '=', true)
      .where('state', 'in', COUNTED)
      .where('finished_at', 'is not', null)
      .orderBy('tracking_key')
      .orderBy('finished_at', 'desc')
      .orderBy('id', 'desc');
    query =
      'org' in scope
        ? query.where(sql<string>`lower(repository)`, 'like', `${escapeLike(scope.org.toLowerCase())}/%`)
        : query.where('tracking_key', 'in', [...scope.keys]);
    if (until) query = query.where('finished_at', '<=', until);
    const rows = await query.execute();
    return rows.map((row) => ({
      key: row.tracking_key,
      repository: row.repository,
      job: row.job,
      failing: FAILED.has(row.state),
      failedAt: FAILED.has(row.state) && row.finished_at ? new Date(row.finished_at).toISOString() : null,
    }));
  }

  /** Adds each job's current tracking issue (the current episode's, not a finished one's). */
  private async withIssues(runs: readonly LatestRun[]): Promise<StormJob[]> {
    if (runs.length === 0) return [];
    const rows = await this.db
      .selectFrom('tracking_issues')
      .select(['tracking_key', 'state'])
      .where(
        'tracking_key',
        'in',
        runs.map((run) => run.key),
      )
      .execute();
    const episodes = new Map(
      rows.map((row) => [row.tracking_key, (JSON.parse(row.state) as TrackerState).episode]),
    );
    return runs.map((run) => {
      const episode = episodes.get(run.key);
      return { ...run, issue: episode?.issue ?? null, umbrella: episode?.umbrella ?? null };
    });
  }
}

async function addMembers(
  trx: Kysely<Database>,
  stormId: number,
  members: readonly StormJob[],
): Promise<number> {
  if (members.length === 0) return 0;
  const added = await trx
    .insertInto('release_storm_members')
    .values(
      members.map((member) => ({
        storm_id: stormId,
        tracking_key: member.key,
        repository: member.repository,
        job: member.job,
      })),
    )
    .onConflict((conflict) => conflict.columns(['storm_id', 'tracking_key']).doNothing())
    .returning('tracking_key')
    .execute();
  return added.length;
}

function stormRowOf(row: Selectable<ReleaseStormsTable>): StormRow {
  return {
    id: Number(row.id),
    org: row.org,
    repository: row.repository,
    issueRepository: row.issue_repository,
    issue: row.issue_number ? { repository: row.issue_repository, number: row.issue_number } : null,
    startedAt: new Date(row.started_at).toISOString(),
  };
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (char) => `\\${char}`);
}
