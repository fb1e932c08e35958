/**
 * Thrown by a handler when trying again cannot help (a payload that can never be handled):
 * the job is dead-lettered at once instead of using up its retries.
 */
export class PermanentJobError extends Error {}

/** Thrown by a handler that knows when to try again (a rate limit's reset time, say). */
export class RetryLaterError extends Error {
  constructor(
    message: string,
    readonly delayMs: number,
  ) {
    super(message);
  }
}

export function describeError(error: unknown): string {
  if (error instanceof Error) return error.stack ?? `${error.name}: ${error.message}`;
  return String(error);
}
