import { z } from 'zod';

/** `plugins.help` in `.github/sheriff.yml`. */
export const helpConfigSchema = z.strictObject({
  guidelinesUrl: z
    .url()
    .default('https://git.k8s.io/community/contributors/guide/help-wanted.md')
    .describe('What a help-wanted issue must say, linked from the replies (Prow: help.help_guidelines_url).'),
  guidelinesSummary: z
    .string()
    .min(1)
    .optional()
    .describe(
      "Markdown shown in the replies instead of Prow's list of questions (Prow: help.help_guidelines_summary).",
    ),
});

export type HelpConfig = z.output<typeof helpConfigSchema>;
