import { compileJobPattern } from '../../src/areas/job-pattern.js';
import { formatReply } from '../../src/commands/format-reply.js';
import type { PermissionChecker } from '../../src/permissions/permission-checker.js';
import { PermanentJobError } from '../../src/pipeline/job-errors.js';
import type {
  BackgroundContext,
  PluginJobRun,
  RepositoryContext,
} from '../../src/plugins/plugin-definition.js';
import { chooseBackend, createBackend } from '../../src/rerun/choose-backend.js';
import { RerunAudit, type RerunRow } from '../../src/rerun/rerun-audit.js';
import { rerunProgress } from '../../src/rerun/rerun-status.js';
import {
  type RerunBackendName,
  RerunRefusedError,
  type RerunRequester,
  splitRepository,
} from '../../src/rerun/rerun-backend.js';
import type { TrackerState } from '../release-tracker/tracker-state.js';
import { checkerFor, checkRerunAccess } from './check-rerun-access.js';
import type { ReleaseRun } from './release-runs.js';
import { ReleaseRuns } from './release-runs.js';
import { describeBackend, notRerunLine, renderTrackingRecord, startedLine } from './render-retest-release.js';
import { rerunJobDataSchema, type RerunJobData } from './rerun-job-data.js';
import type { RetestReleaseConfig } from './retest-release-config.js';
import { retriedNotice } from './retried-notice.js';

/** Job types whose code may come from a fork: re-running them is `/retest`'s business, never this one's. */
const UNTRUSTED_JOB_TYPES = new Set(['presubmit', 'batch', 'pull_request']);

/**
 * The job behind one `/retest-release`: for each failed run, check who asks (the job
 * repository's rule), the guard rails (in flight, hourly limit) and the backend; store the re-run
 * (`queued`), start it, store the answer, record it on the tracking issue and publish a
 * `retried` notice; then reply once, listing every job.
 *
 * Idempotent under retries: the audit row of (request, run) says how far a run got. A 5xx
 * (`RetryLaterError` or any unexpected error) is retried by the queue; on the last attempt it
 * becomes a line of the reply instead, so the person is never left without an answer.
 */
export async function runRerunJob(context: BackgroundContext & PluginJobRun): Promise<void> {
  const parsed = rerunJobDataSchema.safeParse(context.data);
  if (!parsed.success) throw new PermanentJobError(`retest-release job data: ${parsed.error.message}`);
  const data = parsed.data;
  const rerun = new Rerun(context, data);
  const lines: string[] = [];
  let retry: unknown;
  for (const runId of data.runIds) {
    const run = await new ReleaseRuns(context.store).byId(runId);
    if (!run) {
      lines.push(notRerunLine(runId, 'Sheriff no longer knows this run'));
      continue;
    }
    try {
      lines.push(await rerun.one(run));
    } catch (error) {
      if (error instanceof PermanentJobError) throw error;
      if (!rerun.final) {
        context.log.warn({ err: error, run: runId }, 're-run failed; the job will try again');
        retry ??= error;
        continue;
      }
      lines.push(await rerun.giveUp(run, error));
    }
  }
  if (retry !== undefined) throw retry;
  await rerun.reply([...lines, ...data.lines]);
}

/** One request's re-runs, with what they share: repository contexts, permission checkers, the audit. */
class Rerun {
  readonly final: boolean;
  private readonly audit: RerunAudit;
  private readonly repositories = new Map<string, Promise<RepositoryContext | undefined>>();
  private readonly checkers = new Map<string, PermissionChecker>();
  private readonly requester: RerunRequester;

  constructor(
    private readonly context: BackgroundContext & PluginJobRun,
    private readonly data: RerunJobData,
  ) {
    this.final = context.attempt >= context.maxAttempts;
    this.audit = new RerunAudit(context.store);
    this.requester = {
      login: data.comment.login,
      context: `${data.comment.repository}#${data.comment.number}`,
      requestId: data.requestId,
    };
  }

