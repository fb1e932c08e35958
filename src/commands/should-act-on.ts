import type { GenericComment } from './generic-comment.js';

/**
 * Why a comment runs no commands:
 * - `not-created`: the text was edited or deleted; only new text acts, as in Prow, so editing an
 *   old comment never replays its commands.
 * - `own-comment`: Sheriff wrote it.
 * - `bot-author`: another bot wrote it.
 */
export type SkipReason = 'not-created' | 'own-comment' | 'bot-author';

export type ActDecision = { readonly act: true } | { readonly act: false; readonly reason: SkipReason };

export interface ActOptions {
  /**
   * Sheriff's own logins, compared case-insensitively: the App's bot login (`sheriff[bot]`) and any
   * machine-user account it posts as (such an account has `type: 'User'`, so only this list knows).
   */
  readonly selfLogins: readonly string[];
}

/**
 * Decides whether a comment's commands should run at all, before any plugin looks at it.
 *
 * Bots are ignored to prevent loops: two bots that answer each other, or Sheriff answering
 * itself, can post without end (probot/create-probot-app#82, finos/cla-bot#87). Sheriff's replies
 * also never contain a command at the start of a line (see `formatReply`), but an ignored author is
 * the guard that does not depend on what the text says.
 *
 * @example
 * shouldActOn(comment, { selfLogins: ['sheriff[bot]'] });
 * // { act: true } for a new comment by a person
 * // { act: false, reason: 'own-comment' } for Sheriff's own reply
 */
export function shouldActOn(comment: GenericComment, options: ActOptions): ActDecision {
  if (comment.action !== 'created') return { act: false, reason: 'not-created' };
  const author = normalizeLogin(comment.authorLogin);
  if (options.selfLogins.some((login) => normalizeLogin(login) === author)) {
    return { act: false, reason: 'own-comment' };
  }
  if (comment.authorIsBot) return { act: false, reason: 'bot-author' };
  return { act: true };
}

function normalizeLogin(login: string): string {
  return login.trim().replace(/^@/, '').toLowerCase();
}
