import { Octokit } from '@octokit/rest';
import type { GitHubDouble, WorldInput } from '../../src/github-double/index.js';

/** The contract's example world (section 3), the shape most tests start from. */
export function acmeWorld(overrides: Partial<WorldInput> = {}): WorldInput {
  return {
    now: '2025-05-14T10:00:00Z',
    orgs: { acme: { members: ['alice', 'bob'], teams: { core: ['alice'] } } },
    repos: {
      'acme/widgets': {
        defaultBranch: 'main',
        files: { OWNERS: 'approvers: [alice]\n', '.github/sheriff.yml': 'plugins: [lgtm]\n' },
        permissions: { alice: 'admin', bob: 'write', carol: 'read' },
        labels: ['lgtm', 'approved'],
        issues: [
          {
            number: 7,
            title: 'Fix bundle',
            user: 'erin',
            state: 'open',
            pull: true,
            labels: [],
            assignees: [],
            files: ['services/lambda/bundle.go'],
            headSha: 'abc123',
            body: '',
          },
          {
            number: 8,
            title: 'Release job fails',
            user: 'bob',
            body: 'post-lambda-release is red',
            labels: ['lgtm'],
          },
        ],
        workflowRuns: [
          {
            id: 42,
            name: 'release',
            headSha: 'abc123',
            headBranch: 'main',
            event: 'push',
            status: 'completed',
            conclusion: 'failure',
          },
        ],
        statuses: [
          {
            sha: 'abc123',
            context: 'post-lambda-release',
            state: 'failure',
            targetUrl: 'https://prow.example/x',
          },
        ],
      },
    },
    ...overrides,
  };
}

/** An Octokit that talks to the double in-process, without request logging noise. */
export function inProcessOctokit(double: GitHubDouble): Octokit {
  return new Octokit({ request: { fetch: double.fetch }, log: quietLog });
}

export const quietLog = { debug() {}, info() {}, warn() {}, error() {} };

export const repo = { owner: 'acme', repo: 'widgets' } as const;

/** The error an Octokit call rejected with (fails the test when it resolved). */
export async function rejection(promise: Promise<unknown>): Promise<{
  status: number;
  response?: { data: unknown; headers: Record<string, string | number | undefined> };
}> {
  try {
    await promise;
  } catch (error) {
    return error as {
      status: number;
      response?: { data: unknown; headers: Record<string, string | number | undefined> };
    };
  }
  throw new Error('expected the request to fail');
}
