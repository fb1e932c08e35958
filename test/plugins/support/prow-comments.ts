import { BUILTIN_PLUGINS } from '../../../plugins/index.js';
import type { GenericComment } from '../../../src/commands/generic-comment.js';
import { toGenericComment } from '../../../src/commands/generic-comment.js';
import type { CommandToken } from '../../../src/commands/lex-commands.js';
import { shouldActOn } from '../../../src/commands/should-act-on.js';
import type { LoadedConfig } from '../../../src/config/repo-config-source.js';
import { buildConfigSchema, type SheriffConfig } from '../../../src/config/sheriff-config-schema.js';
import { routeCommands } from '../../../src/plugins/dispatch-event.js';
import { PluginRegistry } from '../../../src/plugins/plugin-registry.js';
import { exampleOf } from '../../support/webhook-examples.js';

/** The registry Sheriff runs. */
export const REGISTRY = new PluginRegistry(BUILTIN_PLUGINS);

/** `.github/sheriff.yml` as Sheriff reads it (defaults filled in). */
export function sheriffConfig(data: unknown = {}): SheriffConfig {
  return buildConfigSchema(BUILTIN_PLUGINS).parse(data);
}

export interface CommentShape {
  body: string;
  author?: string;
  issueAuthor?: string;
  pullRequest?: boolean;
  state?: 'open' | 'closed';
  labels?: string[];
  assignees?: string[];
  action?: GenericComment['action'];
  authorAssociation?: string;
}

/** A new comment on issue acme/widgets#7, as the dispatcher sees it. */
export function genericComment(shape: CommentShape): GenericComment {
  const url = `https://github.com/acme/widgets/${shape.pullRequest ? 'pull' : 'issues'}/7`;
  return {
    event: 'issue_comment',
    action: shape.action ?? 'created',
    body: shape.body,
    authorLogin: shape.author ?? 'ana',
    authorIsBot: false,
    repo: { owner: 'acme', name: 'widgets', fullName: 'acme/widgets' },
    number: 7,
    isPullRequest: shape.pullRequest ?? false,
    issueAuthorLogin: shape.issueAuthor ?? 'erin',
    issueState: shape.state ?? 'open',
    htmlUrl: `${url}#issuecomment-1`,
    issueHtmlUrl: url,
    commentId: 1,
    labels: shape.labels ?? [],
    assignees: shape.assignees ?? [],
    ...(shape.authorAssociation === undefined ? {} : { authorAssociation: shape.authorAssociation }),
  };
}

/** A pull request opened with `body` as its description, by `author`: Prow runs it as a comment. */
export function pullRequestDescription(body: string, author: string): GenericComment {
  const payload = exampleOf('pull_request', 'opened', 1);
  payload.pull_request.body = body;
  payload.pull_request.user.login = author;
  return toGenericComment('pull_request', payload)!;
}

/**
 * The commands the dispatcher hands `plugin` for `comment`: the real lexer, the real act/skip
 * rule (edited comments and bots), and the real routing (case rules, issues vs PRs, HTML comments).
 * `[]` when the plugin gets nothing.
 */
export function commandsFor(
  plugin: string,
  comment: GenericComment,
  config = sheriffConfig(),
): CommandToken[] {
  if (!shouldActOn(comment, { selfLogins: ['sheriff[bot]'] }).act) return [];
  const loaded: LoadedConfig = { config, origin: 'valid', problems: [] };
  for (const [definition, tokens] of routeCommands(REGISTRY, comment, loaded)) {
    if (definition.name === plugin) return tokens;
  }
  return [];
}