  /** Takes one run as far as it goes and returns its line of the reply. */
  async one(run: ReleaseRun): Promise<string> {
    let row = await this.audit.find(this.data.requestId, run.runId);
    if (!row) {
      const refusal = await this.refusal(run);
      if (typeof refusal === 'string') return notRerunLine(run.job, refusal);
      row = await this.audit.add({
        requestId: this.data.requestId,
        repository: run.repository,
        job: run.job,
        runId: run.runId,
        trackingKey: run.trackingKey,
        backend: refusal.backend,
        requestedBy: this.data.comment.login,
        context: this.requester.context,
      });
    }
    if (row.state === 'queued') row = await this.start(row, run);
    if (row.state === 'started' && row.recorded_at === null) await this.record(row, run);
    return lineOf(row);
  }

  /** The last attempt failed too: store the failure and say so. */
  async giveUp(run: ReleaseRun, error: unknown): Promise<string> {
    const message = (error as Error)?.message ?? String(error);
    const row = await this.audit.find(this.data.requestId, run.runId);
    const why = `${row ? describeBackend(row.backend) : 'GitHub'} kept failing (${message}); Sheriff gave up after ${this.context.attempt} attempts. Try again later`;
    if (row?.state === 'queued') await this.audit.finish(row.id, 'failed', why, null);
    this.context.log.error({ err: error, run: run.runId }, 're-run given up');
    if (row?.state === 'started') return lineOf(row);
    return notRerunLine(run.job, why);
  }

  /** Posts the one reply on the comment's issue or pull request. */
  async reply(lines: readonly string[]): Promise<void> {
    const { comment } = this.data;
    const target = await this.repository(comment.repository);
    if (!target) {
      this.context.log.warn(
        { repository: comment.repository },
        'cannot reply: the App is not installed there',
      );
      return;
    }
    const { owner, repo } = splitRepository(comment.repository);
    await target.github.rest.issues.createComment({
      owner,
      repo,
      issue_number: comment.number,
      body: formatReply({
        login: comment.login,
        message: lines.join('\n'),
        commentBody: comment.body,
        commentUrl: comment.url,
      }),
    });
  }

  /** Why the run may not be re-run now, or the backend that will do it. */
  private async refusal(run: ReleaseRun): Promise<string | { backend: RerunBackendName }> {
    const repository = await this.repository(run.repository);
    if (!repository) return `Sheriff is not installed on ${run.repository}`;
    if (!repository.enabled) return `\`retest-release\` is turned off in ${run.repository}`;
    if (UNTRUSTED_JOB_TYPES.has(run.jobType))
      return `it is a ${run.jobType} run, which may run a fork's code; use \`/retest\` on the pull request`;
    const config = repository.config as RetestReleaseConfig;
    let checker = this.checkers.get(run.repository.toLowerCase());
    if (!checker) {
      checker = checkerFor(repository, run.repository);
      this.checkers.set(run.repository.toLowerCase(), checker);
    }
    const access = await checkRerunAccess(repository, config, run, this.data.comment.login, checker);
    if (!access.allowed) return access.because;

    const windowMs = config.inFlightMinutes * 60_000;
    const inFlight = await this.audit.inFlight(run.repository, run.job, this.data.requestId, windowMs);
    const progress = inFlight
      ? await rerunProgress(
          {
            backend: inFlight.backend,
            runId: inFlight.run_id,
            detail: inFlight.detail,
            repository: run.repository,
          },
          { github: repository.github, gangway: this.context.gangway },
        )
      : 'unknown';
    if (inFlight && progress !== 'finished') {
      const link = inFlight.url ? ` ([follow it](${inFlight.url}))` : '';
      return `a re-run asked for by ${inFlight.requested_by} at ${new Date(inFlight.requested_at).toISOString()} is still in flight${link}; no run of it has finished since`;
    }
    const lastHour = await this.audit.countLastHour(run.repository, run.job, this.data.requestId);
    if (lastHour >= config.maxPerHour)
      return `it was re-run ${lastHour} times in the last hour, the limit (\`plugins.retest-release.maxPerHour\` of ${run.repository}: ${config.maxPerHour})`;

    const choice = chooseBackend(run, {
      gangway: this.context.gangway !== undefined,
      dispatchJob: config.dispatch.jobs.some((pattern) => {
        const compiled = compileJobPattern(pattern);
        return compiled.ok && compiled.test(run.job);
      }),
      dispatchFallback: config.dispatch.fallback,
    });
    return choice.backend === null ? choice.reason : { backend: choice.backend };
  }

