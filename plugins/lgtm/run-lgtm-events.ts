import { z } from 'zod';
import { formatReply } from '../../src/commands/format-reply.js';
import { isBotUser } from '../../src/commands/generic-comment.js';
import { lexCommands } from '../../src/commands/lex-commands.js';
import type { GitHubClient } from '../../src/github/github-app.js';
import { PermissionChecker } from '../../src/permissions/permission-checker.js';
import type { EventContext } from '../../src/plugins/plugin-definition.js';
import { applyLgtm } from './apply-lgtm.js';
import { LGTM_LABEL } from './decide-lgtm.js';
import { decideLgtmOnPush, LGTM_REMOVED_NOTICE, pushLookups } from './decide-lgtm-on-push.js';
import { reviewIntent } from './decide-review-lgtm.js';
import type { LgtmConfig } from './lgtm-config.js';
import { parseLgtm } from './parse-lgtm.js';

const user = z.object({ login: z.string(), type: z.string().nullish() });
const repository = z.object({ name: z.string(), owner: z.object({ login: z.string() }) });
const labels = z.array(z.object({ name: z.string() })).nullish();

const synchronizeSchema = z.object({
  action: z.literal('synchronize'),
  before: z.string(),
  after: z.string(),
  pull_request: z.object({ number: z.number().int(), merged: z.boolean().nullish(), user, labels }),
  repository,
});

const reviewSchema = z.object({
  action: z.string(),
  review: z.object({
    body: z.string().nullish(),
    state: z.string(),
    html_url: z.string(),
    user,
    author_association: z.string().nullish(),
  }),
  pull_request: z.object({
    number: z.number().int(),
    state: z.string(),
    user,
    labels,
    assignees: z.array(user).nullish(),
  }),
  repository,
});

/** lgtm's events: a push to the PR (`synchronize`) and, with `reviewActsAsLgtm`, reviews. */
export async function runLgtmEvent(context: EventContext<LgtmConfig>): Promise<void> {
  if (!context.github) return;
  if (context.event.name === 'pull_request') await onPush(context, context.github);
  if (context.event.name === 'pull_request_review' && context.config.reviewActsAsLgtm)
    await onReview(context, context.github);
}

/**
 * New commits remove lgtm with Prow's notice, unless {@link decideLgtmOnPush} keeps it. The labels
 * come from the webhook: a PR without lgtm costs no request.
 */
async function onPush(context: EventContext<LgtmConfig>, github: GitHubClient): Promise<void> {
  const parsed = synchronizeSchema.safeParse(context.event.payload);
  if (!parsed.success) return;
  const { before, after, pull_request: pull, repository: repo } = parsed.data;
  const facts = {
    hasLgtm: (pull.labels ?? []).some((label) => label.name.toLowerCase() === LGTM_LABEL),
    merged: pull.merged === true,
  };
  const lookups = pushLookups(facts, context.config);
  if (!lookups) return;
  const target = { owner: repo.owner.login, name: repo.name };
  const authorIsSticky = lookups.stickyTeam
    ? await new PermissionChecker(github, target).isTeamMember(pull.user.login, lookups.stickyTeam)
    : undefined;
  const treeUnchanged =
    authorIsSticky !== true && lookups.compareTrees
      ? await sameTree(github, target, before, after)
      : undefined;
  const decision = decideLgtmOnPush({
    ...facts,
    ...(authorIsSticky === undefined ? {} : { authorIsSticky }),
    ...(treeUnchanged === undefined ? {} : { treeUnchanged }),
  });
  if (decision !== 'remove') {
    context.log.info({ number: pull.number, authorIsSticky, treeUnchanged }, 'lgtm kept on new commits');
    return;
  }
  const issue = { owner: target.owner, repo: target.name, issue_number: pull.number };
  try {
    await github.rest.issues.removeLabel({ ...issue, name: LGTM_LABEL });
  } catch (error) {
    if ((error as { status?: unknown }).status !== 404) throw error;
  }
  await github.rest.issues.createComment({ ...issue, body: LGTM_REMOVED_NOTICE });
}

/** Whether two commits have the same git tree; a commit GitHub does not know counts as a change. */
async function sameTree(
  github: GitHubClient,
  repo: { owner: string; name: string },
  before: string,
  after: string,
): Promise<boolean> {
  const treeOf = async (sha: string) => {
    try {
      const { data } = await github.rest.git.getCommit({
        owner: repo.owner,
        repo: repo.name,
        commit_sha: sha,
      });
      return data.tree.sha;
    } catch (error) {
      if ((error as { status?: unknown }).status === 404) return undefined;
      throw error;
    }
  };
  const [beforeTree, afterTree] = await Promise.all([treeOf(before), treeOf(after)]);
  return beforeTree !== undefined && beforeTree === afterTree;
}

/** An approving review as `/lgtm`, a review requesting changes (or a dismissal) as `/lgtm cancel`. */
async function onReview(context: EventContext<LgtmConfig>, github: GitHubClient): Promise<void> {
  const parsed = reviewSchema.safeParse(context.event.payload);
  if (!parsed.success) return;
  const { action, review, pull_request: pull, repository: repo } = parsed.data;
  if (isBotUser(review.user) || pull.state !== 'open') return;
  const body = review.body ?? '';
  const intent = reviewIntent(action, review.state, parseLgtm(lexCommands(body), body) !== undefined);
  if (intent === undefined) return;
  const target = { owner: repo.owner.login, name: repo.name };
  await applyLgtm(
    {
      intent,
      repo: target,
      number: pull.number,
      commenter: review.user.login,
      ...(review.author_association ? { association: review.author_association } : {}),
      prAuthor: pull.user.login,
      assignees: (pull.assignees ?? []).map((assignee) => assignee.login),
      labels: (pull.labels ?? []).map((label) => label.name),
    },
    {
      github,
      owners: context.owners,
      log: context.log,
      config: context.config,
      reply: async (message) => {
        await github.rest.issues.createComment({
          owner: target.owner,
          repo: target.name,
          issue_number: pull.number,
          body: formatReply({
            login: review.user.login,
            message,
            commentBody: body,
            commentUrl: review.html_url,
          }),
        });
      },
    },
  );
}
