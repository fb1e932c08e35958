import { z } from 'zod';

/** What happened to the text. Prow's plugins act on `created` only. */
export type GenericCommentAction = 'created' | 'edited' | 'deleted';

/** The webhook events whose text can carry commands. */
export type CommentEventName =
  'issue_comment' | 'pull_request_review' | 'pull_request_review_comment' | 'pull_request' | 'issues';

/**
 * Any text that can carry commands, whatever webhook brought it: Prow's `GenericCommentEvent`.
 * For an issue or PR description, the "comment" is the description and its author is the
 * issue/PR author, so commands in a new description run as if the author had commented them.
 */
export interface GenericComment {
  /** The webhook that carried the text. */
  readonly event: CommentEventName;
  readonly action: GenericCommentAction;
  /** The comment, review or description text; `''` when GitHub sends `null`. */
  readonly body: string;
  /** Who wrote the text: commenter, reviewer, or the issue/PR author for a description. */
  readonly authorLogin: string;
  /** `user.type === 'Bot'`, or a login ending in `[bot]`. */
  readonly authorIsBot: boolean;
  readonly repo: { readonly owner: string; readonly name: string; readonly fullName: string };
  /** The issue or pull request number. */
  readonly number: number;
  readonly isPullRequest: boolean;
  readonly issueAuthorLogin: string;
  readonly issueState: 'open' | 'closed';
  /** Link to the text itself: the comment, the review, or the issue/PR for a description. */
  readonly htmlUrl: string;
  readonly issueHtmlUrl: string;
  /** The comment id, or the review id for a review; `undefined` for a description. */
  readonly commentId: number | undefined;
  /** Names of the labels on the issue/PR when the event was sent. */
  readonly labels: readonly string[];
  /** Logins assigned to the issue/PR when the event was sent. */
  readonly assignees: readonly string[];
  /**
   * GitHub's `author_association` of the text's author (`OWNER`, `MEMBER`, `COLLABORATOR`,
   * `CONTRIBUTOR`, `NONE`, ...), when the payload carries it: lets a plugin skip asking GitHub
   * whether the author is a collaborator.
   */
  readonly authorAssociation?: string;
}

// Prow's hook `genericCommentAction`, narrowed per event to the actions GitHub sends for it.
// Maps, not object literals, so an action such as `constructor` finds nothing.
const ACTIONS: ReadonlyMap<CommentEventName, ReadonlyMap<string, GenericCommentAction>> = new Map([
  [
    'issue_comment',
    new Map<string, GenericCommentAction>([
      ['created', 'created'],
      ['edited', 'edited'],
      ['deleted', 'deleted'],
    ]),
  ],
  [
    'pull_request_review',
    new Map<string, GenericCommentAction>([
      ['submitted', 'created'],
      ['edited', 'edited'],
      ['dismissed', 'deleted'],
    ]),
  ],
  [
    'pull_request_review_comment',
    new Map<string, GenericCommentAction>([
      ['created', 'created'],
      ['edited', 'edited'],
      ['deleted', 'deleted'],
    ]),
  ],
  [
    'pull_request',
    new Map<string, GenericCommentAction>([
      ['opened', 'created'],
      ['edited', 'edited'],
    ]),
  ],
  [
    'issues',
    new Map<string, GenericCommentAction>([
      ['opened', 'created'],
      ['edited', 'edited'],
    ]),
  ],
]);

const userSchema = z.object({ login: z.string().min(1), type: z.string().nullish() });
const textSchema = z.object({
  id: z.number().int(),
  html_url: z.string(),
  body: z.string().nullish(),
  user: userSchema,
  author_association: z.string().nullish(),
});
/** An issue or a pull request: both carry the fields a command needs. */
const threadSchema = z.object({
  number: z.number().int(),
  state: z.enum(['open', 'closed']),
  html_url: z.string(),
  body: z.string().nullish(),
  user: userSchema,
  labels: z.array(z.object({ name: z.string() })).nullish(),
  assignees: z.array(userSchema).nullish(),
  author_association: z.string().nullish(),
  pull_request: z.unknown().optional(),
});
const repositorySchema = z.object({
  name: z.string(),
  full_name: z.string(),
  owner: z.object({ login: z.string() }),
});
const actionSchema = z.object({ action: z.string() });
const issueCommentSchema = z.object({
  issue: threadSchema,
  comment: textSchema,
  repository: repositorySchema,
});
const reviewSchema = z.object({
  pull_request: threadSchema,
  review: textSchema,
  repository: repositorySchema,
});
const reviewCommentSchema = z.object({
  pull_request: threadSchema,
  comment: textSchema,
  repository: repositorySchema,
});
const pullRequestSchema = z.object({ pull_request: threadSchema, repository: repositorySchema });
const issuesSchema = z.object({ issue: threadSchema, repository: repositorySchema });

type User = z.infer<typeof userSchema>;
type Text = z.infer<typeof textSchema>;
type Thread = z.infer<typeof threadSchema>;
type Repository = z.infer<typeof repositorySchema>;

