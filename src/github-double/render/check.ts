import type { CheckRunRecord, CheckSuiteRecord, DoubleState, RepoRecord } from '../double-state.js';
import { legacyNodeId } from '../identity.js';
import type { Links } from '../routes/route-types.js';
import { renderApp } from './app.js';
import { pullRequestsForSha } from './pull-refs.js';
import { renderRepository } from './repository.js';
import { isoTime, isoTimeOrNull } from './timestamps.js';

/**
 * GitHub's `check-run` object. Every check run belongs to the double's App.
 *
 * @example
 * renderCheckRun(state, repo, run, links).check_suite.id;
 */
export function renderCheckRun(state: DoubleState, repo: RepoRecord, run: CheckRunRecord, links: Links) {
  const url = `${links.api}/repos/${repo.fullName}/check-runs/${run.id}`;
  return {
    id: run.id,
    node_id: legacyNodeId('CheckRun', run.id),
    head_sha: run.headSha,
    external_id: run.externalId,
    url,
    html_url: `${links.web}/${repo.fullName}/runs/${run.id}`,
    details_url: run.detailsUrl,
    status: run.status,
    conclusion: run.conclusion,
    started_at: isoTimeOrNull(run.startedAt),
    completed_at: isoTimeOrNull(run.completedAt),
    output: {
      title: run.output.title,
      summary: run.output.summary,
      text: run.output.text,
      annotations_count: 0,
      annotations_url: `${url}/annotations`,
    },
    name: run.name,
    check_suite: { id: run.suiteId },
    app: renderApp(state, links),
    pull_requests: pullRequestsForSha(repo, run.headSha, links),
  };
}

/** GitHub's `check-suite` object. */
export function renderCheckSuite(
  state: DoubleState,
  repo: RepoRecord,
  suite: CheckSuiteRecord,
  links: Links,
) {
  const runs = [...repo.checkRuns.values()].filter((run) => run.suiteId === suite.id);
  const url = `${links.api}/repos/${repo.fullName}/check-suites/${suite.id}`;
  return {
    id: suite.id,
    node_id: legacyNodeId('CheckSuite', suite.id),
    head_branch: suite.headBranch,
    head_sha: suite.headSha,
    status: suite.status,
    conclusion: suite.conclusion,
    url,
    before: null,
    after: suite.headSha,
    pull_requests: pullRequestsForSha(repo, suite.headSha, links),
    app: renderApp(state, links),
    repository: renderRepository(state, repo, links),
    created_at: isoTime(suite.createdAt),
    updated_at: isoTime(suite.updatedAt),
    head_commit: renderHeadCommit(suite.headSha, suite.createdAt),
    latest_check_runs_count: runs.length,
    check_runs_url: `${url}/check-runs`,
    rerequestable: true,
    runs_rerequestable: true,
  };
}

/** The `simple-commit` GitHub nests in suites and runs; the double knows only the SHA. */
export function renderHeadCommit(sha: string, at: Date) {
  const person = { name: 'GitHub Double', email: 'double@example.invalid' };
  return {
    id: sha,
    tree_id: sha,
    message: `Commit ${sha.slice(0, 7)}`,
    timestamp: isoTime(at),
    author: person,
    committer: person,
  };
}
