import { type Kysely, type Selectable, sql } from 'kysely';
import type { Database, JobRunsTable, TrackingIssuesTable } from '../../src/store/schema.js';
import {
  type CiSystem,
  type JobRun,
  type JobRunSource,
  type JobRunState,
  type JobType,
  mergeJobRuns,
} from './job-run.js';
import type { HistoryOutcome } from './flaky-history.js';
import type { EpisodeCandidate } from './release-stage-graph.js';
import type { TrackerEvent } from './tracker-action.js';
import {
  type HumanMarks,
  initialTrackerState,
  type TrackerSnapshot,
  type TrackerState,
} from './tracker-state.js';

/** A run as stored, merged with what other signals said about it before. */
export interface RecordedRun {
  readonly run: JobRun;
  readonly release: boolean;
  /** When the tracker acted on this run; null when it has not yet. */
  readonly appliedAt: Date | null;
  /** The run was applied without a stage and this signal brought one. */
  readonly stageLearned: boolean;
  /** This signal is the first to say the run finished (count it in the metrics once). */
  readonly newlyFinished: boolean;
}

/** The key's state, claimed for one run's actions. */
export interface TrackerClaim {
  readonly snapshot: TrackerSnapshot;
  /** A claim on this key was left behind (a crash, a lost lease): actions may have half-happened. */
  readonly interrupted: boolean;
}

/** A tracking issue found by its number, for commands and issue events. */
export interface TrackedIssue {
  readonly key: string;
  readonly state: TrackerState;
  readonly marks: HumanMarks;
  /** Whether it is the key's current episode's issue (not one of a finished episode). */
  readonly current: boolean;
}

/** The columns people's commands and activity write. */
export interface MarksPatch {
  muted?: boolean;
  acked_by?: string | null;
  snoozed_until?: Date | null;
  human_action_at?: Date | null;
  human_closed_at?: Date | null;
}

/**
 * The tracker's tables (migration 004): every run in `job_runs`, one row per key in
 * `tracking_issues` (the uniqueness guard), episodes with MTTD and time to recovery in
 * `tracking_episodes`.
 *
 * Safety under at-least-once, concurrent delivery: a run's row is merged under a row lock, so a
 * second signal or a redelivery of the same run never counts twice; a key is claimed (a lease)
 * while one run's GitHub actions are in flight, so two runs of one key never act at once, even
 * from different delivery keys or replicas; the state is committed, the run marked applied and
 * the claim released in one transaction, guarded by the claim.
 */
export class TrackerStore {
  constructor(private readonly db: Kysely<Database>) {}

  /** Stores a run, or merges it into the run another signal (or an earlier delivery) stored. */
  async recordRun(
    run: JobRun,
    meta: { trackingKey: string; release: boolean; deliveryId: string },
  ): Promise<RecordedRun> {
    return this.db.transaction().execute(async (trx) => {
      const inserted = await trx
        .insertInto('job_runs')
        .values({
          ...rowOf(run),
          tracking_key: meta.trackingKey,
          release: meta.release,
          delivery_id: meta.deliveryId,
        })
        .onConflict((conflict) => conflict.column('run_id').doNothing())
        .returning('id')
        .executeTakeFirst();
      if (inserted)
        return {
          run,
          release: meta.release,
          appliedAt: null,
          stageLearned: false,
          newlyFinished: run.state !== 'pending',
        };

      const existing = await trx
        .selectFrom('job_runs')
        .selectAll()
        .where('run_id', '=', run.runId)
        .forUpdate()
        .executeTakeFirstOrThrow();
      const before = runOf(existing);
      const merged = mergeJobRuns(before, run);
      // The signal that says the run finished (the workflow run, not its job) classifies it.
      const release = run.state !== 'pending' ? meta.release : existing.release;
      // A run that finishes again under the same id (a rerequested check run or suite: the App
      // reuses it) is news: /retest-release's in-flight rule looks for runs recorded since a
      // re-run was asked for.
      const finishedAgain =
        merged.state !== 'pending' &&
        (merged.state !== before.state || merged.finishedAt !== before.finishedAt);
      await trx
        .updateTable('job_runs')
        .set({
          ...rowOf(merged),
          tracking_key: meta.trackingKey,
          release,
          ...(finishedAgain ? { recorded_at: sql<Date>`now()` } : {}),
        })
        .where('run_id', '=', run.runId)
        .execute();
      return {
        run: merged,
        release,
        appliedAt: existing.applied_at,
        stageLearned: before.stage === null && merged.stage !== null,
        newlyFinished: before.state === 'pending' && merged.state !== 'pending',
      };
    });
  }

