import { z } from 'zod';

/** `plugins.assign` in `.github/sheriff.yml`. */
export const assignConfigSchema = z.strictObject({
  contributorGuideUrl: z
    .url()
    .optional()
    .describe(
      'Linked from the reply when GitHub did not assign someone ("For more information please see the contributor guide"), as Prow links the Kubernetes one.',
    ),
});

export type AssignConfig = z.output<typeof assignConfigSchema>;
