import { z } from 'zod';

/** `plugins.merge` in `.github/sheriff.yml`. Off unless a repository turns it on. */
export const mergeConfigSchema = z.strictObject({
  enabled: z
    .boolean()
    .default(false)
    .describe('Whether Sheriff merges pull requests in this repository (off by default).'),
  method: z
    .enum(['merge', 'squash', 'rebase'])
    .default('merge')
    .describe('How to merge (GitHub merge_method).'),
  requiredLabels: z
    .array(z.string().min(1))
    .default(['lgtm', 'approved'])
    .describe('Labels a pull request must have (Tide labels).'),
  blockingLabels: z
    .array(z.string().min(1))
    .default(['do-not-merge', 'needs-rebase'])
    .describe('Labels that keep a pull request from merging (Tide missingLabels).'),
  blockingLabelPrefixes: z
    .array(z.string().min(1))
    .default(['do-not-merge/'])
    .describe('Any label starting with one of these keeps a pull request from merging.'),
  requiredChecks: z
    .array(z.string().min(1))
    .default([])
    .describe(
      'Check run names and status contexts that must have passed on the head; empty: every check and status reported on the head must have passed.',
    ),
});

export type MergeConfig = z.output<typeof mergeConfigSchema>;
