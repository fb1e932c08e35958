import { refreshSuite, suiteFor } from './check-suites.js';
import {
  DEFAULT_WORLD_CLOCK,
  type DoubleState,
  type HookDeliveryRecord,
  type InstallationRecord,
  type RepoRecord,
  type TeamRecord,
  type WorkflowJobRecord,
  type WorkflowRunRecord,
} from './double-state.js';
import { buildGitSnapshot, commitSha } from './git-objects.js';
import { IdSequence, stableId, syntheticSha } from './identity.js';
import { ensureLabel } from './repo-labels.js';
import type { World } from './world.js';
import type { WorldHookDelivery, WorldIssue, WorldRepo, WorldWorkflowRun } from './world-schema.js';

/** Turns a validated world into the double's mutable state. */

function buildRepo(
  fullName: string,
  repo: WorldRepo,
  files: ReadonlyMap<string, Uint8Array>,
  state: DoubleState,
) {
  const [owner, name] = fullName.split('/') as [string, string];
  const git = buildGitSnapshot(files);
  const record: RepoRecord = {
    id: stableId('repository', fullName.toLowerCase()),
    owner,
    name,
    fullName,
    private: repo.private,
    defaultBranch: repo.defaultBranch,
    createdAt: state.now,
    files: new Map(files),
    git,
    headCommit: commitSha(git.rootTree, 'Initial commit', state.now),
    permissions: new Map(
      Object.entries(repo.permissions).map(([login, permission]) => [
        login.toLowerCase(),
        { login, permission },
      ]),
    ),
    labels: new Map(),
    issues: new Map(),
    nextNumber: 1,
    comments: new Map(),
    statuses: [],
    checkSuites: new Map(),
    checkRuns: new Map(),
    workflowRuns: new Map(),
    reruns: [],
    repositoryDispatches: [],
    workflowDispatches: [],
  };
  for (const label of repo.labels) {
    const spec = typeof label === 'string' ? { name: label } : label;
    ensureLabel(record, spec.name, spec.color, spec.description ?? null);
  }
  for (const issue of repo.issues) seedIssue(record, issue, state);
  for (const status of repo.statuses) {
    const id = state.ids.take('status');
    const at = status.createdAt ?? state.now;
    record.statuses.push({
      id,
      sha: status.sha,
      context: status.context,
      state: status.state,
      targetUrl: status.targetUrl,
      description: status.description,
      creator: status.creator ?? state.app.botLogin,
      createdAt: at,
      updatedAt: at,
    });
  }
  for (const run of repo.workflowRuns) record.workflowRuns.set(run.id, seedWorkflowRun(record, run, state));
  for (const check of repo.checkRuns) {
    const suite = suiteFor(record, check.headSha, null, state);
    const id = check.id ?? state.ids.take('check-run');
    state.ids.reserve('check-run', id);
    record.checkRuns.set(id, {
      id,
      suiteId: suite.id,
      headSha: check.headSha,
      name: check.name,
      status: check.status,
      conclusion: check.conclusion,
      externalId: check.externalId,
      detailsUrl: check.detailsUrl,
      startedAt: state.now,
      completedAt: check.status === 'completed' ? state.now : null,
      output: { title: null, summary: null, text: null },
    });
    refreshSuite(record, suite);
  }
  return record;
}

function seedIssue(repo: RepoRecord, issue: WorldIssue, state: DoubleState): void {
  const createdAt = issue.createdAt ?? state.now;
  const labels = issue.labels.map((name) => ensureLabel(repo, name).name);
  const closed = issue.state === 'closed';
  const headSha = issue.headSha ?? syntheticSha('pull-head', repo.fullName, issue.number);
  repo.issues.set(issue.number, {
    id: stableId('issue', `${repo.fullName.toLowerCase()}#${issue.number}`),
    number: issue.number,
    title: issue.title,
    body: issue.body,
    user: issue.user,
    state: issue.state,
    stateReason: issue.stateReason ?? (closed ? 'completed' : null),
    labels,
    assignees: [...issue.assignees],
    locked: issue.locked,
    activeLockReason: null,
    createdAt,
    updatedAt: createdAt,
    closedAt: closed ? createdAt : null,
    closedBy: null,
    pull: issue.pull
      ? {
          headSha,
          headRef: issue.headRef ?? `pull-${issue.number}`,
          baseRef: issue.baseRef ?? repo.defaultBranch,
          files: [...issue.files],
          merged: issue.merged,
          mergedAt: issue.merged ? createdAt : null,
          mergedBy: null,
          mergeCommitSha: issue.merged ? syntheticSha('merge', repo.fullName, issue.number) : null,
          draft: issue.draft,
          requestedReviewers: [...issue.requestedReviewers],
          requestedTeams: [],
          reviews: issue.reviews.map((review) => {
            const id = review.id ?? state.ids.take('review');
            state.ids.reserve('review', id);
            return {
              id,
              user: review.user,
              state: review.state,
              body: review.body,
              submittedAt: review.submittedAt ?? createdAt,
              commitId: headSha,
            };
          }),
        }
      : null,
  });
  repo.nextNumber = Math.max(repo.nextNumber, issue.number + 1);
  for (const comment of issue.comments) {
    const id = comment.id ?? state.ids.take('comment');
    state.ids.reserve('comment', id);
    const at = comment.createdAt ?? createdAt;
    repo.comments.set(id, {
      id,
      issueNumber: issue.number,
      user: comment.user,
      body: comment.body,
      createdAt: at,
      updatedAt: at,
    });
  }
}

