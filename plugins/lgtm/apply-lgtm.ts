import type { GitHubClient } from '../../src/github/github-app.js';
import type { Logger } from '../../src/logging/logger.js';
import type { GitHubOwnersLoader } from '../../src/owners/load-owners-from-github.js';
import { listPullRequestFiles } from '../../src/owners/list-pull-request-files.js';
import { isCollaborator } from '../../src/permissions/is-collaborator.js';
import { decideLgtm, LGTM_LABEL, lgtmCheck } from './decide-lgtm.js';
import type { LgtmConfig } from './lgtm-config.js';
import type { LgtmIntent } from './parse-lgtm.js';

/** One lgtm request, from a comment or (with `reviewActsAsLgtm`) a review. */
export interface LgtmRequest {
  readonly intent: LgtmIntent;
  readonly repo: { readonly owner: string; readonly name: string };
  readonly number: number;
  readonly commenter: string;
  /** GitHub's `author_association` of the commenter, if the payload had it. */
  readonly association?: string;
  readonly prAuthor: string;
  readonly assignees: readonly string[];
  readonly labels: readonly string[];
}

export interface LgtmServices {
  readonly github: GitHubClient;
  readonly owners: GitHubOwnersLoader;
  readonly log: Logger;
  readonly config: LgtmConfig;
  /** Answers the commenter in Prow's reply format. */
  reply(message: string): Promise<void>;
}

/**
 * The side effects around {@link decideLgtm}: one check of the commenter (none for the author; a
 * collaborator per `author_association` costs nothing), then at most an assignment and a label
 * change, or one reply. Labels and assignees come from the webhook.
 */
export async function applyLgtm(request: LgtmRequest, services: LgtmServices): Promise<void> {
  const { github, config } = services;
  const check = lgtmCheck(request.commenter, request.prAuthor, config);
  const decision = decideLgtm({
    intent: request.intent,
    commenter: request.commenter,
    prAuthor: request.prAuthor,
    assignees: request.assignees,
    labels: request.labels,
    reviewersFromOwners: config.reviewersFromOwners,
    ...(check === 'collaborator'
      ? { isCollaborator: await isCollaborator(github, request.repo, request.commenter, request.association) }
      : {}),
    ...(check === 'owners' ? { isOwnersReviewer: await isOwnersReviewer(request, services) } : {}),
  });
  if (decision.kind === 'refuse') {
    await services.reply(decision.message);
    return;
  }
  const issue = { owner: request.repo.owner, repo: request.repo.name, issue_number: request.number };
  if (decision.assignCommenter) {
    const { data } = await github.rest.issues.addAssignees({ ...issue, assignees: [request.commenter] });
    // Prow logs a failed assignment and carries on with the label.
    if (!data.assignees?.some((user) => user.login.toLowerCase() === request.commenter.toLowerCase()))
      services.log.info({ login: request.commenter }, 'GitHub did not assign the lgtm commenter');
  }
  if (decision.label === 'add') await github.rest.issues.addLabels({ ...issue, labels: [LGTM_LABEL] });
  if (decision.label === 'remove') {
    try {
      await github.rest.issues.removeLabel({ ...issue, name: LGTM_LABEL });
    } catch (error) {
      if ((error as { status?: unknown }).status !== 404) throw error;
    }
  }
}

/** Prow's `loadReviewers`: every approver and reviewer (inherited) of any changed file. */
async function isOwnersReviewer(request: LgtmRequest, services: LgtmServices): Promise<boolean> {
  const target = { owner: request.repo.owner, repo: request.repo.name };
  const [snapshot, files] = await Promise.all([
    services.owners.load(services.github, target),
    listPullRequestFiles(services.github, { ...target, number: request.number }),
  ]);
  const login = request.commenter.toLowerCase();
  return files.some(
    (file) => snapshot.index.approvers(file).has(login) || snapshot.index.reviewers(file).has(login),
  );
}
