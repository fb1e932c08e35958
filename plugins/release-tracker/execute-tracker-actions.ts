import type { GitHubClient } from '../../src/github/github-app.js';
import type { Logger } from '../../src/logging/logger.js';
import { findMarkedIssue, type IssueSnapshot, splitRepository } from './read-tracking-issue.js';
import type { TrackerAction } from './tracker-action.js';
import type { TrackingIssueRef } from './tracker-state.js';
import { labelStyle } from './tracking-labels.js';
import { spliceStatusBlock, STATUS_END, STATUS_START } from './tracking-marker.js';

export interface ActionContext {
  readonly github: GitHubClient;
  readonly log: Logger;
  readonly key: string;
  readonly sheriffLabel: string;
  /** The tracked issue as read before deciding (its body is what the status block is spliced into). */
  readonly issue: IssueSnapshot | null;
  /** An earlier attempt may have acted half-way: look for its comments before posting. */
  readonly interrupted: boolean;
}

/**
 * Carries out `reconcile`'s actions, in order, each safe to repeat (see `TrackerAction`). Returns
 * the issue an `open-issue` opened or adopted, for the state.
 *
 * @example
 * const { opened } = await executeTrackerActions(plan.actions, { github, log, key, sheriffLabel, issue: null, interrupted: false });
 */
export async function executeTrackerActions(
  actions: readonly TrackerAction[],
  context: ActionContext,
): Promise<{ opened?: TrackingIssueRef }> {
  let opened: TrackingIssueRef | undefined;
  let body = context.issue?.body ?? null;
  for (const action of actions) {
    switch (action.type) {
      case 'ensure-labels':
        await ensureLabels(context.github, action.repository, action.labels);
        break;
      case 'open-issue':
        opened = await openIssue(context, action);
        break;
      case 'update-status': {
        const spliced = spliceStatusBlock(body, action.block, context.key);
        if (spliced !== body) {
          await context.github.rest.issues.update({ ...target(action.issue), body: spliced });
          body = spliced;
        }
        break;
      }
      case 'comment':
        if (context.interrupted && (await hasComment(context.github, action.issue, firstLine(action.body)))) {
          context.log.info(
            { issue: action.issue, kind: action.kind },
            'comment already posted by an earlier attempt',
          );
          break;
        }
        await context.github.rest.issues.createComment({ ...target(action.issue), body: action.body });
        break;
      case 'add-labels':
        await context.github.rest.issues.addLabels({ ...target(action.issue), labels: [...action.labels] });
        break;
      case 'close-issue':
        if (context.issue?.state === 'closed') break;
        await context.github.rest.issues.update({
          ...target(action.issue),
          state: 'closed',
          state_reason: 'completed',
        });
        break;
    }
  }
  return opened ? { opened } : {};
}

/** Creates the labels the repository lacks (a label created meanwhile by someone else is fine). */
export async function ensureLabels(
  github: GitHubClient,
  repository: string,
  labels: readonly string[],
): Promise<void> {
  const [owner, repo] = splitRepository(repository);
  const existing = await github.paginate(github.rest.issues.listLabelsForRepo, {
    owner,
    repo,
    per_page: 100,
  });
  const have = new Set(existing.map((label) => label.name.toLowerCase()));
  for (const name of labels) {
    if (have.has(name.toLowerCase())) continue;
    try {
      await github.rest.issues.createLabel({ owner, repo, name, ...labelStyle(name) });
    } catch (error) {
      if ((error as { status?: number }).status !== 422) throw error;
    }
  }
}

/**
 * Opens the issue, unless one carrying the key's marker is already open (then its status block is
 * brought up to date). Assignees GitHub refuses (not collaborators) make it retry without them and
 * add them afterwards: that call drops the ones it cannot assign instead of failing.
 */
async function openIssue(
  context: ActionContext,
  action: Extract<TrackerAction, { type: 'open-issue' }>,
): Promise<TrackingIssueRef> {
  const { github } = context;
  const [owner, repo] = splitRepository(action.repository);
  const existing = await findMarkedIssue(github, action.repository, context.key, context.sheriffLabel);
  if (existing) {
    const ref = { repository: action.repository, number: existing.number };
    context.log.info({ issue: ref }, 'adopting the open issue that carries this key');
    const block = blockOf(action.body);
    const spliced = block ? spliceStatusBlock(existing.body, block, context.key) : existing.body;
    if (spliced !== existing.body) await github.rest.issues.update({ ...target(ref), body: spliced });
    return ref;
  }
  const issue = { owner, repo, title: action.title, body: action.body, labels: [...action.labels] };
  try {
    const { data } = await github.rest.issues.create({ ...issue, assignees: [...action.assignees] });
    return { repository: action.repository, number: data.number };
  } catch (error) {
    if ((error as { status?: number }).status !== 422 || action.assignees.length === 0) throw error;
    const { data } = await github.rest.issues.create(issue);
    await github.rest.issues.addAssignees({
      owner,
      repo,
      issue_number: data.number,
      assignees: [...action.assignees],
    });
    return { repository: action.repository, number: data.number };
  }
}

async function hasComment(github: GitHubClient, issue: TrackingIssueRef, marker: string): Promise<boolean> {
  const comments = await github.paginate(github.rest.issues.listComments, {
    ...target(issue),
    per_page: 100,
  });
  return comments.some((comment) => comment.body?.startsWith(marker));
}

function blockOf(body: string): string | undefined {
  const start = body.indexOf(STATUS_START);
  const end = body.indexOf(STATUS_END, start);
  return start === -1 || end === -1 ? undefined : body.slice(start, end + STATUS_END.length);
}

function firstLine(text: string): string {
  const newline = text.indexOf('\n');
  return newline === -1 ? text : text.slice(0, newline);
}

function target(issue: TrackingIssueRef) {
  const [owner, repo] = splitRepository(issue.repository);
  return { owner, repo, issue_number: issue.number };
}
