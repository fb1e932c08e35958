import { z } from 'zod';
import { compileJobPattern } from '../../src/areas/job-pattern.js';
import { AREA_SEVERITIES } from '../../src/areas/service-area-schema.js';
import { accessRuleSchema } from '../../src/permissions/access-rule.js';
import { buildLogUrlProblem } from './build-log-url.js';
import { compileLogMarker } from './log-marker.js';
import { stageGraphProblems } from './release-stage-graph.js';
import { durationText } from './tracker-duration.js';
import { flaggerPolicySchema, freshnessRulesSchema } from './freshness-config.js';

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

const logMarker = z.string().superRefine((marker, context) => {
  const compiled = compileLogMarker(marker);
  if (!compiled.ok) context.addIssue({ code: 'custom', message: compiled.error });
});

const buildLogSchema = z.strictObject({
  url: z
    .string()
    .superRefine((template, context) => {
      const problem = buildLogUrlProblem(template);
      if (problem) context.addIssue({ code: 'custom', message: problem });
    })
    .describe(
      "Where a Prow run's build log is, with {job}, {build}, {org} and {repo} taken from the run: `https://gcsweb.example.dev/gcs/bucket/logs/{job}/{build}/build-log.txt`. http or https.",
    ),
});

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

const stormSchema = z.strictObject({
  threshold: z
    .number()
    .int()
    .min(2)
    .max(10_000)
    .default(10)
    .describe('A storm is more than this many distinct release jobs of one org failing within window.'),
  window: durationText
    .default('10m')
    .describe('How close together (by the runs’ own finish times) the failures must be.'),
  hold: durationText
    .default('2m')
    .describe(
      "How long each job's own notices wait (from the run's finish) for a storm to form; a job found in a storm is then told only through the umbrella.",
    ),
  labels: z
    .array(label)
    .default(['kind/release-storm', 'priority/critical-urgent'])
    .describe('Labels of the umbrella issue (the Sheriff label is added).'),
});

const flakySchema = z
  .strictObject({
    enabled: z.boolean().default(true).describe('Detect flaky jobs.'),
    runs: z
      .number()
      .int()
      .min(4)
      .max(50)
      .default(10)
      .describe('How many of the latest counted runs of the job are looked at.'),
    flips: z
      .number()
      .int()
      .min(1)
      .max(49)
      .default(3)
      .describe('A job is flaky when its recent runs flip between pass and fail more than this many times.'),
    label: label.default('kind/tests/flaky').describe('The label a flaky job’s issue gets.'),
  })
  .prefault({});

const stageSchema = z.strictObject({
  name: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]*$/, 'must be lower-case letters, digits and dashes')
    .describe('The stage, as issues show it: `image-push`.'),
  jobs: z
    .array(jobPattern)
    .min(1)
    .describe('Jobs (or Actions workflow jobs) that run this stage: globs or /regex/, as areas.<name>.jobs.'),
  steps: z
    .array(jobPattern)
    .default([])
    .describe(
      'For a job that runs several stages: failing steps (the Actions step of the stage) that mean this one. A failure no step names is put in the earliest stage of its job.',
    ),
  needs: z.array(z.string()).default([]).describe('The stages that run, and must pass, before this one.'),
  logMarkers: z
    .array(logMarker)
    .default([])
    .describe(
      "For a Prow job that runs several stages: build-log lines that say this stage began (text: a case-sensitive substring; or /regex/, i flag allowed). The stage whose marker comes last in the log's tail is the failing one (needs buildLog).",
    ),
});

const stagesSchema = z
  .array(stageSchema)
  .default([])
  .superRefine((stages, context) => {
    for (const problem of stageGraphProblems(stages)) context.addIssue({ code: 'custom', message: problem });
  });

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
  storm: stormSchema
    .optional()
    .describe(
      'Storm control (off unless set; `storm: {}` takes the defaults): when more than threshold distinct release jobs of one org fail within window, one umbrella issue lists them and their own notices are held back.',
    ),
  flaky: flakySchema.describe(
    'Flaky detection: a job whose recent runs flip between pass and fail is labelled flaky and its issue stays open, instead of closing and re-opening on every flip.',
  ),
  stages: stagesSchema.describe(
    'The release pipeline as stages and what each needs (build → image push → chart publish → OLM bundle): a failure whose upstream stage already fails for the same commit or ref is folded into that issue as "blocked by", and issues show the stage chain.',
  ),
  buildLog: buildLogSchema
    .optional()
    .describe(
      "Read the tail of a failed Prow run's build log (at most 1 MiB) to find which of its job's stages failed (stages[].logMarkers). Off unless set.",
    ),
  freshness: freshnessRulesSchema,
  flagger: flaggerPolicySchema.describe('Flagger canaries (posted to /api/v1/flagger).'),
});

export type ReleaseTrackerConfig = z.output<typeof releaseTrackerConfigSchema>;
export type ReleasePolicy = ReleaseTrackerConfig['release'];
export type LabelPolicy = ReleaseTrackerConfig['labels'];
export type StormPolicy = NonNullable<ReleaseTrackerConfig['storm']>;
export type FlakyPolicy = ReleaseTrackerConfig['flaky'];
