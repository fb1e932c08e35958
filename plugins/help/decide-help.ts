import type { HelpRequest } from './parse-help.js';

export const HELP_WANTED = 'help wanted';
export const GOOD_FIRST_ISSUE = 'good first issue';

/** Which of Sheriff's earlier replies to delete, as Prow prunes its help comments. */
export type HelpMessageKind = 'help' | 'good-first-issue';

export interface HelpDecision {
  readonly add: readonly string[];
  readonly remove: readonly string[];
  /** The guidelines reply to post. */
  readonly reply?: HelpMessageKind;
  readonly prune: readonly HelpMessageKind[];
}

/**
 * Prow's help plugin, on an open issue only; the first branch that applies wins:
 * 1. `/remove-help` with `help wanted`: remove it, and `good first issue` too if present;
 * 2. `/good-first-issue` without that label: reply, add it, and `help wanted` if missing;
 * 3. `/help` without `help wanted`: reply and add it;
 * 4. `/remove-good-first-issue` with that label: remove it.
 * Pure; labels come from the webhook.
 *
 * @example
 * decideHelp({ help: true, ... }, [], { isPullRequest: false, isOpen: true });
 * // { add: ['help wanted'], remove: [], reply: 'help', prune: [] }
 */
export function decideHelp(
  request: HelpRequest,
  labels: readonly string[],
  target: { isPullRequest: boolean; isOpen: boolean },
): HelpDecision | undefined {
  if (target.isPullRequest || !target.isOpen) return undefined;
  const has = (name: string) => labels.some((label) => label.toLowerCase() === name);
  const hasHelp = has(HELP_WANTED);
  const hasGoodFirstIssue = has(GOOD_FIRST_ISSUE);
  if (hasHelp && request.removeHelp) {
    return hasGoodFirstIssue
      ? { add: [], remove: [HELP_WANTED, GOOD_FIRST_ISSUE], prune: ['help', 'good-first-issue'] }
      : { add: [], remove: [HELP_WANTED], prune: ['help'] };
  }
  if (!hasGoodFirstIssue && request.goodFirstIssue) {
    return {
      add: hasHelp ? [GOOD_FIRST_ISSUE] : [GOOD_FIRST_ISSUE, HELP_WANTED],
      remove: [],
      reply: 'good-first-issue',
      prune: [],
    };
  }
  if (!hasHelp && request.help) return { add: [HELP_WANTED], remove: [], reply: 'help', prune: [] };
  if (hasGoodFirstIssue && request.removeGoodFirstIssue) {
    return { add: [], remove: [GOOD_FIRST_ISSUE], prune: ['good-first-issue'] };
  }
  return undefined;
}
