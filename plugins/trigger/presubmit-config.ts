import { z } from 'zod';

/** A regex from config, compiled once here so a bad one is a config error naming its key. */
const regexSource = z
  .string()
  .min(1)
  .refine(
    (source) => {
      try {
        new RegExp(source);
        return true;
      } catch {
        return false;
      }
    },
    { message: 'must be a valid regular expression' },
  );

/**
 * One of the repository's Prow presubmits, as Prow's job config describes it (`name`, `context`,
 * `always_run`, `optional`, `run_if_changed`, `skip_if_only_changed`, in Sheriff's camelCase).
 * Listing them is optional: without it Sheriff knows a PR's Prow jobs only from the statuses
 * crier posted on its head, so `/test all` cannot start a job that never reported there.
 */
export const presubmitSchema = z
  .strictObject({
    name: z
      .string()
      .regex(/^[A-Za-z0-9-._]+$/, "must be a Prow job name (letters, digits, '-', '.', '_')")
      .describe('The job name, as in Prow’s config; `/test <name>` runs it.'),
    context: z
      .string()
      .min(1)
      .optional()
      .describe('The commit status context crier reports it under (default: the job name).'),
    alwaysRun: z
      .boolean()
      .default(false)
      .describe('Prow’s always_run: runs on every PR without being asked.'),
    optional: z
      .boolean()
      .default(false)
      .describe('Prow’s optional: not required, so /retest-required and /test-manual-required skip it.'),
    runIfChanged: regexSource
      .optional()
      .describe('Prow’s run_if_changed: runs without being asked when a changed file matches.'),
    skipIfOnlyChanged: regexSource
      .optional()
      .describe('Prow’s skip_if_only_changed: runs without being asked unless every changed file matches.'),
  })
  .refine((job) => !(job.alwaysRun && (job.runIfChanged || job.skipIfOnlyChanged)), {
    message: 'alwaysRun cannot be combined with runIfChanged or skipIfOnlyChanged (Prow rejects it)',
  })
  .refine((job) => !(job.runIfChanged && job.skipIfOnlyChanged), {
    message: 'runIfChanged and skipIfOnlyChanged cannot both be set (Prow rejects it)',
  });

export type PresubmitConfig = z.output<typeof presubmitSchema>;
