import { z } from 'zod';
import { accessRuleSchema } from '../../src/permissions/access-rule.js';
import { presubmitSchema } from './presubmit-config.js';

/** Trusted, unless the repository says otherwise: Prow's org members and collaborators. */
export const DEFAULT_TRUST = { orgMembers: true, minRepoPermission: 'write' } as const;

/** `plugins.trigger` in `.github/sheriff.yml`. */
export const triggerConfigSchema = z.strictObject({
  trust: accessRuleSchema
    .prefault(DEFAULT_TRUST)
    .describe(
      "Who is trusted to run CI on any PR (Prow's TrustedUser). Default: members of the repository's organisation and collaborators with write or more.",
    ),
  requiredChecks: z
    .array(z.string().min(1))
    .default([])
    .describe(
      'The required checks: GitHub Actions workflow names, check run names, and the names of Prow jobs not listed in presubmits. /retest-required re-runs only these when they failed; empty: every check is required.',
    ),
  trustedApps: z
    .array(
      z.string().regex(/^[A-Za-z0-9][A-Za-z0-9-]*(\[bot\])?$/, 'must be a GitHub App slug, e.g. dependabot'),
    )
    .default([])
    .describe(
      "GitHub Apps trusted like members of the organisation (Prow's trusted_apps): their PRs need no /ok-to-test. The App's slug (dependabot) or its login (dependabot[bot]).",
    ),
  prowJobs: z
    .enum(['auto', 'off'])
    .default('auto')
    .describe(
      "auto: /retest and /test also re-run the PR's Prow presubmits (known from presubmits and from the commit statuses crier posts on the head) through Prow's Gangway; without Gangway the reply says they cannot be re-run from Sheriff. off: Prow jobs are left to Prow's own trigger plugin.",
    ),
  presubmits: z
    .array(presubmitSchema)
    .superRefine((jobs, context) => {
      const seen = new Set<string>();
      jobs.forEach((job, index) => {
        if (seen.has(job.name))
          context.addIssue({
            code: 'custom',
            path: [index, 'name'],
            message: `duplicate job name ${job.name}`,
          });
        seen.add(job.name);
      });
    })
    .default([])
    .describe(
      "The repository's Prow presubmits, as Prow's job config has them. Optional: they let /test all, /ok-to-test and /test-manual-required start jobs that have not reported on the head yet, and mark optional jobs.",
    ),
  okToTestLabel: z.string().min(1).default('ok-to-test').describe('The label of a PR cleared for testing.'),
  needsOkToTestLabel: z
    .string()
    .min(1)
    .default('needs-ok-to-test')
    .describe('The label of a PR from an untrusted author waiting for /ok-to-test.'),
  welcomeUntrusted: z
    .boolean()
    .default(true)
    .describe(
      "Comment on a PR opened by an untrusted author, saying it waits for /ok-to-test (Prow's welcome).",
    ),
});

export type TriggerConfig = z.output<typeof triggerConfigSchema>;
