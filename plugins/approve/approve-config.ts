import { z } from 'zod';

/** Prow's default link for "the Code Review Process" in the notifier. */
export const DEFAULT_PR_PROCESS_LINK =
  'https://git.k8s.io/community/contributors/guide/owners.md#the-code-review-process';

/** `plugins.approve` in `.github/sheriff.yml`: Prow's `approve:` options, camel-cased. */
export const approveConfigSchema = z.strictObject({
  label: z.string().min(1).default('approved').describe('The label that marks an approved pull request.'),
  requireSelfApproval: z
    .boolean()
    .default(false)
    .describe(
      "The PR author must /approve explicitly; by default the author's approval is implied (Prow's require_self_approval).",
    ),
  ignoreReviewState: z
    .boolean()
    .default(false)
    .describe(
      'Ignore GitHub reviews: by default an Approve review approves and Request changes withdraws (Prow).',
    ),
  issueRequired: z
    .boolean()
    .default(false)
    .describe(
      'The PR body must reference an issue (#123 or a link), or an approver must use /approve no-issue.',
    ),
  commandHelpLink: z
    .url()
    .optional()
    .describe('Where the notifier says the commands are listed (Prow commandHelpLink); absent: not said.'),
  prProcessLink: z
    .url()
    .default(DEFAULT_PR_PROCESS_LINK)
    .describe('The code review process the notifier links to (Prow pr_process_link).'),
});

export type ApproveConfig = z.output<typeof approveConfigSchema>;
