import { z } from 'zod';
import { compileJobPattern } from '../../src/areas/job-pattern.js';
import { AREA_NAME_PATTERN, AREA_SEVERITIES } from '../../src/areas/service-area-schema.js';
import { NOTICE_KINDS, type NoticeKind } from '../../src/notifications/release-notice.js';

const severity = z.enum(AREA_SEVERITIES);

const jobPattern = z.string().superRefine((pattern, context) => {
  const compiled = compileJobPattern(pattern);
  if (!compiled.ok) context.addIssue({ code: 'custom', message: compiled.error });
});

const UNIT_MS: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000 };
const DURATION = /^(\d+[mhd])+$/;

/** `30m`, `4h`, `1d12h`: minutes, hours and days, summed. */
export function durationMs(text: string): number {
  let ms = 0;
  for (const match of text.matchAll(/(\d+)([mhd])/g)) ms += Number(match[1]) * UNIT_MS[match[2]!]!;
  return ms;
}

const reminderInterval = z
  .string()
  .regex(DURATION, 'must be a duration such as 30m, 4h or 1d')
  .refine((text) => durationMs(text) >= 5 * 60_000, 'must be at least 5m')
  .refine((text) => durationMs(text) <= 7 * 86_400_000, 'must be at most 7d');

const channel = z
  .string()
  .regex(/^(#[a-z0-9][a-z0-9._-]*|[CG][A-Z0-9]{6,})$/, 'must be #channel-name or a channel id (C0123ABCD)');

const slackSchema = z
  .strictObject({
    channel: channel
      .optional()
      .describe(
        'The default channel: for jobs whose area names no channel (areas.<name>.slack). Unset: none.',
      ),
    minSeverity: severity
      .default('info')
      .describe('The least severe news posted to Slack (info news goes to the daily digest).'),
    groups: z
      .record(
        z.string().regex(AREA_NAME_PATTERN, 'must be an area name'),
        z.string().regex(/^S[A-Z0-9]{6,}$/, 'must be a Slack user group id (S0123ABCD)'),
      )
      .default({})
      .describe("Area name -> Slack user group id, mentioned on the area's critical messages and reminders."),
    digestTime: z
      .string()
      .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be HH:MM (24h, UTC)')
      .default('09:00')
      .describe('When (UTC) the daily digest of info-severity news is posted, per channel.'),
    reminders: z
      .boolean()
      .default(true)
      .describe(
        'Remind the thread of an open, un-acknowledged critical issue until /ack, /snooze or recovery.',
      ),
    reminderInterval: reminderInterval.default('4h').describe('How often reminders repeat (5m to 7d).'),
  })
  .prefault({});

const webhookSchema = z.strictObject({
  target: z
    .string()
    .regex(/^[a-z0-9][a-z0-9_-]*$/)
    .describe('The name of an outgoing webhook target the operator configured (OUTGOING_WEBHOOKS_FILE).'),
  minSeverity: severity.default('info').describe('The least severe news sent to this target.'),
  events: z
    .array(z.enum(NOTICE_KINDS as [NoticeKind, ...NoticeKind[]]))
    .optional()
    .describe('The notice kinds sent (default: all).'),
});

/** `plugins.notify` in `.github/sheriff.yml`: where release news goes and how loudly. */
export const notifyConfigSchema = z.strictObject({
  slack: slackSchema.describe(
    'Slack: channels, mentions, digest and reminders (the token is a process setting).',
  ),
  severities: z
    .array(
      z.strictObject({
        jobs: z.array(jobPattern).min(1).describe('Job names: globs (* and ?) or /regex/.'),
        severity: severity.describe('The severity of these jobs, whatever their area says.'),
      }),
    )
    .default([])
    .describe("Per-job severity, before the area's (areas.<name>.severity); the first matching entry wins."),
  webhooks: z
    .array(webhookSchema)
    .default([])
    .describe('Outgoing webhooks by target name; URLs and secrets are process settings, never here.'),
});

export type NotifyConfig = z.output<typeof notifyConfigSchema>;
