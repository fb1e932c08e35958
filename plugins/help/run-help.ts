import type { CommandContext } from '../../src/plugins/plugin-definition.js';
import { decideHelp } from './decide-help.js';
import type { HelpConfig } from './help-config.js';
import { parseHelp } from './parse-help.js';
import { pruneHelpReplies } from './prune-help-replies.js';
import { renderHelpMessage } from './render-help.js';

/**
 * The side effects around {@link decideHelp}: the guidelines reply, then the labels (added in one
 * request), then removals and pruning of the replies that no longer apply. Pruning is
 * housekeeping: a failure is logged, and the labels, which matter, are already right.
 */
export async function runHelp(context: CommandContext<HelpConfig>): Promise<void> {
  const { comment, github, log } = context;
  const decision = decideHelp(parseHelp(context.commands, comment.body), comment.labels, {
    isPullRequest: comment.isPullRequest,
    isOpen: comment.issueState === 'open',
  });
  if (decision === undefined) return;
  const issue = { owner: comment.repo.owner, repo: comment.repo.name, issue_number: comment.number };
  if (decision.reply !== undefined) await context.reply(renderHelpMessage(decision.reply, context.config));
  if (decision.add.length > 0) await github.rest.issues.addLabels({ ...issue, labels: [...decision.add] });
  for (const name of decision.remove) {
    try {
      await github.rest.issues.removeLabel({ ...issue, name });
    } catch (error) {
      if ((error as { status?: unknown }).status !== 404) throw error;
    }
  }
  try {
    await pruneHelpReplies(github, issue, decision.prune);
  } catch (error) {
    log.warn({ err: error, prune: decision.prune }, 'could not prune earlier help replies');
  }
}
