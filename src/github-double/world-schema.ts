import { z } from 'zod';

/**
 * The world file (contract section 3): what exists on the double's GitHub before the first request.
 * Everything beyond the contract (`installations`, `app`, `hookDeliveries`, comments, jobs, check runs,
 * extra issue fields) is optional, so every world written to the contract stays valid.
 */

const login = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9-]*(\[bot\])?$/, 'must be a GitHub login');
const repoFullName = z.string().regex(/^[A-Za-z0-9-]+\/[A-Za-z0-9._-]+$/, 'must be "owner/name"');
/** YAML's core schema keeps timestamps as strings; JSON has no dates at all. */
const timestamp = z.union([z.iso.datetime({ offset: true }), z.date()]).transform((value) => new Date(value));

export const repositoryPermissionSchema = z.enum(['admin', 'maintain', 'write', 'triage', 'read']);

const labelSchema = z.union([
  z.string().min(1),
  z.strictObject({
    name: z.string().min(1),
    color: z
      .string()
      .regex(/^[0-9a-fA-F]{6}$/, 'must be six hex digits')
      .optional(),
    description: z.string().nullable().optional(),
  }),
]);

const commentSchema = z.strictObject({
  id: z.number().int().positive().optional(),
  user: login,
  body: z.string(),
  createdAt: timestamp.optional(),
});

/** A submitted pull request review (`pull: true` issues only). */
const reviewSchema = z.strictObject({
  id: z.number().int().positive().optional(),
  user: login,
  state: z.enum(['APPROVED', 'CHANGES_REQUESTED', 'COMMENTED', 'DISMISSED']),
  body: z.string().default(''),
  submittedAt: timestamp.optional(),
});

const issueSchema = z.strictObject({
  number: z.number().int().positive(),
  title: z.string(),
  user: login,
  state: z.enum(['open', 'closed']).default('open'),
  stateReason: z.enum(['completed', 'not_planned', 'reopened']).nullable().optional(),
  /** `true` makes it a pull request; issue and pull request numbers share one sequence. */
  pull: z.boolean().default(false),
  labels: z.array(z.string().min(1)).default([]),
  assignees: z.array(login).default([]),
  body: z.string().nullable().default(null),
  locked: z.boolean().default(false),
  createdAt: timestamp.optional(),
  comments: z.array(commentSchema).default([]),
  /** Pull requests only: the paths the PR changes. */
  files: z.array(z.string().min(1)).default([]),
  headSha: z.string().min(1).optional(),
  headRef: z.string().min(1).optional(),
  baseRef: z.string().min(1).optional(),
  merged: z.boolean().default(false),
  draft: z.boolean().default(false),
  requestedReviewers: z.array(login).default([]),
  /** Pull requests only: submitted reviews, oldest first. */
  reviews: z.array(reviewSchema).default([]),
});

const runStatus = z.enum(['queued', 'in_progress', 'completed', 'waiting', 'requested', 'pending']);
const runConclusion = z.enum([
  'success',
  'failure',
  'neutral',
  'cancelled',
  'skipped',
  'timed_out',
  'action_required',
  'stale',
]);

const jobSchema = z.strictObject({
  id: z.number().int().positive(),
  name: z.string().min(1),
  status: runStatus.default('completed'),
  conclusion: runConclusion.nullable().default(null),
  steps: z
    .array(
      z.strictObject({
        name: z.string().min(1),
        status: runStatus.default('completed'),
        conclusion: runConclusion.nullable().default(null),
      }),
    )
    .default([]),
});

const workflowRunSchema = z.strictObject({
  id: z.number().int().positive(),
  name: z.string().min(1),
  headSha: z.string().min(1),
  headBranch: z.string().nullable().default(null),
  event: z.string().min(1).default('push'),
  status: runStatus.default('completed'),
  conclusion: runConclusion.nullable().default(null),
  runAttempt: z.number().int().positive().default(1),
  runNumber: z.number().int().positive().optional(),
  workflowId: z.number().int().positive().optional(),
  /** Defaults to `.github/workflows/<name>.yml`. */
  path: z.string().min(1).optional(),
  displayTitle: z.string().optional(),
  createdAt: timestamp.optional(),
  actor: login.optional(),
  /** Absent: one job named after the run, with the run's status and conclusion. */
  jobs: z.array(jobSchema).optional(),
});

