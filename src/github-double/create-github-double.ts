import {
  type CheckRunRecord,
  type CommentRecord,
  type CommitStatusRecord,
  type DoubleState,
  type HookDeliveryRecord,
  type IssueRecord,
  type LabelRecord,
  type RedeliveryRecord,
  type RepoRecord,
  type RepositoryDispatchRecord,
  type RerunRecord,
  repoKey,
  type WorkflowDispatchRecord,
  type WorkflowRunRecord,
} from './double-state.js';
import { addHookDelivery, createDoubleState } from './seed-state.js';
import { FaultInjector } from './fault-injector.js';
import { createInProcessFetch } from './in-process-fetch.js';
import { type LoopbackServer, listenOnLoopback } from './loopback-server.js';
import { OpenApiRouter } from './openapi-router.js';
import { openApiSubset } from './openapi-subset.js';
import { OpenApiValidator } from './openapi-validator.js';
import {
  type RateLimitOptions,
  RateLimiter,
  type RateLimitResource,
  type RateLimitStatus,
} from './rate-limiter.js';
import { RequestHandler } from './request-handler.js';
import { type ActionOptions, type GitHubAction, type RecordedRequest, RequestLog } from './request-log.js';
import { routeHandlers } from './routes/index.js';
import { toWorld, type World } from './world.js';
import { type HookDeliveryInput, hookDeliverySchema, type WorldInput } from './world-schema.js';

export interface GitHubDoubleOptions {
  /** The clock at the start; overrides the world's `now`. */
  now?: Date | string;
  /** Primary rate limits per window (defaults: core 5000/hour, search 30/minute). */
  rateLimits?: RateLimitOptions;
  /**
   * Check every JSON success response the double produces against GitHub's response schema and answer
   * 500 when it does not match, so a gap in the double fails loudly. Default: true.
   */
  validateResponses?: boolean;
  /** Base of `html_url`s. Default: https://github.com. */
  webUrl?: string;
  /** Resolves `dir:` of an inline world. Default: the working directory. */
  baseDir?: string;
}

/** A stateful, in-memory GitHub REST API for tests and `sheriff simulate`. */
export interface GitHubDouble {
  /** WHATWG fetch answering from the double in-process; use as Octokit's `request.fetch`. */
  readonly fetch: typeof fetch;
  /** Serves the same double over HTTP on 127.0.0.1 (ephemeral port); several servers may run at once. */
  listen(): Promise<LoopbackServer>;
  /** Every request received, in order (a live view). */
  readonly requests: readonly RecordedRequest[];
  /** The non-GET requests in the contract's `actions` shape. */
  actions(options?: ActionOptions): GitHubAction[];
  /** Forget the recorded requests (state is kept). */
  clearRequests(): void;
  readonly faults: FaultInjector;
  /** The live state, for assertions the accessors below do not cover. Mutate with care. */
  readonly state: DoubleState;
  /** A copy of an issue or pull request, `repo` as `owner/name`. */
  issue(repo: string, number: number): IssueRecord | undefined;
  /** Copies of an issue's comments, oldest first. */
  comments(repo: string, number: number): CommentRecord[];
  labels(repo: string): LabelRecord[];
  /** Commit statuses, oldest first, optionally for one SHA. */
  commitStatuses(repo: string, sha?: string): CommitStatusRecord[];
  checkRuns(repo: string): CheckRunRecord[];
  workflowRun(repo: string, id: number): WorkflowRunRecord | undefined;
  /** Re-runs requested (workflow runs, jobs, check runs, check suites), in order. */
  reruns(repo: string): RerunRecord[];
  repositoryDispatches(repo: string): RepositoryDispatchRecord[];
  workflowDispatches(repo: string): WorkflowDispatchRecord[];
  hookDeliveries(): HookDeliveryRecord[];
  /** `POST /app/hook/deliveries/{id}/attempts` requests, in order. */
  redeliveries(): RedeliveryRecord[];
  /** Adds webhook deliveries to the App's delivery log (world `hookDeliveries` shape). */
  addHookDeliveries(deliveries: HookDeliveryInput[]): void;
  /** Moves the double's clock (timestamps of new objects, rate-limit windows, the 30-day re-run rule). */
  setClock(date: Date | string): void;
  now(): Date;
  rateLimit(resource?: RateLimitResource): RateLimitStatus;
}

