import type { GitHubClient } from '../../src/github/github-app.js';

/** What the approve plugin needs to know about a PR besides its history. */
export interface PullRequestFacts {
  readonly number: number;
  readonly author: string;
  readonly state: string;
  readonly baseRef: string;
  readonly headSha: string;
  readonly body: string;
  readonly htmlUrl: string;
  readonly createdAt: string;
  readonly labels: readonly string[];
  readonly assignees: readonly string[];
}

/** The fields of a `pull_request` object (webhook or REST) that {@link PullRequestFacts} reads. */
export interface PullRequestObject {
  number: number;
  state: string;
  body?: string | null;
  html_url: string;
  created_at: string;
  user: { login: string } | null;
  base: { ref: string };
  head: { sha: string };
  labels?: Array<{ name?: string } | string> | null;
  assignees?: Array<{ login: string }> | null;
}

/** Reads the facts from a `pull_request` object, as webhooks and `pulls.get` both give it. */
export function pullRequestFacts(pull: PullRequestObject): PullRequestFacts {
  return {
    number: pull.number,
    author: pull.user?.login ?? '',
    state: pull.state,
    baseRef: pull.base.ref,
    headSha: pull.head.sha,
    body: pull.body ?? '',
    htmlUrl: pull.html_url,
    createdAt: pull.created_at,
    labels: (pull.labels ?? []).flatMap((label) =>
      typeof label === 'string' ? [label] : label.name ? [label.name] : [],
    ),
    assignees: (pull.assignees ?? []).map((assignee) => assignee.login),
  };
}

/** One request: the PR as GitHub has it now. */
export async function fetchPullRequestFacts(
  github: GitHubClient,
  pull: { owner: string; repo: string; number: number },
): Promise<PullRequestFacts> {
  const { data } = await github.rest.pulls.get({
    owner: pull.owner,
    repo: pull.repo,
    pull_number: pull.number,
  });
  return pullRequestFacts(data);
}