  /** Asks the backend; a refusal (4xx) is final and stored, a 5xx propagates to be retried. */
  private async start(row: RerunRow, run: ReleaseRun): Promise<RerunRow> {
    const repository = await this.repository(run.repository);
    if (!repository) throw new Error(`the App is no longer installed on ${run.repository}`);
    const config = repository.config as RetestReleaseConfig;
    const backend = createBackend(row.backend as RerunBackendName, {
      github: repository.github,
      gangway: this.context.gangway,
      actionsMode: config.actions.rerun,
      dispatchEventType: config.dispatch.eventType,
    });
    try {
      const started = await backend.start(run, this.requester);
      await this.audit.finish(row.id, 'started', started.detail, started.url);
      return { ...row, state: 'started', detail: started.detail, url: started.url };
    } catch (error) {
      if (!(error instanceof RerunRefusedError)) throw error;
      await this.audit.finish(row.id, 'failed', error.message, null);
      return { ...row, state: 'failed', detail: error.message };
    }
  }

  /**
   * Records the retry: a comment on the tracking issue (unless the command was given there, where
   * the reply is the record) and the `retried` notice, published with the row marked recorded.
   */
  private async record(row: RerunRow, run: ReleaseRun): Promise<void> {
    const tracking = await this.context.store
      .selectFrom('tracking_issues')
      .select(['state'])
      .where('tracking_key', '=', run.trackingKey)
      .executeTakeFirst();
    const state = tracking ? (JSON.parse(tracking.state) as TrackerState) : undefined;
    const issue = state?.episode?.issue;
    const { comment } = this.data;
    const elsewhere =
      issue &&
      !(
        issue.repository.toLowerCase() === comment.repository.toLowerCase() && issue.number === comment.number
      );
    if (issue && elsewhere) {
      const target = await this.repository(issue.repository);
      if (target) {
        const { owner, repo } = splitRepository(issue.repository);
        await target.github.rest.issues.createComment({
          owner,
          repo,
          issue_number: issue.number,
          body: renderTrackingRecord({
            job: run.job,
            login: comment.login,
            url: row.url,
            context: this.requester.context,
            runId: run.runId,
          }),
        });
      }
    }
    const notice = state
      ? retriedNotice(run.trackingKey, state, {
          actor: comment.login,
          rerunId: row.id,
          url: row.url,
          at: this.context.now.toISOString(),
        })
      : null;
    await this.context.store.transaction().execute(async (trx) => {
      if (notice) await this.context.notify([notice], trx);
      await this.audit.markRecorded(row.id, trx);
    });
  }

  private repository(name: string): Promise<RepositoryContext | undefined> {
    const key = name.toLowerCase();
    let found = this.repositories.get(key);
    if (!found) {
      found = this.context.repositoryContext(name);
      // A failure is not cached: the next run of the job asks again.
      found.catch(() => this.repositories.delete(key));
      this.repositories.set(key, found);
    }
    return found;
  }
}

function lineOf(row: RerunRow): string {
  if (row.state === 'started') {
    const mode = row.backend === 'actions' && row.detail?.endsWith(' rerun') ? 'all' : 'failed-jobs';
    return startedLine(row.job, describeBackend(row.backend, { actionsMode: mode }), row.url);
  }
  return notRerunLine(row.job, row.detail ?? 'the backend refused it');
}
