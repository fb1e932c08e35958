import { generateKeyPairSync } from 'node:crypto';
import { createGitHubDouble, type GitHubDouble } from '../../src/github-double/index.js';
import type { WorldInput } from '../../src/github-double/world-schema.js';
import type { StoreBackend } from '../../src/store/open-store.js';
import { startHarness, type Harness, type HarnessOptions } from './sheriff-harness.js';
import { webhookExample } from './webhook-examples.js';

/** A throwaway App key: the double does not check tokens, but Probot signs real JWTs with it. */
export const TEST_PRIVATE_KEY = generateKeyPairSync('rsa', {
  modulusLength: 2048,
  privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
  publicKeyEncoding: { type: 'spki', format: 'pem' },
}).privateKey;

export interface WorldHarness extends Harness {
  double: GitHubDouble;
}

/**
 * The real Sheriff over loopback HTTP, talking to the GitHub double (also over loopback) seeded
 * with `world`: the end-to-end rig every feature test uses.
 */
export async function startWorld(
  backend: StoreBackend,
  world: WorldInput,
  options: HarnessOptions = {},
): Promise<WorldHarness> {
  const double = createGitHubDouble(world);
  const server = await double.listen();
  const harness = await startHarness(backend, {
    ...options,
    env: { APP_ID: '1', PRIVATE_KEY: TEST_PRIVATE_KEY, GITHUB_API_URL: server.baseUrl, ...options.env },
  });
  return {
    ...harness,
    double,
    close: async () => {
      await harness.close();
      await server.close();
    },
  };
}

export interface CommentOptions {
  repo: string;
  number: number;
  body: string;
  author: string;
  pullRequest?: boolean;
  labels?: string[];
  /** Leave out `installation`, as a forward from Prow's hook does. */
  forwarded?: boolean;
  action?: 'created' | 'edited';
}

/** A real `issue_comment` example, re-pointed at a repository and issue of the world. */
export function issueComment(options: CommentOptions): Record<string, unknown> {
  const payload = webhookExample<Record<string, any>>('issue_comment', 'created'); // eslint-disable-line @typescript-eslint/no-explicit-any
  const [owner, name] = options.repo.split('/') as [string, string];
  payload.action = options.action ?? 'created';
  payload.repository.name = name;
  payload.repository.full_name = options.repo;
  payload.repository.owner.login = owner;
  payload.issue.number = options.number;
  payload.issue.state = 'open';
  payload.issue.labels = (options.labels ?? []).map((label, i) => ({
    id: i + 1,
    name: label,
    color: 'ededed',
    default: false,
  }));
  payload.issue.html_url = `https://github.com/${options.repo}/${options.pullRequest ? 'pull' : 'issues'}/${options.number}`;
  if (options.pullRequest) {
    payload.issue.pull_request = {
      url: `https://api.github.com/repos/${options.repo}/pulls/${options.number}`,
      html_url: payload.issue.html_url,
      diff_url: `${payload.issue.html_url}.diff`,
      patch_url: `${payload.issue.html_url}.patch`,
    };
  } else {
    delete payload.issue.pull_request;
  }
  payload.comment.body = options.body;
  payload.comment.user.login = options.author;
  payload.comment.user.type = 'User';
  payload.comment.html_url = `${payload.issue.html_url}#issuecomment-1`;
  payload.sender.login = options.author;
  payload.sender.type = 'User';
  if (options.forwarded) delete payload.installation;
  return payload;
}
