import { z } from 'zod';
import { compileJobPattern } from '../../src/areas/job-pattern.js';
import { AREA_SEVERITIES } from '../../src/areas/service-area-schema.js';
import { accessRuleSchema } from '../../src/permissions/access-rule.js';

/** Who may use `/ack`, `/snooze`, `/mute` and `/unmute` unless the repository says otherwise. */
export const DEFAULT_TRACKER_ACCESS = { orgMembers: true, minRepoPermission: 'triage' } as const;

const jobPattern = z.string().superRefine((pattern, context) => {
  const compiled = compileJobPattern(pattern);
  if (!compiled.ok) context.addIssue({ code: 'custom', message: compiled.error });
});

const regexText = z.string().superRefine((pattern, context) => {
  try {
    new RegExp(pattern);
  } catch (error) {
    context.addIssue({ code: 'custom', message: `not a regular expression: ${(error as Error).message}` });
  }
});

const label = z.string().min(1).max(50);

const releaseSchema = z
  .strictObject({
    defaults: z
      .boolean()
      .default(true)
      .describe(
        'Track the default release jobs: Prow postsubmits and periodics, and GitHub Actions workflows run by a push to the default branch or a tag, or by a schedule.',
      ),
    jobs: z
      .array(jobPattern)
      .default([])
      .describe(
        'More release jobs, by name: a glob over the whole name (* any characters, ? one) or /regex/ (i flag allowed). Presubmits are never tracked.',
      ),
    ignore: z
      .array(jobPattern)
      .default([])
      .describe('Jobs never tracked, even when a default or jobs matches.'),
    tagPattern: regexText
      .default(String.raw`(^|/)v?\d+\.\d+`)
      .describe(
        "How a pushed ref that is not the default branch is recognised as a tag (Actions' head_branch holds the tag name).",
      ),
  })
  .prefault({});

const labelsSchema = z
  .strictObject({
    always: z.array(label).default(['kind/tests/failing']).describe('Labels on every tracking issue.'),
    prow: z.array(label).default(['area/prow']).describe('Added for Prow jobs.'),
    actions: z.array(label).default([]).describe('Added for GitHub Actions workflows.'),
    service: z
      .string()
      .max(50)
      .default('service/{area}')
      .describe("The job's service area as a label; {area} is its name. Empty: none."),
    priority: z
      .strictObject({
        critical: label.default('priority/critical-urgent'),
        warning: label.default('priority/important-soon'),
        info: label.default('priority/backlog'),
      })
      .prefault({})
      .describe("The label for the area's severity (areas.<name>.severity) or, with no area, for severity."),
    sheriff: label
      .default('sheriff/tracking')
      .describe('The one label that marks Sheriff tracking issues; Sheriff finds its issues by it.'),
    create: z.boolean().default(true).describe('Create labels the issue repository does not have yet.'),
  })
  .prefault({});

/** `plugins.release-tracker` in `.github/sheriff.yml`. */
export const releaseTrackerConfigSchema = z.strictObject({
  issueRepo: z
    .string()
    .regex(/^[A-Za-z0-9-]+\/[A-Za-z0-9._-]+$/, 'must be "owner/name"')
    .optional()
    .describe(
      "Where tracking issues are filed, as owner/name (ACK: the org's community repository). Default: the job's own repository. The App must be installed there too.",
    ),
  key: z
    .enum(['repo+job', 'repo+job+ref'])
    .default('repo+job')
    .describe('What one tracking issue is about: a job of a repository, or a job on one branch or tag.'),
  release: releaseSchema.describe('Which job runs are release runs (every run is stored either way).'),
  openAfter: z
    .number()
    .int()
    .min(1)
    .max(100)
    .default(1)
    .describe('Open the issue after this many consecutive failures.'),
  closeAfter: z
    .number()
    .int()
    .min(1)
    .max(100)
    .default(1)
    .describe('Close it after this many consecutive successes.'),
  remindAt: z
    .array(z.number().int().min(2))
    .default([5, 10])
    .describe(
      'Comment (mentioning the owners) when the consecutive failures reach each of these counts, unless acknowledged or snoozed.',
    ),
  severity: z
    .enum(AREA_SEVERITIES)
    .default('warning')
    .describe('Severity of a job that belongs to no service area.'),
  labels: labelsSchema.describe('Labels of tracking issues.'),
  maxAssignees: z
    .number()
    .int()
    .min(0)
    .max(10)
    .default(3)
    .describe("Assign up to this many of the area's approvers (GitHub allows 10)."),
  mentionOwners: z
    .boolean()
    .default(true)
    .describe('Mention the owners in the new issue (they are listed with the reason either way).'),
  retryCommand: z
    .string()
    .min(1)
    .default('/retest-release')
    .describe('The command the issue tells people to use to re-run the job.'),
  access: accessRuleSchema
    .prefault(DEFAULT_TRACKER_ACCESS)
    .describe('Who may use /ack, /snooze, /mute and /unmute (default: org members and triage or more).'),
});

export type ReleaseTrackerConfig = z.output<typeof releaseTrackerConfigSchema>;
export type ReleasePolicy = ReleaseTrackerConfig['release'];
export type LabelPolicy = ReleaseTrackerConfig['labels'];
