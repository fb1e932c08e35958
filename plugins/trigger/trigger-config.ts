import { z } from 'zod';
import { accessRuleSchema } from '../../src/permissions/access-rule.js';

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
      'The required checks: GitHub Actions workflow names and check run names. /retest re-runs only these when they failed; empty: every check is required.',
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