  /**
   * Claims the key for one run: creates its row if new, and takes the lease unless another run
   * holds a live one (then how long that lease still runs: try again after it). Re-claiming one's own lease (a retried
   * job) or an expired one is allowed and reported as `interrupted`.
   */
  async claim(key: string, run: JobRun, leaseMs: number): Promise<TrackerClaim | { busyForMs: number }> {
    return this.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('tracking_issues')
        .values({
          tracking_key: key,
          repository: run.repository,
          job: run.job,
          state: JSON.stringify(initialTrackerState(run)),
        })
        .onConflict((conflict) => conflict.column('tracking_key').doNothing())
        .execute();
      const row = await trx
        .selectFrom('tracking_issues')
        .selectAll()
        .where('tracking_key', '=', key)
        .forUpdate()
        .executeTakeFirstOrThrow();
      const claimed = await trx
        .updateTable('tracking_issues')
        .set({ claimed_by: run.runId, claimed_at: sql<Date>`now()` })
        .where('tracking_key', '=', key)
        .where((eb) =>
          eb.or([
            eb('claimed_by', 'is', null),
            eb('claimed_by', '=', run.runId),
            eb('claimed_at', '<', sql<Date>`now() - ${leaseMs} * interval '1 millisecond'`),
          ]),
        )
        .returning('tracking_key')
        .executeTakeFirst();
      if (!claimed) {
        const heldFor = Date.now() - new Date(row.claimed_at ?? Date.now()).getTime();
        return { busyForMs: Math.max(0, leaseMs - heldFor) };
      }
      return { snapshot: snapshotOf(row), interrupted: row.claimed_by !== null };
    });
  }

  /**
   * Commits one run's outcome: the next state (and its issue), the run marked applied, the
   * episode's MTTD or time to recovery, the claim released. Issue-scoped marks (ack, snooze,
   * human activity) are cleared when an issue opens or an episode ends. Throws when the claim
   * was lost meanwhile, so the job is retried.
   */
  async commit(
    key: string,
    runId: string,
    next: TrackerState,
    events: readonly TrackerEvent[],
    now: Date,
    /** More writes in the same transaction (the notices this state change publishes). */
    alongside?: (trx: Kysely<Database>) => Promise<void>,
  ): Promise<{ mttdSeconds: number | null }> {
    const issue = next.episode?.issue ?? null;
    let mttdSeconds: number | null = null;
    const freshIssue = events.some((event) => event.type === 'opened' || event.type === 'ended');
    await this.db.transaction().execute(async (trx) => {
      const updated = await trx
        .updateTable('tracking_issues')
        .set({
          state: JSON.stringify(next),
          version: sql<number>`version + 1`,
          claimed_by: null,
          claimed_at: null,
          updated_at: sql<Date>`now()`,
          ...(issue ? { issue_repository: issue.repository.toLowerCase(), issue_number: issue.number } : {}),
          ...(freshIssue
            ? { acked_by: null, snoozed_until: null, human_action_at: null, human_closed_at: null }
            : {}),
        })
        .where('tracking_key', '=', key)
        .where('claimed_by', '=', runId)
        .returning('tracking_key')
        .executeTakeFirst();
      if (!updated) throw new Error(`the claim on ${key} for run ${runId} was lost; retrying`);
      await trx
        .updateTable('job_runs')
        .set({ applied_at: sql<Date>`now()` })
        .where('run_id', '=', runId)
        .execute();
      for (const event of events) {
        if (event.type === 'opened') {
          mttdSeconds = event.firstFailureAt
            ? (now.getTime() - Date.parse(event.firstFailureAt)) / 1000
            : null;
          const values = {
            issue_repository: issue?.repository.toLowerCase() ?? null,
            issue_number: issue?.number ?? null,
            opened_at: now,
            mttd_seconds: mttdSeconds,
          };
          await trx
            .insertInto('tracking_episodes')
            .values({
              tracking_key: key,
              first_failure_run_id: event.firstFailureRunId,
              first_failure_at: event.firstFailureAt ? new Date(event.firstFailureAt) : null,
              ...values,
            })
            .onConflict((conflict) =>
              conflict.columns(['tracking_key', 'first_failure_run_id']).doUpdateSet(values),
            )
            .execute();
        } else if (event.type === 'ended') {
          await trx
            .updateTable('tracking_episodes')
            .set({
              ended_at: now,
              ended_by: event.by,
              fixing_sha: event.fixingSha,
              time_to_recovery_seconds: event.brokenSeconds,
            })
            .where('tracking_key', '=', key)
            .where('first_failure_run_id', '=', event.firstFailureRunId)
            .execute();
        }
      }
      if (alongside) await alongside(trx);
    });
    return { mttdSeconds };
  }

  /** Gives a claim back without changing the state (nothing to do after all). */
  async release(key: string, runId: string): Promise<void> {
    await this.db
      .updateTable('tracking_issues')
      .set({ claimed_by: null, claimed_at: null })
      .where('tracking_key', '=', key)
      .where('claimed_by', '=', runId)
      .execute();
  }

  /**
   * The key's latest counted release runs up to `run` (by the runs' own times), oldest first, at
   * most `limit`: the history flaky detection reads.
   */
  async recentOutcomes(key: string, run: JobRun, limit: number): Promise<HistoryOutcome[]> {
    let query = this.db
      .selectFrom('job_runs')
      .select('state')
      .where('tracking_key', '=', key)
      .where('release', '=', true)
      .where('state', 'in', ['success', 'failure', 'error'])
      .orderBy('finished_at', 'desc')
      .orderBy('id', 'desc')
      .limit(limit);
    if (run.finishedAt) query = query.where('finished_at', '<=', new Date(run.finishedAt));
    const rows = await query.execute();
    return rows.reverse().map((row) => (row.state === 'success' ? 'passed' : 'failed'));
  }

  /**
   * The open episodes with an open issue of one repository's jobs (a person's close counts as
   * over): what a downstream failure may be folded into (release stages).
   */
  async openEpisodesIn(repository: string): Promise<EpisodeCandidate[]> {
    const rows = await this.db
      .selectFrom('tracking_issues')
      .select(['tracking_key', 'state'])
      .where('repository', '=', repository)
      .where('issue_number', 'is not', null)
      .where('muted', '=', false)
      .where('human_closed_at', 'is', null)
      .execute();
    return rows.flatMap((row) => {
      const state = JSON.parse(row.state) as TrackerState;
      const episode = state.episode;
      if (!episode?.issue || episode.closedByHuman) return [];
      return [
        {
          key: row.tracking_key,
          job: state.job,
          stageText: episode.stage,
          sha: episode.lastFailure.sha,
          ref: episode.lastFailure.ref,
          issue: episode.issue,
        },
      ];
    });
  }

  /** The tracking key whose (current or last) issue this is, if any. */
  async findByIssue(repository: string, number: number): Promise<TrackedIssue | undefined> {
    const row = await this.db
      .selectFrom('tracking_issues')
      .selectAll()
      .where('issue_repository', '=', repository.toLowerCase())
      .where('issue_number', '=', number)
      .executeTakeFirst();
    if (!row) return undefined;
    const snapshot = snapshotOf(row);
    const issue = snapshot.state.episode?.issue;
    return {
      key: row.tracking_key,
      state: snapshot.state,
      marks: snapshot.marks,
      current: issue !== undefined && issue !== null && issue.number === number,
    };
  }

  /** Writes what people said (only these columns: they never race the job-driven state). */
  async setMarks(key: string, patch: MarksPatch): Promise<void> {
    await this.db
      .updateTable('tracking_issues')
      .set({ ...patch, updated_at: sql<Date>`now()` })
      .where('tracking_key', '=', key)
      .execute();
  }
}

