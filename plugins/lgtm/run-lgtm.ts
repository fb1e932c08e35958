import type { CommandContext } from '../../src/plugins/plugin-definition.js';
import { applyLgtm } from './apply-lgtm.js';
import type { LgtmConfig } from './lgtm-config.js';
import { parseLgtm } from './parse-lgtm.js';

/** `/lgtm`, `/lgtm cancel`, `/remove-lgtm` on an open PR. */
export async function runLgtmCommand(context: CommandContext<LgtmConfig>): Promise<void> {
  const { comment } = context;
  if (!comment.isPullRequest || comment.issueState !== 'open') return;
  const intent = parseLgtm(context.commands, comment.body);
  if (intent === undefined) return;
  await applyLgtm(
    {
      intent,
      repo: { owner: comment.repo.owner, name: comment.repo.name },
      number: comment.number,
      commenter: comment.authorLogin,
      ...(comment.authorAssociation === undefined ? {} : { association: comment.authorAssociation }),
      prAuthor: comment.issueAuthorLogin,
      assignees: comment.assignees,
      labels: comment.labels,
    },
    context,
  );
}