function seedWorkflowRun(repo: RepoRecord, run: WorldWorkflowRun, state: DoubleState): WorkflowRunRecord {
  const createdAt = run.createdAt ?? state.now;
  const completedAt = run.status === 'completed' ? createdAt : null;
  const jobs = (
    run.jobs ?? [{ id: stableId('job', `${repo.fullName}#${run.id}`), name: run.name, steps: [] }]
  ).map((job): WorkflowJobRecord => {
    const status = 'status' in job ? job.status : run.status;
    const conclusion = 'conclusion' in job ? job.conclusion : run.conclusion;
    const steps = job.steps.length > 0 ? job.steps : [{ name: job.name, status, conclusion }];
    return {
      id: job.id,
      runId: run.id,
      runAttempt: run.runAttempt,
      name: job.name,
      status,
      conclusion,
      startedAt: createdAt,
      completedAt: status === 'completed' ? completedAt : null,
      steps: steps.map((step, index) => ({ ...step, number: index + 1 })),
    };
  });
  return {
    id: run.id,
    name: run.name,
    workflowId: run.workflowId ?? stableId('workflow', `${repo.fullName.toLowerCase()}#${run.name}`),
    path: run.path ?? `.github/workflows/${run.name}.yml`,
    headSha: run.headSha,
    headBranch: run.headBranch,
    event: run.event,
    status: run.status,
    conclusion: run.conclusion,
    runAttempt: run.runAttempt,
    runNumber: run.runNumber ?? run.id,
    displayTitle: run.displayTitle ?? run.name,
    actor: run.actor ?? repo.owner,
    createdAt,
    updatedAt: createdAt,
    runStartedAt: createdAt,
    jobs,
  };
}

/** Accounts that own something in the world, in a stable order. */
function accountsOf(world: World): string[] {
  const seen = new Map<string, string>();
  for (const org of Object.keys(world.definition.orgs)) seen.set(org.toLowerCase(), org);
  for (const fullName of Object.keys(world.definition.repos)) {
    const owner = fullName.split('/')[0]!;
    if (!seen.has(owner.toLowerCase())) seen.set(owner.toLowerCase(), owner);
  }
  return [...seen.values()];
}

/**
 * Builds the mutable state from a validated world. Installations, when the world lists none, are one
 * per account (org or repository owner), id `stableId('installation', account)`, covering all its repos.
 *
 * @example
 * const state = createDoubleState(loadWorld('world.yaml'));
 * state.repos.get('acme/widgets')?.issues.get(7)?.title;
 */
export function createDoubleState(world: World, options: { now?: Date } = {}): DoubleState {
  const definition = world.definition;
  const now = options.now ?? definition.now ?? DEFAULT_WORLD_CLOCK;
  const app = definition.app;
  const state: DoubleState = {
    app: {
      id: app.id,
      slug: app.slug,
      name: app.name ?? app.slug,
      owner: app.owner ?? accountsOf(world)[0] ?? app.slug,
      botLogin: `${app.slug}[bot]`,
    },
    now,
    orgs: new Map(),
    repos: new Map(),
    installations: [],
    tokens: new Map(),
    hookDeliveries: [],
    redeliveries: [],
    ids: new IdSequence(),
  };
  for (const [login, org] of Object.entries(definition.orgs)) {
    const teams = new Map<string, TeamRecord>();
    for (const [slug, members] of Object.entries(org.teams)) {
      teams.set(slug.toLowerCase(), {
        id: stableId('team', `${login}/${slug}`.toLowerCase()),
        slug,
        name: slug,
        members,
      });
    }
    state.orgs.set(login.toLowerCase(), {
      id: stableId('user', login.toLowerCase()),
      login,
      members: org.members,
      teams,
    });
  }
  for (const [fullName, repo] of Object.entries(definition.repos)) {
    state.repos.set(
      fullName.toLowerCase(),
      buildRepo(fullName, repo, world.files.get(fullName) ?? new Map(), state),
    );
  }
  const installations: Array<{ id: number; account: string; repositories?: string[] }> =
    definition.installations ??
    accountsOf(world).map((account) => ({ id: stableId('installation', account.toLowerCase()), account }));
  state.installations = installations.map((installation): InstallationRecord => ({
    id: installation.id,
    account: installation.account,
    repositories: installation.repositories ?? 'all',
    createdAt: now,
  }));
  for (const delivery of definition.hookDeliveries) addHookDelivery(state, delivery);
  return state;
}

/** Adds a webhook delivery to what `GET /app/hook/deliveries` lists. */
export function addHookDelivery(state: DoubleState, delivery: WorldHookDelivery): HookDeliveryRecord {
  state.ids.reserve('hook-delivery', delivery.id);
  const record: HookDeliveryRecord = {
    id: delivery.id,
    guid: delivery.guid,
    event: delivery.event,
    action: delivery.action,
    status: delivery.status,
    statusCode: delivery.statusCode,
    deliveredAt: delivery.deliveredAt ?? state.now,
    redelivery: delivery.redelivery,
    duration: delivery.duration,
    installationId: delivery.installationId,
    repositoryId: delivery.repository
      ? (state.repos.get(delivery.repository.toLowerCase())?.id ?? null)
      : null,
    throttledAt: delivery.throttledAt,
  };
  state.hookDeliveries.push(record);
  return record;
}
