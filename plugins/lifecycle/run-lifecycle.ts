import { sameLogin } from '../../src/permissions/github-login.js';
import { isCollaborator } from '../../src/permissions/is-collaborator.js';
import type { CommandContext } from '../../src/plugins/plugin-definition.js';
import { decideLifecycleLabels } from './decide-lifecycle-labels.js';
import {
  closeNeedsCollaborator,
  decideClose,
  decideReopen,
  reopenNeedsCollaborator,
  type StateDecision,
} from './decide-state-change.js';
import { parseLifecycle } from './parse-lifecycle.js';

/**
 * Prow's lifecycle plugin runs `/reopen`, then `/close`, then the labels, each judged on the
 * state the webhook carried (so `/reopen` and `/close` in one comment cannot both act). A
 * collaborator check is made only when the answer matters, and the commenter's
 * `author_association` often answers it without a request.
 */
export async function runLifecycle(context: CommandContext<object>): Promise<void> {
  const { comment, github } = context;
  const request = parseLifecycle(context.commands, comment.body);
  const repo = { owner: comment.repo.owner, name: comment.repo.name };
  const base = {
    isPullRequest: comment.isPullRequest,
    isOpen: comment.issueState === 'open',
    isAuthor: sameLogin(comment.authorLogin, comment.issueAuthorLogin),
    labels: comment.labels,
  };
  const needsCheck =
    (request.reopen && reopenNeedsCollaborator(base)) ||
    (request.close !== undefined && closeNeedsCollaborator(base));
  const facts = needsCheck
    ? {
        ...base,
        isCollaborator: await isCollaborator(github, repo, comment.authorLogin, comment.authorAssociation),
      }
    : base;

  if (request.reopen) await changeState(context, decideReopen(facts));
  if (request.close !== undefined) await changeState(context, decideClose(request.close, facts));

  const labels = decideLifecycleLabels(request.changes, comment.labels, comment.isPullRequest);
  const issue = { owner: repo.owner, repo: repo.name, issue_number: comment.number };
  for (const name of labels.remove) {
    try {
      await github.rest.issues.removeLabel({ ...issue, name });
    } catch (error) {
      if ((error as { status?: unknown }).status !== 404) throw error;
    }
  }
  if (labels.add.length > 0) await github.rest.issues.addLabels({ ...issue, labels: [...labels.add] });
  if (labels.reply !== undefined) await context.reply(labels.reply);
}

/** Closes or reopens, then says so (Prow's audit trail); a refusal is only said. */
async function changeState(
  context: CommandContext<object>,
  decision: StateDecision | undefined,
): Promise<void> {
  if (decision === undefined) return;
  if (decision.kind === 'refuse') {
    await context.reply(decision.message);
    return;
  }
  const { comment, github } = context;
  const target = { owner: comment.repo.owner, repo: comment.repo.name };
  const state = decision.kind === 'close' ? 'closed' : 'open';
  try {
    if (comment.isPullRequest)
      await github.rest.pulls.update({ ...target, pull_number: comment.number, state });
    else
      await github.rest.issues.update({
        ...target,
        issue_number: comment.number,
        state,
        ...(decision.kind === 'close' ? { state_reason: decision.stateReason } : {}),
      });
  } catch (error) {
    // Prow's `StateCannotBeChanged`: GitHub answers 422 (a merged PR, a deleted head branch).
    const failure = error as { status?: unknown; message?: unknown };
    if (decision.kind !== 'reopen' || failure.status !== 422) throw error;
    await context.reply(
      `Failed to re-open ${comment.isPullRequest ? 'PR' : 'Issue'}: ${String(failure.message)}`,
    );
    return;
  }
  await context.reply(decision.message);
}
