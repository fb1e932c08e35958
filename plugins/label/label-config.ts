import { z } from 'zod';

const teamRef = z.string().regex(/^[^/\s]+\/[^/\s]+$/, 'must be org/team-slug');

/** Prow's `label.restricted_labels` entry, for one repository. */
export const restrictedLabelSchema = z.strictObject({
  label: z.string().min(1).describe('The label only the people below may add or remove.'),
  allowedTeams: z.array(teamRef).default([]).describe('Teams (org/team-slug) whose members may set it.'),
  allowedUsers: z.array(z.string().min(1)).default([]).describe('Logins that may set it.'),
  assignOn: z
    .array(z.string().min(1))
    .default([])
    .describe('When one of these labels is added with a label command, the allowed users are assigned.'),
});

/** `plugins.label` in `.github/sheriff.yml`. */
export const labelConfigSchema = z.strictObject({
  additionalLabels: z
    .array(z.string().min(1))
    .default([])
    .describe('Labels /label and /remove-label may set (Prow: label.additional_labels).'),
  restrictedLabels: z
    .array(restrictedLabelSchema)
    .default([])
    .describe('Labels only some people may set; /label may set them too (Prow: label.restricted_labels).'),
  createMissingLabels: z
    .boolean()
    .default(false)
    .describe(
      'Add a label the repository does not have (GitHub then creates it) instead of replying that it cannot be applied, as Prow does.',
    ),
});

export type LabelConfig = z.output<typeof labelConfigSchema>;
export type RestrictedLabel = z.output<typeof restrictedLabelSchema>;
