import { z } from 'zod';
import { compileJobPattern } from '../../src/areas/job-pattern.js';
import { accessRuleSchema } from '../../src/permissions/access-rule.js';

/**
 * Who may re-run a release job unless the repository says otherwise: the approvers of the job's
 * service area (OWNERS and `areas.<name>.owners`) and collaborators with maintain or admin.
 */
export const DEFAULT_RETEST_RELEASE_ACCESS = {
  ownersApprovers: true,
  minRepoPermission: 'maintain',
} as const;

const jobPattern = z.string().superRefine((pattern, context) => {
  const compiled = compileJobPattern(pattern);
  if (!compiled.ok) context.addIssue({ code: 'custom', message: compiled.error });
});

/** `plugins.retest-release` in `.github/sheriff.yml` (the job's repository's file decides). */
export const retestReleaseConfigSchema = z.strictObject({
  access: accessRuleSchema
    .prefault(DEFAULT_RETEST_RELEASE_ACCESS)
    .describe(
      "Who may re-run a job, like Prow's rerun_auth_config (allowAnyone, users, teams, orgs; ownersApprovers means the approvers of the job's service area). Default: area approvers and collaborators with maintain or admin.",
    ),
  maxPerHour: z
    .number()
    .int()
    .min(1)
    .max(100)
    .default(3)
    .describe('At most this many re-runs of one job in an hour; more are refused.'),
  inFlightMinutes: z
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(180)
    .describe(
      'A re-run counts as in flight (no second one is started) until a run of the job finishes, or for at most this long.',
    ),
  actions: z
    .strictObject({
      rerun: z
        .enum(['failed-jobs', 'all'])
        .default('failed-jobs')
        .describe(
          'GitHub Actions: re-run only the failed jobs of the run (rerun-failed-jobs), or the whole run.',
        ),
    })
    .prefault({}),
  dispatch: z
    .strictObject({
      eventType: z
        .string()
        .min(1)
        .max(100)
        .default('sheriff-retest-release')
        .describe('The repository_dispatch event_type sent to custom pipelines.'),
      jobs: z
        .array(jobPattern)
        .default([])
        .describe('Jobs always re-run by a repository_dispatch, whatever reported them (glob or /regex/).'),
      fallback: z
        .boolean()
        .default(false)
        .describe(
          'Send a repository_dispatch for failed runs no other backend can re-run (commit statuses of unknown CI, Prow without Gangway).',
        ),
    })
    .prefault({}),
});

export type RetestReleaseConfig = z.output<typeof retestReleaseConfigSchema>;
