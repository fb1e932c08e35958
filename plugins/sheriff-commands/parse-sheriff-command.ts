import type { CommandToken } from '../../src/commands/lex-commands.js';

/** What `/sheriff` asks: the command list, or something Sheriff does not know. */
export type SheriffRequest =
  { readonly kind: 'commands' } | { readonly kind: 'unknown'; readonly asked: string };

/**
 * `/sheriff` and `/sheriff commands` (any case) ask for the command list; any other word gets a
 * reply naming the one that exists. The first `/sheriff` line counts.
 *
 * @example
 * parseSheriffCommand(lexCommands('/sheriff commands')); // { kind: 'commands' }
 * parseSheriffCommand(lexCommands('/sheriff help')); // { kind: 'unknown', asked: 'help' }
 */
export function parseSheriffCommand(tokens: readonly CommandToken[]): SheriffRequest | undefined {
  const token = tokens.find((candidate) => candidate.normalizedName === 'sheriff');
  if (token === undefined) return undefined;
  if (token.args.length === 0 || (token.args.length === 1 && token.args[0]!.toLowerCase() === 'commands'))
    return { kind: 'commands' };
  return { kind: 'unknown', asked: token.argText };
}
