import { isBotUser } from '../../src/commands/generic-comment.js';
import { lexCommands } from '../../src/commands/lex-commands.js';
import { definePlugin } from '../../src/plugins/plugin-definition.js';
import { approveConfigSchema } from './approve-config.js';
import { type ApproveRun, type ApproveTrigger, forgetApprovals, runApprove } from './run-approve.js';
import { type PullRequestObject, pullRequestFacts } from './pull-request-facts.js';

const WHO = "Users listed as 'approvers' in appropriate OWNERS files.";

/** The PR actions after which the approval is evaluated again (Prow: opened, reopened, synchronize). */
const PULL_ACTIONS = new Set(['opened', 'reopened', 'synchronize', 'edited']);

interface ApproveEventPayload {
  action?: string;
  repository?: { name?: string; owner?: { login?: string } };
  sender?: { login: string; type?: string | null };
  label?: { name?: string };
  changes?: { body?: unknown; base?: unknown };
  pull_request?: PullRequestObject;
  issue?: { number?: number; pull_request?: unknown; assignees?: Array<{ login: string }> | null };
  comment?: { id?: number };
  review?: {
    id: number;
    state: string;
    body?: string | null;
    html_url: string;
    submitted_at?: string | null;
    user: { login: string; type?: string | null } | null;
  };
}

/**
 * Prow's approve plugin: approval per OWNERS file, one approval notifier kept up to date, and the
 * `approved` label while every required OWNERS file is covered.
 */
export default definePlugin({
  name: 'approve',
  description:
    "Approves pull requests per OWNERS file, as Prow's approve plugin does: an approval notifier lists the OWNERS files still waiting and suggests approvers, and the approved label is added once every file is covered. Unlike Prow, the notifier is edited in place (Prow deletes and re-posts it), the approval history is kept in Sheriff's store and rebuilt from the PR's comments and reviews only when missing, commands in the PR description count as the author's, and lgtm_acts_as_approve is not supported.",
  configSchema: approveConfigSchema,
  events: ['pull_request', 'pull_request_review', 'issue_comment'],
  commands: [
    {
      names: ['approve'],
      caseSensitive: false,
      on: 'pull-requests',
      help: {
        usage: '/approve [no-issue|cancel]',
        description:
          'Approves a pull request for the OWNERS files you are an approver of; `/approve cancel` withdraws. Anyone may say it and is listed, but only OWNERS approvers cover files.',
        examples: ['/approve', '/approve no-issue', '/approve cancel'],
        whoCanUse: WHO,
        featured: true,
      },
    },
    {
      names: ['remove-approve'],
      caseSensitive: false,
      on: 'pull-requests',
      help: {
        usage: '/remove-approve',
        description: 'Withdraws your approval of a pull request.',
        examples: ['/remove-approve'],
        whoCanUse: WHO,
      },
    },
  ],

  async handleCommands({ comment, commands, config, github, owners, store, log }) {
    // Descriptions and reviews arrive as pull_request and pull_request_review events, handled
    // below with the rest of what they carry; here are issue and inline review comments.
    if (comment.event !== 'issue_comment' && comment.event !== 'pull_request_review_comment') return;
    if (comment.issueState !== 'open' || comment.commentId === undefined) return;
    const kind = comment.event === 'issue_comment' ? 'comment' : 'review-comment';
    await runApprove(
      {
        github,
        owners,
        store,
        config,
        log,
        owner: comment.repo.owner,
        repo: comment.repo.name,
        number: comment.number,
        assignees: comment.assignees,
      },
      {
        kind: 'commands',
        carrier: {
          source: `${kind}:${comment.commentId}`,
          login: comment.authorLogin,
          at: new Date().toISOString(),
          url: comment.htmlUrl,
        },
        tokens: commands,
      },
    );
  },

  async handleEvent({ event, config, github, owners, store, log }) {
    const payload = event.payload as ApproveEventPayload;
    const owner = payload.repository?.owner?.login;
    const repo = payload.repository?.name;
    if (!github || !owner || !repo) return;
    const number = payload.pull_request?.number ?? payload.issue?.number;
    if (number === undefined) return;
    const assignees = (payload.pull_request?.assignees ?? payload.issue?.assignees ?? []).map((a) => a.login);
    const run: ApproveRun = { github, owners, store, config, log, owner, repo, number, assignees };
    const trigger = triggerOf(event.name, payload, config.label);
    if (trigger === 'forget') await forgetApprovals(store, `${owner}/${repo}`, number);
    else if (trigger) await runApprove(run, trigger);
  },
});

/** What an event means for approval; `undefined`: nothing. */
function triggerOf(
  name: string,
  payload: ApproveEventPayload,
  label: string,
): ApproveTrigger | 'forget' | undefined {
  const action = payload.action ?? '';
  const pull = payload.pull_request;
  if (name === 'pull_request' && pull) {
    if (action === 'closed') return 'forget';
    if (pull.state !== 'open') return undefined;
    if (action === 'labeled' || action === 'unlabeled') {
      if (payload.label?.name !== label) return undefined;
      const sender = payload.sender;
      const byPerson = sender && !isBotUser(sender) ? sender.login : null;
      return { kind: 'label', added: action === 'labeled', byPerson };
    }
    if (!PULL_ACTIONS.has(action)) return undefined;
    // Only a new body (issue reference) or base (OWNERS) matters among edits.
    if (action === 'edited' && !payload.changes?.body && !payload.changes?.base) return undefined;
    return { kind: 'pull-updated', action, facts: pullRequestFacts(pull) };
  }
  if (name === 'pull_request_review' && pull?.state === 'open' && payload.review) {
    const { review } = payload;
    if (action === 'dismissed') return { kind: 'review-dismissed', reviewId: review.id };
    if (action !== 'submitted' || !review.user || isBotUser(review.user)) return undefined;
    return {
      kind: 'review',
      reviewId: review.id,
      state: review.state,
      tokens: lexCommands(review.body ?? ''),
      carrier: {
        login: review.user.login,
        at: review.submitted_at ?? new Date().toISOString(),
        url: review.html_url,
      },
    };
  }
  if (
    name === 'issue_comment' &&
    action === 'deleted' &&
    payload.issue?.pull_request &&
    payload.comment?.id
  ) {
    return { kind: 'comment-deleted', commentId: payload.comment.id };
  }
  return undefined;
}
