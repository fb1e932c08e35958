import type { JobRun } from './job-run.js';
import { jobRunFromCheckRun, jobRunFromCheckSuite } from './normalize-check.js';
import { jobRunFromProwJob } from './normalize-prowjob.js';
import { jobRunFromStatus } from './normalize-status.js';
import { jobRunFromWorkflowJob, jobRunFromWorkflowRun } from './normalize-workflow.js';

/** The events that carry job runs. */
export const SIGNAL_EVENTS = [
  'status',
  'check_run',
  'check_suite',
  'workflow_run',
  'workflow_job',
  'prowjob',
] as const;

/**
 * One signal as a `JobRun`, or undefined when the event carries no run (an unfinished workflow,
 * a check of GitHub Actions, a successful workflow job). Pure.
 *
 * @example
 * normalizeSignal('status', statusFixture)?.job; // 'post-lambda-controller-release'
 */
export function normalizeSignal(event: string, payload: unknown): JobRun | undefined {
  if (payload === null || typeof payload !== 'object') return undefined;
  switch (event) {
    case 'status':
      return jobRunFromStatus(payload);
    case 'check_run':
      return jobRunFromCheckRun(payload);
    case 'check_suite':
      return jobRunFromCheckSuite(payload);
    case 'workflow_run':
      return jobRunFromWorkflowRun(payload);
    case 'workflow_job':
      return jobRunFromWorkflowJob(payload);
    case 'prowjob':
      return jobRunFromProwJob(payload);
    default:
      return undefined;
  }
}
