// The public surface of the commands module: lexing, normalising and replying.
export { formatReply, MAX_QUOTED_LENGTH, REPLY_FOOTER, type ReplyInput } from './format-reply.js';
export {
  type CommentEventName,
  type GenericComment,
  type GenericCommentAction,
  isBotUser,
  toGenericComment,
} from './generic-comment.js';
export {
  type CommandToken,
  DEFAULT_MAX_COMMANDS,
  DEFAULT_MAX_LINE_LENGTH,
  type LexOptions,
  lexCommands,
} from './lex-commands.js';
export { type ActDecision, type ActOptions, type SkipReason, shouldActOn } from './should-act-on.js';
