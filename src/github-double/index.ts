/**
 * The GitHub double: an in-memory, stateful GitHub REST API validated against GitHub's OpenAPI
 * description, served in-process (`fetch`) or over loopback HTTP (`listen`).
 */
export { createGitHubDouble, type GitHubDouble, type GitHubDoubleOptions } from './create-github-double.js';
export type {
  CheckRunRecord,
  CommentRecord,
  CommitStatusRecord,
  DoubleState,
  HookDeliveryRecord,
  IssueRecord,
  LabelRecord,
  RedeliveryRecord,
  RepositoryDispatchRecord,
  RerunRecord,
  WorkflowDispatchRecord,
  WorkflowRunRecord,
} from './double-state.js';
export type { ActiveFault, FaultInjector, FaultResponse, FaultSpec } from './fault-injector.js';
export { blobSha, buildGitSnapshot } from './git-objects.js';
export type { LoopbackServer } from './loopback-server.js';
export type { RateLimitOptions, RateLimitResource, RateLimitStatus } from './rate-limiter.js';
export type { ActionOptions, GitHubAction, RecordedRequest } from './request-log.js';
export {
  loadWorld,
  parseWorld,
  type World,
  type WorldProblem,
  type WorldResult,
  WorldValidationError,
} from './world.js';
export type { HookDeliveryInput, ParsedWorld, WorldInput } from './world-schema.js';
export { worldSchema } from './world-schema.js';