/**
 * Turns a webhook into the one shape every command plugin reads, as Prow's hook does before
 * calling `GenericCommentHandler`s. Returns `undefined` for other events, for actions that do not
 * concern the text (`labeled`, `synchronize`, ...), and for payloads missing a field a command
 * needs; never throws.
 *
 * | event | actions | text | author |
 * |---|---|---|---|
 * | `issue_comment` | created, edited, deleted | comment | commenter |
 * | `pull_request_review` | submitted→created, edited, dismissed→deleted | review | reviewer |
 * | `pull_request_review_comment` | created, edited, deleted | comment | commenter |
 * | `pull_request` | opened→created, edited | description | PR author |
 * | `issues` | opened→created, edited | description | issue author |
 *
 * @example
 * const comment = toGenericComment(context.name, context.payload);
 * if (comment && shouldActOn(comment, { selfLogins: ['sheriff[bot]'] }).act) {
 *   const commands = lexCommands(comment.body);
 * }
 */
export function toGenericComment(eventName: string, payload: unknown): GenericComment | undefined {
  const actions = ACTIONS.get(eventName as CommentEventName);
  if (actions === undefined) return undefined;
  const actionField = actionSchema.safeParse(payload);
  if (!actionField.success) return undefined;
  const action = actions.get(actionField.data.action);
  if (action === undefined) return undefined;
  const event = eventName as CommentEventName;

  switch (event) {
    case 'issue_comment': {
      const parsed = issueCommentSchema.safeParse(payload);
      if (!parsed.success) return undefined;
      const { issue, comment, repository } = parsed.data;
      return fromText(event, action, comment, issue, repository, isPullRequestIssue(issue));
    }
    case 'pull_request_review': {
      const parsed = reviewSchema.safeParse(payload);
      if (!parsed.success) return undefined;
      const { pull_request, review, repository } = parsed.data;
      return fromText(event, action, review, pull_request, repository, true);
    }
    case 'pull_request_review_comment': {
      const parsed = reviewCommentSchema.safeParse(payload);
      if (!parsed.success) return undefined;
      const { pull_request, comment, repository } = parsed.data;
      return fromText(event, action, comment, pull_request, repository, true);
    }
    case 'pull_request': {
      const parsed = pullRequestSchema.safeParse(payload);
      if (!parsed.success) return undefined;
      const { pull_request, repository } = parsed.data;
      return fromDescription(event, action, pull_request, repository, true);
    }
    case 'issues': {
      const parsed = issuesSchema.safeParse(payload);
      if (!parsed.success) return undefined;
      const { issue, repository } = parsed.data;
      return fromDescription(event, action, issue, repository, isPullRequestIssue(issue));
    }
  }
}

/**
 * Whether a login belongs to a bot account: GitHub Apps act as `<slug>[bot]` with `type: 'Bot'`.
 *
 * @example
 * isBotUser({ login: 'dependabot[bot]', type: 'Bot' }); // true
 */
export function isBotUser(user: { login: string; type?: string | null | undefined }): boolean {
  return user.type === 'Bot' || user.login.toLowerCase().endsWith('[bot]');
}

// GitHub marks an issue that is a pull request with a `pull_request` link object.
function isPullRequestIssue(issue: Thread): boolean {
  return issue.pull_request !== undefined && issue.pull_request !== null;
}

function fromText(
  event: CommentEventName,
  action: GenericCommentAction,
  text: Text,
  thread: Thread,
  repository: Repository,
  isPullRequest: boolean,
): GenericComment {
  return {
    ...describeThread(event, action, thread, repository, isPullRequest),
    body: text.body ?? '',
    authorLogin: text.user.login,
    authorIsBot: isBotUser(text.user),
    htmlUrl: text.html_url,
    commentId: text.id,
    ...associationOf(text.author_association),
  };
}

function fromDescription(
  event: CommentEventName,
  action: GenericCommentAction,
  thread: Thread,
  repository: Repository,
  isPullRequest: boolean,
): GenericComment {
  return {
    ...describeThread(event, action, thread, repository, isPullRequest),
    body: thread.body ?? '',
    authorLogin: thread.user.login,
    authorIsBot: isBotUser(thread.user),
    htmlUrl: thread.html_url,
    commentId: undefined,
    ...associationOf(thread.author_association),
  };
}

// Absent rather than `undefined`, so that comments built without one compare equal.
function associationOf(association: string | null | undefined): { authorAssociation?: string } {
  return association ? { authorAssociation: association } : {};
}

function describeThread(
  event: CommentEventName,
  action: GenericCommentAction,
  thread: Thread,
  repository: Repository,
  isPullRequest: boolean,
) {
  return {
    event,
    action,
    repo: { owner: repository.owner.login, name: repository.name, fullName: repository.full_name },
    number: thread.number,
    isPullRequest,
    issueAuthorLogin: thread.user.login,
    issueState: thread.state,
    issueHtmlUrl: thread.html_url,
    labels: (thread.labels ?? []).map((label) => label.name),
    assignees: (thread.assignees ?? []).map((assignee: User) => assignee.login),
  };
}