function copy<T>(value: T): T {
  return structuredClone(value);
}

/**
 * Creates a GitHub double seeded from a world (a `loadWorld` result or an inline definition).
 *
 * @example
 * const double = createGitHubDouble(loadWorld('test/fixtures/retest-world.yaml'));
 * const octokit = new Octokit({ request: { fetch: double.fetch } });
 * await octokit.rest.issues.addLabels({ owner: 'acme', repo: 'widgets', issue_number: 7, labels: ['lgtm'] });
 * double.actions(); // [{ method: 'POST', path: '/repos/acme/widgets/issues/7/labels', body: { labels: ['lgtm'] } }]
 */
export function createGitHubDouble(
  world: World | WorldInput,
  options: GitHubDoubleOptions = {},
): GitHubDouble {
  const state = createDoubleState(toWorld(world, options.baseDir), {
    now: options.now === undefined ? undefined : new Date(options.now),
  });
  const log = new RequestLog();
  const faults = new FaultInjector();
  const rateLimits = new RateLimiter(options.rateLimits ?? {}, () => state.now);
  const handler = new RequestHandler({
    state,
    subset: openApiSubset,
    router: sharedRouter(),
    validator: sharedValidator(),
    routes: routeHandlers,
    log,
    faults,
    rateLimits,
    webUrl: options.webUrl ?? 'https://github.com',
    validateResponses: options.validateResponses ?? true,
  });
  const handle = handler.handle.bind(handler);
  const repoOf = (name: string): RepoRecord | undefined => {
    const [owner = '', repo = ''] = name.split('/');
    return state.repos.get(repoKey(owner, repo));
  };

  return {
    fetch: createInProcessFetch(handle),
    listen: () => listenOnLoopback(handle),
    requests: log.entries,
    actions: (actionOptions) => log.actions(actionOptions),
    clearRequests: () => log.clear(),
    faults,
    state,
    issue: (repo, number) => copy(repoOf(repo)?.issues.get(number)),
    comments: (repo, number) =>
      copy([...(repoOf(repo)?.comments.values() ?? [])].filter((comment) => comment.issueNumber === number)),
    labels: (repo) => copy([...(repoOf(repo)?.labels.values() ?? [])]),
    commitStatuses: (repo, sha) =>
      copy((repoOf(repo)?.statuses ?? []).filter((status) => sha === undefined || status.sha === sha)),
    checkRuns: (repo) => copy([...(repoOf(repo)?.checkRuns.values() ?? [])]),
    workflowRun: (repo, id) => copy(repoOf(repo)?.workflowRuns.get(id)),
    reruns: (repo) => copy(repoOf(repo)?.reruns ?? []),
    repositoryDispatches: (repo) => copy(repoOf(repo)?.repositoryDispatches ?? []),
    workflowDispatches: (repo) => copy(repoOf(repo)?.workflowDispatches ?? []),
    hookDeliveries: () => copy(state.hookDeliveries),
    redeliveries: () => copy(state.redeliveries),
    addHookDeliveries: (deliveries) => {
      for (const delivery of deliveries) addHookDelivery(state, hookDeliverySchema.parse(delivery));
    },
    setClock: (date) => {
      state.now = new Date(date);
    },
    now: () => new Date(state.now),
    rateLimit: (resource = 'core') => rateLimits.status(resource),
  };
}

// The router and the compiled validators depend only on the subset: build them once per process.
let router: OpenApiRouter | undefined;
let validator: OpenApiValidator | undefined;

function sharedRouter(): OpenApiRouter {
  router ??= new OpenApiRouter(openApiSubset.routes);
  return router;
}

function sharedValidator(): OpenApiValidator {
  validator ??= new OpenApiValidator(openApiSubset);
  return validator;
}
