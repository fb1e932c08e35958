import type { CommandToken } from '../../src/commands/lex-commands.js';

/** The label categories with their own command (`/kind bug` → `kind/bug`), as in Prow. */
export const LABEL_CATEGORIES = [
  'area',
  'committee',
  'kind',
  'language',
  'priority',
  'sig',
  'triage',
  'wg',
] as const;

/** What a comment asks of labels; a label appears once in each list (case-insensitively). */
export interface LabelRequest {
  readonly add: readonly string[];
  readonly remove: readonly string[];
  /** `/label X` and `/remove-label X` lines whose `X` is not configured, as written. */
  readonly unsupported: readonly string[];
}

const CATEGORIES: ReadonlySet<string> = new Set(LABEL_CATEGORIES);

/**
 * Reads the label commands of a comment (lexed with HTML comments removed) as Prow's label plugin:
 * the command word is case-sensitive (`/KIND bug` is nothing); every word after a category command
 * is a label `category/word`, lower-cased; `/label X` and `/remove-label X` take exactly one word
 * (other lines are skipped) and only a `supported` label (case-insensitive), kept as written.
 *
 * @example
 * parseLabels(lexCommands('/kind Bug flake\n/remove-area ui\n/label tide/merge'), ['tide/merge']);
 * // { add: ['kind/bug', 'kind/flake', 'tide/merge'], remove: ['area/ui'], unsupported: [] }
 */
export function parseLabels(tokens: readonly CommandToken[], supported: readonly string[]): LabelRequest {
  const add = new Map<string, string>();
  const remove = new Map<string, string>();
  const unsupported: string[] = [];
  const supportedSet = new Set(supported.map((label) => label.toLowerCase()));
  for (const token of tokens) {
    const removing = token.name.startsWith('remove-');
    const word = removing ? token.name.slice('remove-'.length) : token.name;
    const into = removing ? remove : add;
    if (CATEGORIES.has(word)) {
      for (const value of token.args) {
        const label = `${word}/${value}`.toLowerCase();
        into.set(label, label);
      }
    } else if (word === 'label' && token.args.length === 1) {
      const label = token.args[0]!;
      if (supportedSet.has(label.toLowerCase())) into.set(label.toLowerCase(), label);
      else unsupported.push(`/${token.name} ${label}`);
    }
  }
  return { add: [...add.values()], remove: [...remove.values()], unsupported };
}
