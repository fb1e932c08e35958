import { webhookExample } from '../../support/webhook-examples.js';

/* eslint-disable @typescript-eslint/no-explicit-any -- recorded payloads are edited in place */

/** The parts of a pull request the tests set; the rest comes from a recorded payload. */
export interface PullShape {
  number: number;
  author: string;
  headSha: string;
  labels?: string[];
  body?: string;
  state?: 'open' | 'closed';
  draft?: boolean;
  assignees?: string[];
  baseRef?: string;
}

function repoint(payload: any, repo: string): void {
  const [owner, name] = repo.split('/') as [string, string];
  Object.assign(payload.repository, { name, full_name: repo, default_branch: 'main' });
  payload.repository.owner.login = owner;
  // As forwarded by Prow's hook, or sent to a repository-level hook: Sheriff finds the installation.
  delete payload.installation;
}

function shapePull(pull: any, repo: string, shape: PullShape): void {
  Object.assign(pull, {
    number: shape.number,
    state: shape.state ?? 'open',
    draft: shape.draft ?? false,
    body: shape.body ?? '',
    html_url: `https://github.com/${repo}/pull/${shape.number}`,
    labels: (shape.labels ?? []).map((name, i) => ({ id: i + 1, name, color: 'ededed', default: false })),
    assignees: (shape.assignees ?? []).map((login) => ({ ...pull.user, login })),
  });
  pull.user = { ...pull.user, login: shape.author, type: 'User' };
  pull.head.sha = shape.headSha;
  pull.base.ref = shape.baseRef ?? 'main';
}

/**
 * A recorded `pull_request` delivery re-pointed at a PR of the world. `sender` defaults to the
 * author; a `label` is the one labeled or unlabeled.
 */
export function pullRequestEvent(
  repo: string,
  action: string,
  shape: PullShape,
  extra: { sender?: string; senderIsBot?: boolean; label?: string } = {},
): Record<string, unknown> {
  const payload = webhookExample<any>('pull_request', action === 'synchronize' ? 'synchronize' : 'opened');
  payload.action = action;
  payload.number = shape.number;
  repoint(payload, repo);
  shapePull(payload.pull_request, repo, shape);
  const sender = extra.sender ?? shape.author;
  payload.sender = {
    ...payload.sender,
    login: sender,
    type: extra.senderIsBot || sender.endsWith('[bot]') ? 'Bot' : 'User',
  };
  if (extra.label) payload.label = { id: 99, name: extra.label, color: 'ededed', default: false };
  return payload;
}

/** A recorded `pull_request_review` delivery: `reviewer` submitted (or dismissed) a review. */
export function reviewEvent(
  repo: string,
  shape: PullShape,
  review: { id: number; reviewer: string; state: string; body?: string; action?: 'submitted' | 'dismissed' },
): Record<string, unknown> {
  const payload = webhookExample<any>('pull_request_review', review.action ?? 'submitted');
  repoint(payload, repo);
  shapePull(payload.pull_request, repo, shape);
  Object.assign(payload.review, {
    id: review.id,
    state: review.state,
    body: review.body ?? null,
    html_url: `https://github.com/${repo}/pull/${shape.number}#pullrequestreview-${review.id}`,
    submitted_at: '2025-05-14T10:05:00Z',
  });
  payload.review.user = { ...payload.review.user, login: review.reviewer, type: 'User' };
  payload.sender = { ...payload.sender, login: review.reviewer, type: 'User' };
  return payload;
}
