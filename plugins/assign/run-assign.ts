import type { GenericComment } from '../../src/commands/generic-comment.js';
import type { GitHubClient } from '../../src/github/github-app.js';
import { includesLogin } from '../../src/permissions/github-login.js';
import type { CommandContext } from '../../src/plugins/plugin-definition.js';
import type { AssignConfig } from './assign-config.js';
import {
  isEmptyTargets,
  missingAssignees,
  planAssignees,
  planReviewRequests,
  type ReviewTargets,
} from './decide-assign.js';
import { parseAssign, parseCc } from './parse-assign.js';
import { assignRefusal, reviewRefusal } from './render-assign.js';

/**
 * The side effects of `/assign`, `/unassign`, `/cc` and `/uncc`: assignees first, then (on a PR)
 * review requests, each removing before adding, as Prow's two handlers do. People GitHub would
 * not take get Prow's reply; anything else GitHub refuses fails the job.
 */
export async function runAssign(context: CommandContext<AssignConfig>): Promise<void> {
  const { comment, commands, github, log } = context;
  const issue = { owner: comment.repo.owner, repo: comment.repo.name, issue_number: comment.number };

  const assignees = planAssignees(
    parseAssign(commands, comment.body, comment.authorLogin),
    comment.assignees,
  );
  if (assignees.unassign.length > 0) {
    const { data } = await github.rest.issues.removeAssignees({
      ...issue,
      assignees: [...assignees.unassign],
    });
    const remaining = data.assignees?.map((user) => user.login) ?? [];
    const left = assignees.unassign.filter((login) => includesLogin(remaining, login));
    // Prow's `ExtraUsers`: logged, not answered.
    if (left.length > 0) log.warn({ left }, 'GitHub kept some assignees it was asked to remove');
  }
  if (assignees.assign.length > 0) {
    const { data } = await github.rest.issues.addAssignees({ ...issue, assignees: [...assignees.assign] });
    const missing = missingAssignees(assignees.assign, data.assignees?.map((user) => user.login) ?? []);
    if (missing.length > 0)
      await context.reply(assignRefusal(missing, comment.repo.owner, context.config.contributorGuideUrl));
  }

  if (!comment.isPullRequest) return;
  const reviews = planReviewRequests(
    parseCc(commands, comment.body, comment.authorLogin),
    comment.repo.owner,
  );
  if (!isEmptyTargets(reviews.unrequest)) {
    await github.rest.pulls.removeRequestedReviewers({
      ...pullOf(comment),
      reviewers: [...reviews.unrequest.reviewers],
      ...(reviews.unrequest.teamReviewers.length > 0
        ? { team_reviewers: [...reviews.unrequest.teamReviewers] }
        : {}),
    });
  }
  const refused = [...reviews.refused];
  if (!isEmptyTargets(reviews.request))
    refused.push(...(await requestReviews(github, comment, reviews.request)));
  if (refused.length > 0) await context.reply(reviewRefusal(refused, comment.repo.owner));
}

/**
 * Prow's `RequestReview`: ask for everyone at once; GitHub refuses the whole request (422) if one
 * of them cannot review, so then ask one at a time and return those refused (teams as `org/team`).
 */
async function requestReviews(
  github: GitHubClient,
  comment: GenericComment,
  targets: ReviewTargets,
): Promise<string[]> {
  const request = (reviewers: readonly string[], teams: readonly string[]) =>
    github.rest.pulls.requestReviewers({
      ...pullOf(comment),
      reviewers: [...reviewers],
      ...(teams.length > 0 ? { team_reviewers: [...teams] } : {}),
    });
  const unprocessable = (error: unknown) => (error as { status?: unknown } | null)?.status === 422;
  try {
    await request(targets.reviewers, targets.teamReviewers);
    return [];
  } catch (error) {
    if (!unprocessable(error)) throw error;
  }
  const single = [
    ...targets.reviewers.map((login) => ({ name: login, reviewers: [login], teams: [] })),
    ...targets.teamReviewers.map((slug) => ({
      name: `${comment.repo.owner}/${slug}`,
      reviewers: [],
      teams: [slug],
    })),
  ];
  // One target refused already tells who: asking again alone would get the same answer.
  if (single.length === 1) return [single[0]!.name];
  const refused: string[] = [];
  for (const target of single) {
    try {
      await request(target.reviewers, target.teams);
    } catch (error) {
      if (!unprocessable(error)) throw error;
      refused.push(target.name);
    }
  }
  return refused;
}

function pullOf(comment: GenericComment) {
  return { owner: comment.repo.owner, repo: comment.repo.name, pull_number: comment.number };
}
