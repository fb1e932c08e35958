import type { CommandToken } from '../../src/commands/lex-commands.js';

/** What the `/notify-owners` lines of one comment ask for. */
export interface NotifyOwnersRequest {
  /** Area names or paths, as written, without repeats; empty: use the labels or the PR's files. */
  readonly targets: readonly string[];
  /** The text after `--`, if any (several lines' messages are joined with a space). */
  readonly message: string | undefined;
}

/** ` -- ` (or `--` at either end) splits targets from the message. */
const MESSAGE_SEPARATOR = /(?:^|\s)--(?:\s|$)/;

/**
 * Reads `/notify-owners [area|path ...] [-- message]` lines. All lines of one comment make one
 * request, so one comment never produces two notifications.
 *
 * @example
 * parseNotifyOwners(lexCommands('/notify-owners s3 services/iam/role.go -- image push is red'));
 * // { targets: ['s3', 'services/iam/role.go'], message: 'image push is red' }
 */
export function parseNotifyOwners(commands: readonly CommandToken[]): NotifyOwnersRequest {
  const targets: string[] = [];
  const messages: string[] = [];
  for (const command of commands) {
    const separator = MESSAGE_SEPARATOR.exec(command.argText);
    const targetText = separator ? command.argText.slice(0, separator.index) : command.argText;
    if (separator) {
      const message = command.argText.slice(separator.index + separator[0].length).trim();
      if (message !== '') messages.push(message);
    }
    for (const target of targetText.split(/\s+/)) {
      if (target !== '' && !targets.includes(target)) targets.push(target);
    }
  }
  return { targets, message: messages.length > 0 ? messages.join(' ') : undefined };
}
