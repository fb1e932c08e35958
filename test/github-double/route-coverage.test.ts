import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createGitHubDouble } from '../../src/github-double/index.js';
import { stableId } from '../../src/github-double/identity.js';
import { implementedOperationIds } from '../../src/github-double/routes/index.js';
import { acmeWorld, inProcessOctokit } from './support.js';

const repo = { owner: 'acme', repo: 'widgets' };
const installation_id = stableId('installation', 'acme');

/**
 * One successful call per implemented operation, in an order where each can succeed. Responses are
 * checked against GitHub's response schemas by the double itself (a mismatch answers 500), so this
 * sweep proves every route's success shape; the last test makes sure the sweep misses none.
 */
const calls: Array<[operationId: string, route: string, parameters?: Record<string, unknown>]> = [
  ['apps/get-authenticated', 'GET /app'],
  ['apps/list-installations', 'GET /app/installations'],
  ['apps/get-installation', 'GET /app/installations/{installation_id}', { installation_id }],
  ['apps/get-org-installation', 'GET /orgs/{org}/installation', { org: 'acme' }],
  ['apps/get-repo-installation', 'GET /repos/{owner}/{repo}/installation', repo],
  [
    'apps/create-installation-access-token',
    'POST /app/installations/{installation_id}/access_tokens',
    { installation_id },
  ],
  ['apps/list-webhook-deliveries', 'GET /app/hook/deliveries'],
  ['apps/get-webhook-delivery', 'GET /app/hook/deliveries/{delivery_id}', { delivery_id: 1 }],
  ['apps/redeliver-webhook-delivery', 'POST /app/hook/deliveries/{delivery_id}/attempts', { delivery_id: 1 }],
  ['rate-limit/get', 'GET /rate_limit'],
  ['repos/get', 'GET /repos/{owner}/{repo}', repo],
  ['repos/get-branch', 'GET /repos/{owner}/{repo}/branches/{branch}', { ...repo, branch: 'main' }],
  ['git/get-ref', 'GET /repos/{owner}/{repo}/git/ref/{ref}', { ...repo, ref: 'heads/main' }],
  [
    'git/get-tree',
    'GET /repos/{owner}/{repo}/git/trees/{tree_sha}',
    { ...repo, tree_sha: 'main', recursive: '1' },
  ],
  ['repos/get-content', 'GET /repos/{owner}/{repo}/contents/{path}', { ...repo, path: 'OWNERS' }],
  ['orgs/get', 'GET /orgs/{org}', { org: 'acme' }],
  ['orgs/list-members', 'GET /orgs/{org}/members', { org: 'acme' }],
  [
    'orgs/check-membership-for-user',
    'GET /orgs/{org}/members/{username}',
    { org: 'acme', username: 'alice' },
  ],
  [
    'orgs/get-membership-for-user',
    'GET /orgs/{org}/memberships/{username}',
    { org: 'acme', username: 'alice' },
  ],
  ['teams/list', 'GET /orgs/{org}/teams', { org: 'acme' }],
  ['teams/get-by-name', 'GET /orgs/{org}/teams/{team_slug}', { org: 'acme', team_slug: 'core' }],
  [
    'teams/list-members-in-org',
    'GET /orgs/{org}/teams/{team_slug}/members',
    { org: 'acme', team_slug: 'core' },
  ],
  [
    'teams/get-membership-for-user-in-org',
    'GET /orgs/{org}/teams/{team_slug}/memberships/{username}',
    { org: 'acme', team_slug: 'core', username: 'alice' },
  ],
  ['repos/list-collaborators', 'GET /repos/{owner}/{repo}/collaborators', repo],
  [
    'repos/check-collaborator',
    'GET /repos/{owner}/{repo}/collaborators/{username}',
    { ...repo, username: 'bob' },
  ],
  [
    'repos/get-collaborator-permission-level',
    'GET /repos/{owner}/{repo}/collaborators/{username}/permission',
    { ...repo, username: 'bob' },
  ],
  [
    'repos/add-collaborator',
    'PUT /repos/{owner}/{repo}/collaborators/{username}',
    { ...repo, username: 'dave' },
  ],
  [
    'repos/remove-collaborator',
    'DELETE /repos/{owner}/{repo}/collaborators/{username}',
    { ...repo, username: 'dave' },
  ],
  ['issues/list-assignees', 'GET /repos/{owner}/{repo}/assignees', repo],
  [
    'issues/check-user-can-be-assigned',
    'GET /repos/{owner}/{repo}/assignees/{assignee}',
    { ...repo, assignee: 'bob' },
  ],
  ['issues/list-for-repo', 'GET /repos/{owner}/{repo}/issues', { ...repo, state: 'all' }],
  ['issues/create', 'POST /repos/{owner}/{repo}/issues', { ...repo, title: 'Tracking', labels: ['lgtm'] }],
  ['issues/get', 'GET /repos/{owner}/{repo}/issues/{issue_number}', { ...repo, issue_number: 9 }],
  [
    'issues/update',
    'PATCH /repos/{owner}/{repo}/issues/{issue_number}',
    { ...repo, issue_number: 9, state: 'closed' },
  ],
  ['issues/lock', 'PUT /repos/{owner}/{repo}/issues/{issue_number}/lock', { ...repo, issue_number: 9 }],
  ['issues/unlock', 'DELETE /repos/{owner}/{repo}/issues/{issue_number}/lock', { ...repo, issue_number: 9 }],
  [
    'issues/create-comment',
    'POST /repos/{owner}/{repo}/issues/{issue_number}/comments',
    { ...repo, issue_number: 9, body: 'x' },
  ],
  [
    'issues/list-comments',
    'GET /repos/{owner}/{repo}/issues/{issue_number}/comments',
    { ...repo, issue_number: 9 },
  ],
  ['issues/list-comments-for-repo', 'GET /repos/{owner}/{repo}/issues/comments', repo],
  [
    'issues/get-comment',
    'GET /repos/{owner}/{repo}/issues/comments/{comment_id}',
    { ...repo, comment_id: 5_000_000 },
  ],
  [
    'issues/update-comment',
    'PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}',
    { ...repo, comment_id: 5_000_000, body: 'y' },
  ],
  [
    'issues/delete-comment',
    'DELETE /repos/{owner}/{repo}/issues/comments/{comment_id}',
    { ...repo, comment_id: 5_000_000 },
  ],
  ['issues/list-labels-for-repo', 'GET /repos/{owner}/{repo}/labels', repo],
  [
    'issues/create-label',
    'POST /repos/{owner}/{repo}/labels',
    { ...repo, name: 'kind/bug', color: 'ff0000' },
  ],
  ['issues/get-label', 'GET /repos/{owner}/{repo}/labels/{name}', { ...repo, name: 'kind/bug' }],
  [
    'issues/update-label',
    'PATCH /repos/{owner}/{repo}/labels/{name}',
    { ...repo, name: 'kind/bug', description: 'A bug' },
  ],
  [
    'issues/add-labels',
    'POST /repos/{owner}/{repo}/issues/{issue_number}/labels',
    { ...repo, issue_number: 7, labels: ['kind/bug'] },
  ],
  [
    'issues/set-labels',
    'PUT /repos/{owner}/{repo}/issues/{issue_number}/labels',
    { ...repo, issue_number: 7, labels: ['kind/bug', 'lgtm'] },
  ],
  [
    'issues/list-labels-on-issue',
    'GET /repos/{owner}/{repo}/issues/{issue_number}/labels',
    { ...repo, issue_number: 7 },
  ],
  [
    'issues/remove-label',
    'DELETE /repos/{owner}/{repo}/issues/{issue_number}/labels/{name}',
    { ...repo, issue_number: 7, name: 'lgtm' },
  ],
  [
    'issues/remove-all-labels',
    'DELETE /repos/{owner}/{repo}/issues/{issue_number}/labels',
    { ...repo, issue_number: 7 },
  ],
  ['issues/delete-label', 'DELETE /repos/{owner}/{repo}/labels/{name}', { ...repo, name: 'kind/bug' }],
  [
    'issues/add-assignees',
    'POST /repos/{owner}/{repo}/issues/{issue_number}/assignees',
    { ...repo, issue_number: 8, assignees: ['bob'] },
  ],
  [
    'issues/remove-assignees',
    'DELETE /repos/{owner}/{repo}/issues/{issue_number}/assignees',
    { ...repo, issue_number: 8, assignees: ['bob'] },
  ],
  ['search/issues-and-pull-requests', 'GET /search/issues', { q: 'repo:acme/widgets is:issue release' }],
  ['pulls/list', 'GET /repos/{owner}/{repo}/pulls', repo],
  ['pulls/get', 'GET /repos/{owner}/{repo}/pulls/{pull_number}', { ...repo, pull_number: 7 }],
  [
    'pulls/update',
    'PATCH /repos/{owner}/{repo}/pulls/{pull_number}',
    { ...repo, pull_number: 7, title: 'Fix the bundle' },
  ],
  ['pulls/list-files', 'GET /repos/{owner}/{repo}/pulls/{pull_number}/files', { ...repo, pull_number: 7 }],
  [
    'pulls/list-reviews',
    'GET /repos/{owner}/{repo}/pulls/{pull_number}/reviews',
    { ...repo, pull_number: 7 },
  ],
  [
    'pulls/request-reviewers',
    'POST /repos/{owner}/{repo}/pulls/{pull_number}/requested_reviewers',
    { ...repo, pull_number: 7, reviewers: ['bob'] },
  ],
  [
    'pulls/list-requested-reviewers',
    'GET /repos/{owner}/{repo}/pulls/{pull_number}/requested_reviewers',
    { ...repo, pull_number: 7 },
  ],
  [
    'pulls/remove-requested-reviewers',
    'DELETE /repos/{owner}/{repo}/pulls/{pull_number}/requested_reviewers',
    { ...repo, pull_number: 7, reviewers: ['bob'] },
  ],
  ['pulls/merge', 'PUT /repos/{owner}/{repo}/pulls/{pull_number}/merge', { ...repo, pull_number: 7 }],
  [
    'pulls/check-if-merged',
    'GET /repos/{owner}/{repo}/pulls/{pull_number}/merge',
    { ...repo, pull_number: 7 },
  ],
  [
    'repos/create-commit-status',
    'POST /repos/{owner}/{repo}/statuses/{sha}',
    { ...repo, sha: 'abc123', state: 'pending' },
  ],
  [
    'repos/list-commit-statuses-for-ref',
    'GET /repos/{owner}/{repo}/commits/{ref}/statuses',
    { ...repo, ref: 'abc123' },
  ],
  [
    'repos/get-combined-status-for-ref',
    'GET /repos/{owner}/{repo}/commits/{ref}/status',
    { ...repo, ref: 'abc123' },
  ],
  [
    'checks/create',
    'POST /repos/{owner}/{repo}/check-runs',
    { ...repo, name: 'sheriff', head_sha: 'abc123' },
  ],
  ['checks/get', 'GET /repos/{owner}/{repo}/check-runs/{check_run_id}', { ...repo, check_run_id: 5_000_000 }],
  [
    'checks/update',
    'PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}',
    { ...repo, check_run_id: 5_000_000, conclusion: 'success' },
  ],
  ['checks/list-for-ref', 'GET /repos/{owner}/{repo}/commits/{ref}/check-runs', { ...repo, ref: 'abc123' }],
  ['checks/create-suite', 'POST /repos/{owner}/{repo}/check-suites', { ...repo, head_sha: 'abc123' }],
  [
    'checks/get-suite',
    'GET /repos/{owner}/{repo}/check-suites/{check_suite_id}',
    { ...repo, check_suite_id: 5_000_000 },
  ],
  [
    'checks/list-for-suite',
    'GET /repos/{owner}/{repo}/check-suites/{check_suite_id}/check-runs',
    { ...repo, check_suite_id: 5_000_000 },
  ],
  [
    'checks/list-suites-for-ref',
    'GET /repos/{owner}/{repo}/commits/{ref}/check-suites',
    { ...repo, ref: 'abc123' },
  ],
  [
    'checks/rerequest-run',
    'POST /repos/{owner}/{repo}/check-runs/{check_run_id}/rerequest',
    { ...repo, check_run_id: 5_000_000 },
  ],
  [
    'checks/rerequest-suite',
    'POST /repos/{owner}/{repo}/check-suites/{check_suite_id}/rerequest',
    { ...repo, check_suite_id: 5_000_000 },
  ],
  ['actions/list-workflow-runs-for-repo', 'GET /repos/{owner}/{repo}/actions/runs', repo],
  ['actions/get-workflow-run', 'GET /repos/{owner}/{repo}/actions/runs/{run_id}', { ...repo, run_id: 42 }],
  [
    'actions/list-jobs-for-workflow-run',
    'GET /repos/{owner}/{repo}/actions/runs/{run_id}/jobs',
    { ...repo, run_id: 42 },
  ],
  [
    'actions/get-job-for-workflow-run',
    'GET /repos/{owner}/{repo}/actions/jobs/{job_id}',
    { ...repo, job_id: 4201 },
  ],
  [
    'actions/re-run-job-for-workflow-run',
    'POST /repos/{owner}/{repo}/actions/jobs/{job_id}/rerun',
    { ...repo, job_id: 4201 },
  ],
  [
    'actions/re-run-workflow-failed-jobs',
    'POST /repos/{owner}/{repo}/actions/runs/{run_id}/rerun-failed-jobs',
    { ...repo, run_id: 43 },
  ],
  [
    'actions/re-run-workflow',
    'POST /repos/{owner}/{repo}/actions/runs/{run_id}/rerun',
    { ...repo, run_id: 44 },
  ],
  [
    'actions/approve-workflow-run',
    'POST /repos/{owner}/{repo}/actions/runs/{run_id}/approve',
    { ...repo, run_id: 45 },
  ],
  [
    'actions/create-workflow-dispatch',
    'POST /repos/{owner}/{repo}/actions/workflows/{workflow_id}/dispatches',
    { ...repo, workflow_id: 'release.yml', ref: 'main', inputs: { service: 'lambda' } },
  ],
  [
    'repos/create-dispatch-event',
    'POST /repos/{owner}/{repo}/dispatches',
    { ...repo, event_type: 'retest-release' },
  ],
  ['git/get-commit', 'GET /repos/{owner}/{repo}/git/commits/{commit_sha}'],
  ['git/get-blob', 'GET /repos/{owner}/{repo}/git/blobs/{file_sha}'],
];

