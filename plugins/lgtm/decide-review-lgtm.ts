import type { LgtmIntent } from './parse-lgtm.js';

/**
 * Prow's `handlePullRequestReview` with `review_acts_as_lgtm`: an approving review adds lgtm; a
 * review requesting changes, or a dismissal, removes it; a plain comment review does nothing. A
 * review whose body holds an lgtm command is left to the command. Pure.
 *
 * @example
 * reviewIntent('submitted', 'approved', false); // 'add'
 * reviewIntent('submitted', 'approved', true); // undefined: its `/lgtm` line is handled as a command
 */
export function reviewIntent(action: string, state: string, bodyHasCommand: boolean): LgtmIntent | undefined {
  if (bodyHasCommand || (action !== 'submitted' && action !== 'dismissed')) return undefined;
  const upper = state.toUpperCase();
  if (upper === 'APPROVED') return 'add';
  if (upper === 'CHANGES_REQUESTED' || upper === 'DISMISSED') return 'remove';
  return undefined;
}
