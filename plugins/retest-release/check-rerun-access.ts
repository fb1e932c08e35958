import { buildServiceAreas } from '../../src/areas/service-area.js';
import type { AccessDecision } from '../../src/permissions/access-rule.js';
import { PermissionChecker } from '../../src/permissions/permission-checker.js';
import type { RepositoryContext } from '../../src/plugins/plugin-definition.js';
import { splitRepository } from '../../src/rerun/rerun-backend.js';
import type { JobRun } from '../release-tracker/job-run.js';
import { routeJobRun } from '../release-tracker/route-job-run.js';
import type { ReleaseRun } from './release-runs.js';
import type { RetestReleaseConfig } from './retest-release-config.js';

/**
 * Whether `login` may re-run `run`, by the access rule of the job's repository. `ownersApprovers`
 * means the approvers of the job's service area, as the tracker routes it (OWNERS and
 * `areas.<name>.owners`; a team from config counts its members). A refusal names the rule and
 * where it is set.
 */
export async function checkRerunAccess(
  repository: RepositoryContext,
  config: RetestReleaseConfig,
  run: ReleaseRun,
  login: string,
  checker: PermissionChecker,
): Promise<AccessDecision> {
  let rule = config.access;
  let approvers: string[] = [];
  if (rule.ownersApprovers) {
    const { owner, repo } = splitRepository(run.repository);
    const snapshot = await repository.owners.load(repository.github, { owner, repo });
    const areas = buildServiceAreas(repository.repoConfig.areas, snapshot.index);
    const routing = routeJobRun(jobRunOf(run), areas, snapshot.index, 'warning');
    approvers = routing.owners.filter((owner) => owner.kind === 'login').map((owner) => owner.handle);
    const teams = routing.owners.filter((owner) => owner.kind === 'team').map((owner) => owner.handle);
    if (teams.length > 0) rule = { ...rule, teams: [...rule.teams, ...teams] };
  }
  const decision = await checker.evaluate(rule, {
    login,
    ownersApprovers: approvers,
    command: '/retest-release',
  });
  if (decision.allowed) return decision;
  return {
    allowed: false,
    because: `${decision.because.replace(/\.$/, '')} (rule \`plugins.retest-release.access\` of ${run.repository})`,
  };
}

/** A permission checker per job repository, shared by the runs of one request. */
export function checkerFor(repository: RepositoryContext, name: string): PermissionChecker {
  const { owner, repo } = splitRepository(name);
  return new PermissionChecker(repository.github, { owner, name: repo });
}

function jobRunOf(run: ReleaseRun): JobRun {
  return {
    runId: run.runId,
    source: run.source as JobRun['source'],
    system: run.system as JobRun['system'],
    repository: run.repository,
    job: run.job,
    jobType: run.jobType as JobRun['jobType'],
    sha: run.sha,
    ref: run.ref,
    defaultBranch: run.defaultBranch,
    state: run.state as JobRun['state'],
    url: run.url,
    startedAt: null,
    finishedAt: null,
    buildId: run.buildId,
    stage: run.stage,
  };
}
