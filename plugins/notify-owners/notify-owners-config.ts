import { z } from 'zod';
import { accessRuleSchema } from '../../src/permissions/access-rule.js';

/** Who may use `/notify-owners` unless the repository says otherwise. */
export const DEFAULT_NOTIFY_OWNERS_ACCESS = { orgMembers: true, minRepoPermission: 'triage' } as const;

/** `plugins.notify-owners` in `.github/sheriff.yml`. */
export const notifyOwnersConfigSchema = z.strictObject({
  access: accessRuleSchema
    .prefault(DEFAULT_NOTIFY_OWNERS_ACCESS)
    .describe('Who may use /notify-owners (default: org members and collaborators with triage or more).'),
  mentionReviewers: z
    .boolean()
    .default(false)
    .describe('Also mention the reviewers of the areas, not only the approvers.'),
  cooldownMinutes: z
    .number()
    .int()
    .min(0)
    .default(24 * 60)
    .describe('A person pinged on an issue is not pinged there again for this long (0: no cool-down).'),
  maxMentions: z
    .number()
    .int()
    .min(1)
    .max(50)
    .default(10)
    .describe('At most this many people in one notification; the rest are listed without a mention.'),
  ignoreLogins: z
    .array(z.string().min(1))
    .default([])
    .describe('Machine users (not GitHub Apps, whose [bot] logins are always skipped) never to mention.'),
});

export type NotifyOwnersConfig = z.output<typeof notifyOwnersConfigSchema>;
