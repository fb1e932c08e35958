import type { GitSnapshot } from './git-objects.js';
import type { IdSequence } from './identity.js';
import type { RepositoryPermission } from './world-schema.js';

/** The double's whole GitHub, mutated by the route handlers. Logins keep the case they were written in. */

export type RunStatus = 'queued' | 'in_progress' | 'completed' | 'waiting' | 'requested' | 'pending';
export type RunConclusion =
  'success' | 'failure' | 'neutral' | 'cancelled' | 'skipped' | 'timed_out' | 'action_required' | 'stale';

export interface LabelRecord {
  id: number;
  name: string;
  color: string;
  description: string | null;
  default: boolean;
}

export interface CommentRecord {
  id: number;
  issueNumber: number;
  user: string;
  body: string;
  createdAt: Date;
  updatedAt: Date;
}

/** A submitted review of a pull request. */
export interface ReviewRecord {
  id: number;
  user: string;
  state: 'APPROVED' | 'CHANGES_REQUESTED' | 'COMMENTED' | 'DISMISSED';
  body: string;
  submittedAt: Date;
  /** The head SHA the review was submitted on. */
  commitId: string;
}

export interface PullFields {
  headSha: string;
  headRef: string;
  baseRef: string;
  files: string[];
  merged: boolean;
  mergedAt: Date | null;
  mergedBy: string | null;
  mergeCommitSha: string | null;
  draft: boolean;
  requestedReviewers: string[];
  requestedTeams: string[];
  reviews: ReviewRecord[];
}

export interface IssueRecord {
  id: number;
  number: number;
  title: string;
  body: string | null;
  user: string;
  state: 'open' | 'closed';
  stateReason: 'completed' | 'not_planned' | 'reopened' | 'duplicate' | null;
  /** Label names, spelled as the repository's label is. */
  labels: string[];
  assignees: string[];
  locked: boolean;
  activeLockReason: string | null;
  createdAt: Date;
  updatedAt: Date;
  closedAt: Date | null;
  closedBy: string | null;
  /** Present for pull requests only. */
  pull: PullFields | null;
}

export interface CommitStatusRecord {
  id: number;
  sha: string;
  context: string;
  state: 'pending' | 'success' | 'failure' | 'error';
  targetUrl: string | null;
  description: string | null;
  creator: string;
  createdAt: Date;
  updatedAt: Date;
}

export interface CheckSuiteRecord {
  id: number;
  headSha: string;
  headBranch: string | null;
  status: RunStatus;
  conclusion: RunConclusion | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface CheckRunRecord {
  id: number;
  suiteId: number;
  headSha: string;
  name: string;
  status: RunStatus;
  conclusion: RunConclusion | null;
  externalId: string | null;
  detailsUrl: string | null;
  startedAt: Date | null;
  completedAt: Date | null;
  output: { title: string | null; summary: string | null; text: string | null };
}

export interface WorkflowStepRecord {
  name: string;
  number: number;
  status: RunStatus;
  conclusion: RunConclusion | null;
}

export interface WorkflowJobRecord {
  id: number;
  runId: number;
  runAttempt: number;
  name: string;
  status: RunStatus;
  conclusion: RunConclusion | null;
  startedAt: Date;
  completedAt: Date | null;
  steps: WorkflowStepRecord[];
}

export interface WorkflowRunRecord {
  id: number;
  name: string;
  workflowId: number;
  path: string;
  headSha: string;
  headBranch: string | null;
  event: string;
  status: RunStatus;
  conclusion: RunConclusion | null;
  runAttempt: number;
  runNumber: number;
  displayTitle: string;
  actor: string;
  createdAt: Date;
  updatedAt: Date;
  runStartedAt: Date;
  jobs: WorkflowJobRecord[];
}

/** One re-run request the app made, in the order it made them. */
export interface RerunRecord {
  /** `approval`: a fork PR's run waiting for approval was approved (`actions/approve-workflow-run`). */
  kind: 'workflow-run' | 'failed-jobs' | 'job' | 'check-run' | 'check-suite' | 'approval';
  /** The id of the workflow run, job, check run or check suite named in the request. */
  id: number;
  enableDebugLogging: boolean;
  at: Date;
}

export interface RepositoryDispatchRecord {
  eventType: string;
  clientPayload: unknown;
  at: Date;
}

export interface WorkflowDispatchRecord {
  workflowId: string;
  ref: string;
  inputs: Record<string, unknown>;
  at: Date;
}

export interface RepoRecord {
  id: number;
  owner: string;
  name: string;
  fullName: string;
  private: boolean;
  defaultBranch: string;
  createdAt: Date;
  files: Map<string, Uint8Array>;
  /** Git objects of `files` and the commit the default branch points at. */
  git: GitSnapshot;
  headCommit: string;
  permissions: Map<string, { login: string; permission: RepositoryPermission }>;
  labels: Map<string, LabelRecord>;
  issues: Map<number, IssueRecord>;
  /** Issues and pull requests share one sequence, as on GitHub. */
  nextNumber: number;
  comments: Map<number, CommentRecord>;
  statuses: CommitStatusRecord[];
  checkSuites: Map<number, CheckSuiteRecord>;
  checkRuns: Map<number, CheckRunRecord>;
  workflowRuns: Map<number, WorkflowRunRecord>;
  reruns: RerunRecord[];
  repositoryDispatches: RepositoryDispatchRecord[];
  workflowDispatches: WorkflowDispatchRecord[];
}

export interface TeamRecord {
  id: number;
  slug: string;
  name: string;
  members: string[];
}

export interface OrgRecord {
  id: number;
  login: string;
  members: string[];
  teams: Map<string, TeamRecord>;
}

export interface InstallationRecord {
  id: number;
  account: string;
  /** `all`, or the repositories (full names) selected for the installation. */
  repositories: 'all' | string[];
  createdAt: Date;
}

export interface HookDeliveryRecord {
  id: number;
  guid: string;
  event: string;
  action: string | null;
  status: string;
  statusCode: number;
  deliveredAt: Date;
  redelivery: boolean;
  duration: number;
  installationId: number | null;
  repositoryId: number | null;
  throttledAt: Date | null;
}

export interface RedeliveryRecord {
  deliveryId: number;
  guid: string;
  at: Date;
}

export interface AppRecord {
  id: number;
  slug: string;
  name: string;
  owner: string;
  /** The login the app's installation tokens act as: `<slug>[bot]`. */
  botLogin: string;
}

export interface DoubleState {
  app: AppRecord;
  now: Date;
  orgs: Map<string, OrgRecord>;
  repos: Map<string, RepoRecord>;
  installations: InstallationRecord[];
  tokens: Map<string, { installationId: number; expiresAt: Date }>;
  hookDeliveries: HookDeliveryRecord[];
  redeliveries: RedeliveryRecord[];
  ids: IdSequence;
}

/** When a world gives no `now`: fixed, so that runs are reproducible. */
export const DEFAULT_WORLD_CLOCK = new Date('2025-01-01T00:00:00Z');

export function repoKey(owner: string, name: string): string {
  return `${owner}/${name}`.toLowerCase();
}
