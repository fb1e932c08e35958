import { REPLY_FOOTER } from '../../src/commands/format-reply.js';
import type { GitHubClient } from '../../src/github/github-app.js';
import type { HelpMessageKind } from './decide-help.js';
import { HELP_HEADLINES } from './render-help.js';

/**
 * Whether a comment is a help reply of `kind` that Sheriff posted: written by a bot, in Sheriff's
 * reply format, with the headline on the first line (so a person quoting it is never matched).
 *
 * @example
 * isHelpReply({ user: { login: 'sheriff[bot]', type: 'Bot' }, body: '@ana: This request has been marked as needing help from a contributor.\n...' + REPLY_FOOTER }, 'help'); // true
 */
export function isHelpReply(
  comment: { user?: { login: string; type?: string | null } | null; body?: string | null },
  kind: HelpMessageKind,
): boolean {
  const user = comment.user;
  const body = comment.body ?? '';
  const bot = user?.type === 'Bot' || (user?.login.toLowerCase().endsWith('[bot]') ?? false);
  const firstLine = body.slice(0, body.indexOf('\n') < 0 ? body.length : body.indexOf('\n'));
  const answered = /^@[^\s:]+: /.exec(firstLine);
  return (
    bot &&
    body.endsWith(REPLY_FOOTER) &&
    answered !== null &&
    firstLine.slice(answered[0].length) === HELP_HEADLINES[kind]
  );
}

/**
 * Deletes Sheriff's earlier help replies of the given kinds on an issue, as Prow's comment pruner
 * does when a label is removed: one listing (100 comments a page), one delete per reply found.
 */
export async function pruneHelpReplies(
  github: GitHubClient,
  issue: { owner: string; repo: string; issue_number: number },
  kinds: readonly HelpMessageKind[],
): Promise<number> {
  if (kinds.length === 0) return 0;
  const comments = await github.paginate(github.rest.issues.listComments, { ...issue, per_page: 100 });
  const stale = comments.filter((comment) => kinds.some((kind) => isHelpReply(comment, kind)));
  for (const comment of stale) {
    await github.rest.issues.deleteComment({ owner: issue.owner, repo: issue.repo, comment_id: comment.id });
  }
  return stale.length;
}
