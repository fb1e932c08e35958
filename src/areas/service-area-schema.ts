import { z } from 'zod';
import { compileJobPattern } from './job-pattern.js';
import { pathGlobProblem } from './path-globs.js';

/** Area names: lower-case, so `/notify-owners Lambda` and `service/lambda` find the same area. */
export const AREA_NAME_PATTERN = /^[a-z0-9][a-z0-9_-]*$/;

export const AREA_SEVERITIES = ['critical', 'warning', 'info'] as const;
export type AreaSeverity = (typeof AREA_SEVERITIES)[number];

/** A login (`alice`, `@alice`), an OWNERS_ALIASES name (`lambda-approvers`), or a team (`@org/team`). */
const ownerReference = z
  .string()
  .regex(
    /^@?[A-Za-z0-9][\w.-]*(\/[A-Za-z0-9][\w.-]*)?$/,
    'must be a login, an OWNERS_ALIASES name, or @org/team-slug',
  );

const pathGlob = z.string().superRefine((glob, context) => {
  const problem = pathGlobProblem(glob);
  if (problem) context.addIssue({ code: 'custom', message: problem });
});

const jobPattern = z.string().superRefine((pattern, context) => {
  const compiled = compileJobPattern(pattern);
  if (!compiled.ok) context.addIssue({ code: 'custom', message: compiled.error });
});

export const areaOwnersSchema = z
  .strictObject({
    mode: z
      .enum(['add', 'override'])
      .default('add')
      .describe(
        'add: these owners and the OWNERS owners of the area; override: only these (OWNERS is not asked).',
      ),
    approvers: z
      .array(ownerReference)
      .default([])
      .describe('Logins, OWNERS_ALIASES names, or @org/team-slug; notified by /notify-owners.'),
    reviewers: z
      .array(ownerReference)
      .default([])
      .describe('Same forms; notified when plugins.notify-owners.mentionReviewers is on.'),
  })
  .prefault({});

export const serviceAreaConfigSchema = z.strictObject({
  paths: z
    .array(pathGlob)
    .default([])
    .describe(
      'Path globs (picomatch, dot-files included); a leading ! excludes. services/lambda/** is a directory.',
    ),
  jobs: z
    .array(jobPattern)
    .default([])
    .describe(
      'Release job names: a glob over the whole name (* any characters, ? one), or /regex/ (i flag allowed).',
    ),
  labels: z
    .array(z.string().min(1))
    .default([])
    .describe('Issue and PR labels of the area, e.g. service/lambda or area/prow (case-insensitive).'),
  owners: areaOwnersSchema.describe('Owners beside (or instead of) those OWNERS files name.'),
  slack: z.string().min(1).optional().describe('Slack channel for the area, as #name or a channel id.'),
  severity: z
    .enum(AREA_SEVERITIES)
    .default('warning')
    .describe('How loudly failures in the area are reported: critical, warning or info.'),
});

/**
 * `areas` in `.github/sheriff.yml`: service areas by name. A map (not a list) so that names are
 * unique by construction and an org's `.github` defaults merge with a repository's per area.
 */
export const areasConfigSchema = z
  .record(z.string().regex(AREA_NAME_PATTERN), serviceAreaConfigSchema, {
    // zod's own message for a bad key is "Invalid key in record"; say what a name may be.
    error: (issue) =>
      issue.code === 'invalid_key' ? 'area names are lower-case letters, digits, - and _' : undefined,
  })
  .default({})
  .describe(
    'Service areas by name: the paths, release jobs and labels that belong to each, and who owns it. OWNERS labels service/<name> add areas too (docs/owners.md).',
  );

export type ServiceAreaConfig = z.output<typeof serviceAreaConfigSchema>;
export type AreaOwnersConfig = z.output<typeof areaOwnersSchema>;
export type AreasConfig = z.output<typeof areasConfigSchema>;
