import { isBotUser } from '../../src/commands/generic-comment.js';
import { lexCommands } from '../../src/commands/lex-commands.js';
import type { GitHubClient } from '../../src/github/github-app.js';
import { type ApprovalEvent, approvalEventsFrom, reviewStateEvent } from './approval-events.js';
import type { PullRequestFacts } from './pull-request-facts.js';
import { NOTIFIER_PREFIX } from './render-approval-notifier.js';

/** A PR's approval history as read from GitHub, and the notifier already posted, if any. */
export interface ApprovalHistory {
  readonly events: ApprovalEvent[];
  readonly notifier: { readonly id: number; readonly body: string } | undefined;
}

/**
 * Rebuilds what Prow recomputes on every event: the approve commands of the PR description,
 * every issue comment and every review (their bodies, and their Approve / Request changes
 * states), oldest first, without bots' texts. Sheriff's own newest `[APPROVALNOTIFIER]` comment is
 * found on the way. Cost: one request per 100 comments plus one per 100 reviews. Inline review
 * comments are not read (they are handled as they arrive).
 *
 * @example
 * const { events, notifier } = await loadApprovalHistory(github, { owner: 'acme', repo: 'widgets' }, facts);
 */
export async function loadApprovalHistory(
  github: GitHubClient,
  repo: { owner: string; repo: string },
  facts: PullRequestFacts,
): Promise<ApprovalHistory> {
  const target = { ...repo, per_page: 100 };
  const [comments, reviews] = await Promise.all([
    github.paginate(github.rest.issues.listComments, { ...target, issue_number: facts.number }),
    github.paginate(github.rest.pulls.listReviews, { ...target, pull_number: facts.number }),
  ]);
  const timed: Array<{ at: string; order: number; events: ApprovalEvent[] }> = [];
  let order = 0;
  const add = (at: string, events: ApprovalEvent[]) => timed.push({ at, order: order++, events });

  add(
    facts.createdAt,
    approvalEventsFrom(lexCommands(facts.body), {
      source: 'description',
      login: facts.author,
      at: facts.createdAt,
      url: facts.htmlUrl,
    }),
  );
  let notifier: ApprovalHistory['notifier'];
  for (const comment of comments) {
    const user = comment.user;
    if (!user) continue;
    const body = comment.body ?? '';
    if (isBotUser(user)) {
      if (body.startsWith(NOTIFIER_PREFIX) && (!notifier || comment.id > notifier.id))
        notifier = { id: comment.id, body };
      continue;
    }
    const carrier = {
      source: `comment:${comment.id}`,
      login: user.login,
      at: comment.created_at,
      url: comment.html_url,
    };
    add(comment.created_at, approvalEventsFrom(lexCommands(body), carrier));
  }
  for (const review of reviews) {
    const user = review.user;
    if (!user || isBotUser(user) || !review.submitted_at) continue;
    const carrier = { login: user.login, at: review.submitted_at, url: review.html_url };
    // The state first: a command in the same review's body is read after it, as in Prow.
    const state = reviewStateEvent(review.state, { ...carrier, source: `review:${review.id}` });
    add(review.submitted_at, [
      ...(state ? [state] : []),
      ...approvalEventsFrom(lexCommands(review.body ?? ''), {
        ...carrier,
        source: `review-body:${review.id}`,
      }),
    ]);
  }
  timed.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.order - b.order));
  return { events: timed.flatMap((entry) => entry.events), notifier };
}