function world() {
  const base = acmeWorld({ hookDeliveries: [{ id: 1, guid: 'g-1', event: 'status' }] });
  base.repos!['acme/widgets']!.workflowRuns = [
    {
      id: 42,
      name: 'release',
      headSha: 'abc123',
      conclusion: 'failure',
      jobs: [{ id: 4201, name: 'publish', conclusion: 'failure' }],
    },
    { id: 43, name: 'release', headSha: 'abc123', conclusion: 'failure' },
    { id: 44, name: 'release', headSha: 'abc123', conclusion: 'success' },
    { id: 45, name: 'ci', headSha: 'abc123', event: 'pull_request', conclusion: 'action_required' },
  ];
  base.repos!['acme/widgets']!.issues![0]!.reviews = [{ user: 'alice', state: 'APPROVED', body: 'LGTM' }];
  return base;
}

describe('every implemented route', () => {
  it('answers a valid call with a success GitHub schema accepts', async () => {
    const double = createGitHubDouble(world());
    const octokit = inProcessOctokit(double);
    const branch = await octokit.rest.repos.getBranch({ ...repo, branch: 'main' });
    const tree = await octokit.rest.git.getTree({ ...repo, tree_sha: 'main' });
    const blob = tree.data.tree.find((entry) => entry.type === 'blob')!.sha!;
    const extra: Record<string, Record<string, unknown>> = {
      'git/get-commit': { ...repo, commit_sha: branch.data.commit.sha },
      'git/get-blob': { ...repo, file_sha: blob },
    };
    const failures: string[] = [];
    for (const [operationId, route, parameters] of calls) {
      try {
        const response = await octokit.request(route, { ...parameters, ...extra[operationId] });
        const answered = double.requests.at(-1)!;
        if (answered.operationId !== operationId) failures.push(`${route} matched ${answered.operationId}`);
        if (response.status >= 300) failures.push(`${operationId}: ${response.status}`);
      } catch (error) {
        failures.push(`${operationId}: ${(error as Error).message}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('is in the sweep above', () => {
    expect(calls.map(([operationId]) => operationId).sort()).toEqual([...implementedOperationIds]);
  });
});

describe('the README', () => {
  it('lists exactly the implemented operations', () => {
    const readme = readFileSync(
      fileURLToPath(new URL('../../src/github-double/README.md', import.meta.url)),
      'utf8',
    );
    const section = readme.slice(
      readme.indexOf('## Implemented operations'),
      readme.indexOf('## Known gaps'),
    );
    const listed = [...section.matchAll(/`([a-z-]+\/[a-z-]+)`/g)].map((match) => match[1]);
    expect(listed.sort()).toEqual([...implementedOperationIds]);
  });
});