function rowOf(run: JobRun) {
  return {
    run_id: run.runId,
    source: run.source,
    system: run.system,
    repository: run.repository,
    job: run.job,
    job_type: run.jobType,
    sha: run.sha,
    ref: run.ref,
    default_branch: run.defaultBranch,
    state: run.state,
    url: run.url,
    build_id: run.buildId,
    stage: run.stage,
    started_at: run.startedAt ? new Date(run.startedAt) : null,
    finished_at: run.finishedAt ? new Date(run.finishedAt) : null,
  };
}

function runOf(row: Selectable<JobRunsTable>): JobRun {
  return {
    runId: row.run_id,
    source: row.source as JobRunSource,
    system: row.system as CiSystem,
    repository: row.repository,
    job: row.job,
    jobType: row.job_type as JobType,
    sha: row.sha,
    ref: row.ref,
    defaultBranch: row.default_branch,
    state: row.state as JobRunState,
    url: row.url,
    buildId: row.build_id,
    stage: row.stage,
    startedAt: row.started_at ? new Date(row.started_at).toISOString() : null,
    finishedAt: row.finished_at ? new Date(row.finished_at).toISOString() : null,
  };
}

function snapshotOf(row: Selectable<TrackingIssuesTable>): TrackerSnapshot {
  return {
    key: row.tracking_key,
    state: JSON.parse(row.state) as TrackerState,
    marks: {
      muted: row.muted,
      ackedBy: row.acked_by,
      snoozedUntil: row.snoozed_until ? new Date(row.snoozed_until).toISOString() : null,
      humanActionAt: row.human_action_at ? new Date(row.human_action_at).toISOString() : null,
      humanClosedAt: row.human_closed_at ? new Date(row.human_closed_at).toISOString() : null,
    },
  };
}