const statusSchema = z.strictObject({
  sha: z.string().min(1),
  context: z.string().min(1).default('default'),
  state: z.enum(['pending', 'success', 'failure', 'error']),
  targetUrl: z.string().nullable().default(null),
  description: z.string().nullable().default(null),
  creator: login.optional(),
  createdAt: timestamp.optional(),
});

const checkRunSchema = z.strictObject({
  id: z.number().int().positive().optional(),
  name: z.string().min(1),
  headSha: z.string().min(1),
  status: runStatus.default('completed'),
  conclusion: runConclusion.nullable().default(null),
  externalId: z.string().nullable().default(null),
  detailsUrl: z.string().nullable().default(null),
});

const repoSchema = z.strictObject({
  defaultBranch: z.string().min(1).default('main'),
  /** Files at the head of the default branch: path -> content. */
  files: z.record(z.string().min(1), z.string()).default({}),
  /** A directory (relative to the world file) read as the default branch's files; `files` wins on a clash. */
  dir: z.string().min(1).optional(),
  private: z.boolean().default(false),
  permissions: z.record(login, repositoryPermissionSchema).default({}),
  labels: z.array(labelSchema).default([]),
  issues: z.array(issueSchema).default([]),
  workflowRuns: z.array(workflowRunSchema).default([]),
  statuses: z.array(statusSchema).default([]),
  checkRuns: z.array(checkRunSchema).default([]),
});

const orgSchema = z.strictObject({
  members: z.array(login).default([]),
  teams: z.record(z.string().min(1), z.array(login)).default({}),
});

const installationSchema = z.strictObject({
  id: z.number().int().positive(),
  account: login,
  /** Absent: every repository of the account (`repository_selection: all`). */
  repositories: z.array(repoFullName).optional(),
});

export const hookDeliverySchema = z.strictObject({
  id: z.number().int().positive(),
  guid: z.string().min(1),
  event: z.string().min(1),
  action: z.string().nullable().default(null),
  status: z.string().default('OK'),
  statusCode: z.number().int().default(200),
  deliveredAt: timestamp.optional(),
  redelivery: z.boolean().default(false),
  duration: z.number().nonnegative().default(0.1),
  installationId: z.number().int().nullable().default(null),
  repository: repoFullName.nullable().default(null),
  throttledAt: timestamp.nullable().default(null),
});

export const worldSchema = z.strictObject({
  now: timestamp.optional(),
  app: z
    .strictObject({
      slug: z.string().min(1).default('sheriff'),
      id: z.number().int().positive().default(1),
      name: z.string().min(1).optional(),
      owner: login.optional(),
    })
    .default({ slug: 'sheriff', id: 1 }),
  orgs: z.record(login, orgSchema).default({}),
  repos: z.record(repoFullName, repoSchema).default({}),
  /** Absent: one installation per account that owns an org or a repository, covering all its repos. */
  installations: z.array(installationSchema).optional(),
  hookDeliveries: z.array(hookDeliverySchema).default([]),
});

/** A world file as written (before defaults). */
export type WorldInput = z.input<typeof worldSchema>;
/** A parsed world, defaults applied; repositories' `dir` is not yet read. */
export type ParsedWorld = z.output<typeof worldSchema>;
export type RepositoryPermission = z.output<typeof repositoryPermissionSchema>;
export type WorldRepo = ParsedWorld['repos'][string];
export type WorldIssue = WorldRepo['issues'][number];
export type WorldWorkflowRun = WorldRepo['workflowRuns'][number];
export type WorldHookDelivery = ParsedWorld['hookDeliveries'][number];
export type HookDeliveryInput = z.input<typeof hookDeliverySchema>;
