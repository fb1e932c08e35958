import { z } from 'zod';
import { formatReply } from '../../src/commands/format-reply.js';
import { PermanentJobError, RetryLaterError } from '../../src/pipeline/job-errors.js';
import type {
  BackgroundContext,
  PluginJobDefinition,
  PluginJobRun,
} from '../../src/plugins/plugin-definition.js';
import { type CreateJobExecutionRequest, GangwayRefusedError } from '../../src/prow/gangway-client.js';
import {
  gangwayRefusedMessage,
  gangwayUnavailableMessage,
  noGangwayMessage,
} from './render-gangway-replies.js';

/** The name of the trigger plugin's job that starts one presubmit through Gangway. */
export const RUN_PRESUBMIT = 'run-presubmit';

/** Prow's label on jobs started by `/retest` and `/retest-required` (prow.md 1.7). */
export const RETEST_LABEL = 'prow.k8s.io/retest';

/** What the command queued: the job, the refs it tests, and the comment to answer if it cannot start. */
export const presubmitRunSchema = z.strictObject({
  repository: z.string().regex(/^[^/\s]+\/[^/\s]+$/),
  number: z.number().int().positive(),
  job: z.string().min(1),
  retest: z.boolean(),
  refs: z.strictObject({
    org: z.string().min(1),
    repo: z.string().min(1),
    base_ref: z.string().min(1),
    base_sha: z.string().min(1),
    pulls: z.array(
      z.strictObject({
        number: z.number().int().positive(),
        author: z.string().min(1),
        sha: z.string().regex(/^[0-9a-f]{40}$/),
      }),
    ),
  }),
  comment: z.strictObject({ login: z.string(), body: z.string(), url: z.string() }),
});

export type PresubmitRun = z.output<typeof presubmitRunSchema>;

/** Gangway's `CreateJobExecutionRequest` for one presubmit of one PR. */
export function presubmitExecutionRequest(run: PresubmitRun): CreateJobExecutionRequest {
  return {
    job_name: run.job,
    job_execution_type: 'PRESUBMIT',
    refs: run.refs,
    ...(run.retest ? { pod_spec_options: { labels: { [RETEST_LABEL]: 'true' } } } : {}),
  };
}

/** Per PR and job: two comments asking for one job start it in order, other jobs do not wait. */
export function presubmitRunKey(run: Pick<PresubmitRun, 'repository' | 'number' | 'job'>): string {
  return `trigger:presubmit:${run.repository.toLowerCase()}#${run.number}:${run.job}`;
}

/**
 * Starts one Prow presubmit through Gangway. Gangway's 5xx, 429, timeouts and network failures
 * are `RetryLaterError`s, so the queue tries again (honouring `retry-after`); after the last
 * attempt, and on a 4xx at once, the commenter gets a reply saying the job was not started.
 * A crash after Gangway accepted and before the job is marked done starts it twice; Prow's plank
 * aborts the older of two runs of one presubmit on one PR.
 */
export const runPresubmitJob: PluginJobDefinition = {
  async run(context) {
    const parsed = presubmitRunSchema.safeParse(context.data);
    if (!parsed.success)
      throw new PermanentJobError(`trigger/${RUN_PRESUBMIT}: bad job data: ${z.prettifyError(parsed.error)}`);
    const run = parsed.data;
    const log = context.log.child({ repository: run.repository, pr: run.number, prowJob: run.job });
    // Gangway was configured when the command was read; a restart without it cannot start the job.
    if (!context.gangway) {
      await reply(context, run, noGangwayMessage([run.job]));
      return;
    }
    try {
      const execution = await context.gangway.createJobExecution(
        presubmitExecutionRequest(run),
        context.signal,
      );
      log.info({ execution: execution.id }, 'Prow presubmit started through Gangway');
    } catch (error) {
      if (error instanceof RetryLaterError && context.attempt < context.maxAttempts) throw error;
      if (error instanceof RetryLaterError) {
        log.warn({ err: error, attempts: context.attempt }, 'Gangway kept failing; the commenter is told');
        await reply(context, run, gangwayUnavailableMessage(run.job, context.attempt, error.message));
      } else if (error instanceof GangwayRefusedError) {
        log.warn({ err: error }, 'Gangway refused the presubmit; the commenter is told');
        await reply(context, run, gangwayRefusedMessage(run.job, error.message));
      } else {
        throw error;
      }
    }
  },
};

async function reply(
  context: BackgroundContext & PluginJobRun,
  run: PresubmitRun,
  message: string,
): Promise<void> {
  const repository = await context.repositoryContext(run.repository);
  if (!repository) {
    context.log.warn({ repository: run.repository }, 'cannot reply: the App is not installed there');
    return;
  }
  await repository.github.rest.issues.createComment({
    owner: run.refs.org,
    repo: run.refs.repo,
    issue_number: run.number,
    body: formatReply({
      login: run.comment.login,
      message,
      commentBody: run.comment.body,
      commentUrl: run.comment.url,
    }),
  });
}
