import { stringify } from 'yaml';
import { BUILTIN_PLUGINS } from '../../../plugins/index.js';
import { exampleOf } from '../../support/webhook-examples.js';
import { formatReply } from '../../../src/commands/format-reply.js';
import { issueComment, type WorldHarness } from '../../support/github-world.js';

/** A webhook payload a test is free to reshape (the recorded examples are deeply typed). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Payload = Record<string, any>;

/** Sheriff's reply to the comment of `payload`, as the dispatcher formats it. */
export function replyTo(payload: Payload, message: string): string {
  return formatReply({
    login: payload.comment.user.login,
    message,
    commentBody: payload.comment.body,
    commentUrl: payload.comment.html_url,
  });
}

export interface ThreadComment {
  repo?: string;
  number: number;
  body: string;
  author: string;
  /** GitHub's `author_association` of the commenter (the recorded example says OWNER). */
  association: 'OWNER' | 'MEMBER' | 'COLLABORATOR' | 'CONTRIBUTOR' | 'NONE';
  pullRequest?: boolean;
  issueAuthor?: string;
  labels?: string[];
  assignees?: string[];
  state?: 'open' | 'closed';
  action?: 'created' | 'edited';
}

/** An `issue_comment` on acme/widgets as GitHub would send it for this world. */
export function threadComment(options: ThreadComment): Payload {
  const payload = issueComment({
    repo: options.repo ?? 'acme/widgets',
    number: options.number,
    body: options.body,
    author: options.author,
    pullRequest: options.pullRequest ?? false,
    labels: options.labels ?? [],
    action: options.action ?? 'created',
    forwarded: true,
  }) as Payload;
  payload.comment.author_association = options.association;
  payload.issue.user = { ...payload.issue.user, login: options.issueAuthor ?? 'erin' };
  payload.issue.assignees = (options.assignees ?? []).map((login) => ({ ...payload.issue.user, login }));
  payload.issue.assignee = payload.issue.assignees[0] ?? null;
  payload.issue.state = options.state ?? 'open';
  return payload;
}

/** A `pull_request` `synchronize` (new commits) on acme/widgets, with no installation (looked up). */
export function pullRequestSynchronize(options: {
  number: number;
  author: string;
  labels: string[];
  before: string;
  after: string;
}): Payload {
  const payload = exampleOf('pull_request', 'synchronize') as Payload;
  delete payload.installation;
  retarget(payload);
  payload.number = options.number;
  payload.before = options.before;
  payload.after = options.after;
  payload.pull_request.number = options.number;
  payload.pull_request.user.login = options.author;
  payload.pull_request.labels = options.labels.map((name, id) => ({
    id,
    name,
    color: 'ededed',
    default: false,
  }));
  payload.pull_request.head.sha = options.after;
  return payload;
}

/** A `pull_request_review` `submitted` on acme/widgets. */
export function pullRequestReview(options: {
  number: number;
  reviewer: string;
  association: string;
  state: 'approved' | 'changes_requested' | 'commented';
  body?: string;
  author: string;
  labels?: string[];
  assignees?: string[];
}): Payload {
  const payload = exampleOf('pull_request_review', 'submitted') as Payload;
  delete payload.installation;
  retarget(payload);
  payload.review.state = options.state;
  payload.review.body = options.body ?? null;
  payload.review.user.login = options.reviewer;
  payload.review.author_association = options.association;
  payload.review.html_url = `https://github.com/acme/widgets/pull/${options.number}#pullrequestreview-1`;
  payload.pull_request.number = options.number;
  payload.pull_request.state = 'open';
  payload.pull_request.user.login = options.author;
  payload.pull_request.labels = (options.labels ?? []).map((name, id) => ({
    id,
    name,
    color: 'ededed',
    default: false,
  }));
  payload.pull_request.assignees = (options.assignees ?? []).map((login) => ({
    ...payload.review.user,
    login,
  }));
  payload.sender.login = options.reviewer;
  return payload;
}

function retarget(payload: Payload): void {
  payload.repository.name = 'widgets';
  payload.repository.full_name = 'acme/widgets';
  payload.repository.owner.login = 'acme';
}

/**
 * The requests the plugins made, as `operationId status`: the App's authentication, its
 * installation lookup and the config read are not their doing.
 */
export function pluginCalls(harness: WorldHarness): string[] {
  return harness.double.requests
    .filter(
      (request) => !/^apps\//.test(request.operationId ?? '') && request.operationId !== 'repos/get-content',
    )
    .map((request) => `${request.operationId ?? `${request.method} ${request.path}`} ${request.status}`);
}

/** Sends one delivery and waits until the plugins are done with it. */
export async function deliver(harness: WorldHarness, event: string, payload: object): Promise<void> {
  const before = harness.handled.length;
  const response = await harness.send(event, payload);
  if (response.status !== 202) throw new Error(`delivery answered ${response.status}`);
  await harness.waitFor(async () => {
    const stats = await harness.sheriff.queue.stats();
    return harness.handled.length > before && stats.pending + stats.running === 0;
  });
}

/**
 * A `.github/sheriff.yml` that turns off every plugin but `plugin` (with `settings`), so a test
 * sees only that plugin's requests: approve, trigger and others react to the same events.
 */
export function soloConfig(plugin: string, settings: Record<string, unknown> = {}): string {
  const plugins: Record<string, unknown> = {};
  for (const other of BUILTIN_PLUGINS)
    plugins[other.name] = other.name === plugin ? settings : { enabled: false };
  return stringify({ plugins });
}
