import { RetryLaterError } from '../pipeline/job-errors.js';
import { RerunRefusedError } from './rerun-backend.js';

/** GitHub answered 5xx or not at all: the job queue retries with its own exponential backoff. */
export class RerunUnavailableError extends Error {}

/**
 * A failed GitHub request as the re-run outcome it means: a 5xx or a dropped connection is worth
 * another try (`RerunUnavailableError`, retried with the queue's backoff); a 4xx is GitHub's final word, kept with its message
 * (`This workflow is already running`). Rate-limit errors are already `RetryLaterError`s.
 *
 * @example
 * throw githubFailure(error, 'POST /repos/o/r/actions/runs/42/rerun-failed-jobs');
 */
export function githubFailure(error: unknown, what: string): Error {
  if (error instanceof RetryLaterError) return error;
  const status = (error as { status?: unknown } | null)?.status;
  const message = githubMessage(error);
  if (typeof status !== 'number' || status >= 500) {
    return new RerunUnavailableError(
      `GitHub ${what} failed (${typeof status === 'number' ? status : 'no answer'}): ${message}`,
    );
  }
  return new RerunRefusedError(`GitHub refused ${what} (${status}): ${message}`, status);
}

function githubMessage(error: unknown): string {
  const data = (error as { response?: { data?: { message?: unknown } } } | null)?.response?.data;
  if (typeof data?.message === 'string') return data.message.slice(0, 300);
  return error instanceof Error ? error.message.slice(0, 300) : String(error).slice(0, 300);
}
