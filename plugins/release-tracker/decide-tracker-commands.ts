import type { CommandToken } from '../../src/commands/lex-commands.js';
import { parseSnoozeDuration } from './parse-snooze-duration.js';
import { code, humanDuration } from './render-text.js';

/** The command words of the tracker, without the slash. */
export const TRACKER_COMMANDS = ['ack', 'snooze', 'mute', 'unmute'] as const;

/** What one command on a tracking issue does. */
export type TrackerCommandDecision =
  /** Assign the commenter; no more reminders this episode. */
  | { readonly type: 'ack'; readonly login: string }
  | { readonly type: 'snooze'; readonly until: string; readonly ms: number }
  | { readonly type: 'mute' }
  | { readonly type: 'unmute' }
  /** Nothing to do; say why. */
  | { readonly type: 'refuse'; readonly message: string };

export interface TrackerCommandSituation {
  readonly commenter: string;
  /** Sheriff's clock. */
  readonly now: Date;
  /** Whether the issue is the key's current episode (commands about reminders need one). */
  readonly episodeOpen: boolean;
}

/**
 * Decides the tracker commands of one comment, in order; pure.
 *
 * @example
 * decideTrackerCommands(lexCommands('/snooze 1d'), { commenter: 'ana', now, episodeOpen: true });
 * // [{ type: 'snooze', until: '2025-05-15T10:00:00.000Z', ms: 86400000 }]
 */
export function decideTrackerCommands(
  commands: readonly CommandToken[],
  situation: TrackerCommandSituation,
): TrackerCommandDecision[] {
  return commands.map((command): TrackerCommandDecision => {
    switch (command.normalizedName) {
      case 'ack':
      case 'snooze': {
        if (!situation.episodeOpen)
          return {
            type: 'refuse',
            message: `the failure this issue tracked is over, so there is nothing to ${command.normalizedName}.`,
          };
        if (command.normalizedName === 'ack') return { type: 'ack', login: situation.commenter };
        const duration = parseSnoozeDuration(command.argText);
        if (!duration.ok) return { type: 'refuse', message: duration.error };
        return {
          type: 'snooze',
          ms: duration.ms,
          until: new Date(situation.now.getTime() + duration.ms).toISOString(),
        };
      }
      case 'mute':
        return { type: 'mute' };
      case 'unmute':
        return { type: 'unmute' };
      default:
        return { type: 'refuse', message: `/${command.name} is not a tracker command.` };
    }
  });
}

/**
 * The reply to a decision (it follows `@commenter: ` in Prow's format), or undefined when the
 * effect speaks for itself (an `/ack` assigns the commenter).
 *
 * @example
 * renderCommandReply({ type: 'mute' }, 'post-lambda-controller-release');
 * // 'Sheriff stopped tracking `post-lambda-controller-release` here: ...'
 */
export function renderCommandReply(decision: TrackerCommandDecision, job: string): string | undefined {
  switch (decision.type) {
    case 'ack':
      return undefined;
    case 'snooze':
      return `reminders about ${code(job)} are snoozed for ${humanDuration(decision.ms)}. Sheriff still keeps the status block current and closes the issue when the job recovers.`;
    case 'mute':
      return `Sheriff stopped tracking ${code(job)}: it will not open, update, comment on or close its issue until someone comments \`/unmute\`. Runs are still recorded.`;
    case 'unmute':
      return `Sheriff is tracking ${code(job)} again: its next run updates this issue.`;
    case 'refuse':
      return decision.message;
  }
}
