import { z } from 'zod';

/** The plugin job that starts the re-runs of one `/retest-release` comment. */
export const RERUN_JOB = 'rerun';

/** Re-runs of one job repository go one at a time: the guard rails read what the last one wrote. */
export function rerunJobKey(repository: string): string {
  return `retest-release:${repository.toLowerCase()}`;
}

/** What the command hands its job (JSON in the queue; validated when the job runs). */
export const rerunJobDataSchema = z.strictObject({
  /** The comment's delivery id: the audit rows' request id. */
  requestId: z.string().min(1),
  comment: z.strictObject({
    repository: z.string().min(3),
    number: z.number().int().positive(),
    login: z.string().min(1),
    body: z.string(),
    url: z.string(),
  }),
  /** Reply lines decided before the job (jobs whose last run passed, unknown names). */
  lines: z.array(z.string()),
  /** `job_runs.run_id` of each failed run to re-run. */
  runIds: z.array(z.string().min(1)).min(1),
});

export type RerunJobData = z.output<typeof rerunJobDataSchema>;
