import type { CommandToken } from '../../src/commands/lex-commands.js';

export type HoldAction = { type: 'add-label'; label: string } | { type: 'remove-label'; label: string };

/**
 * Prow's hold semantics: a cancel anywhere in the comment wins (`/hold cancel`, `/unhold`,
 * `/remove-hold`); otherwise `/hold` with any trailing text holds (so `/hold cancelled` holds).
 * The label is added only if absent and removed only if present.
 */
export function decideHold(
  commands: readonly CommandToken[],
  labels: readonly string[],
  label: string,
): HoldAction | null {
  const cancels = commands.some(
    (command) =>
      command.normalizedName === 'unhold' ||
      command.normalizedName === 'remove-hold' ||
      (command.normalizedName === 'hold' && command.args[0]?.toLowerCase() === 'cancel'),
  );
  const holds = commands.some((command) => command.normalizedName === 'hold');
  const has = labels.includes(label);
  if (cancels) return has ? { type: 'remove-label', label } : null;
  if (holds) return has ? null : { type: 'add-label', label };
  return null;
}
