import type { CommandToken } from '../../src/commands/lex-commands.js';

/**
 * One thing in a PR's history that approves or withdraws: a command line of a comment, review
 * or description, or a review's state. Stored oldest first; Prow's fold reads them in order.
 */
export interface ApprovalEvent {
  /**
   * What carried it, unique per carrier and kind: `comment:<id>`, `review-body:<id>`,
   * `review:<id>` (the review's state), `description`. Re-applying a carrier replaces its events,
   * so a retried delivery adds nothing twice.
   */
  readonly source: string;
  readonly login: string;
  /** ISO time the carrier was created (a review: submitted). */
  readonly at: string;
  /** Link to the carrier, for the notifier's "approved by" list. */
  readonly url: string;
  readonly action: 'approve' | 'withdraw';
  /** `/approve no-issue`: the arguments are exactly `no-issue`. */
  readonly noIssue: boolean;
}

/** Where a comment or review came from, to turn its commands into events. */
export interface EventCarrier {
  readonly source: string;
  readonly login: string;
  readonly at: string;
  readonly url: string;
}

/** Command words the approve plugin reads (Prow upper-cases them: case does not matter). */
export const APPROVE_COMMANDS: ReadonlySet<string> = new Set(['approve', 'remove-approve']);

/**
 * Prow's reading of approve command lines (`approve.go`): `/remove-approve` withdraws; `/approve`
 * withdraws when its lower-cased arguments *contain* `cancel`, else approves, recording
 * `no-issue` only when the arguments are exactly that. Other trailing text is ignored, so
 * `/approve with nits` approves and `/approve nocancel` withdraws.
 *
 * @example
 * approvalEventsFrom(lexCommands('/approve no-issue'), carrier); // [{ action: 'approve', noIssue: true, ... }]
 */
export function approvalEventsFrom(tokens: readonly CommandToken[], carrier: EventCarrier): ApprovalEvent[] {
  const events: ApprovalEvent[] = [];
  for (const token of tokens) {
    if (!APPROVE_COMMANDS.has(token.normalizedName)) continue;
    const args = token.argText.toLowerCase();
    const withdraw = token.normalizedName === 'remove-approve' || args.includes('cancel');
    events.push({
      ...carrier,
      action: withdraw ? 'withdraw' : 'approve',
      noIssue: !withdraw && args === 'no-issue',
    });
  }
  return events;
}

/**
 * The event a review's state gives (Prow, unless `ignore_review_state`): Approve approves,
 * Request changes withdraws, a comment-only or dismissed review gives none.
 */
export function reviewStateEvent(state: string, carrier: EventCarrier): ApprovalEvent | undefined {
  const upper = state.toUpperCase();
  if (upper === 'APPROVED') return { ...carrier, action: 'approve', noIssue: false };
  if (upper === 'CHANGES_REQUESTED') return { ...carrier, action: 'withdraw', noIssue: false };
  return undefined;
}

/**
 * `events` with every event of `source` replaced by `replacement` (appended at the end, where a
 * new carrier belongs; re-applying an old one keeps its place).
 */
export function replaceSource(
  events: readonly ApprovalEvent[],
  source: string,
  replacement: readonly ApprovalEvent[],
): ApprovalEvent[] {
  const at = events.findIndex((event) => event.source === source);
  const kept = events.filter((event) => event.source !== source);
  if (at < 0) return [...kept, ...replacement];
  return [...kept.slice(0, at), ...replacement, ...kept.slice(at)];
}
