import { includesLogin, sameLogin } from '../../src/permissions/github-login.js';
import type { PeopleRequest } from './parse-assign.js';

/** The assignee changes to make: removals first, as Prow does. */
export interface AssigneePlan {
  readonly unassign: readonly string[];
  readonly assign: readonly string[];
}

/** Reviewers as `POST /pulls/{n}/requested_reviewers` takes them: logins, and team slugs of the owner's org. */
export interface ReviewTargets {
  readonly reviewers: readonly string[];
  readonly teamReviewers: readonly string[];
}

export interface ReviewPlan {
  readonly unrequest: ReviewTargets;
  readonly request: ReviewTargets;
  /** `org/team` entries of another org: GitHub cannot be asked, so they are reported as refused. */
  readonly refused: readonly string[];
}

/**
 * Turns `/assign` and `/unassign` into calls, using the assignees the webhook carried: a login
 * already assigned is not assigned again, and one not assigned is not unassigned. Pure.
 *
 * @example
 * planAssignees({ add: ['ana', 'bob'], remove: ['cy'] }, ['bob', 'cy']); // { unassign: ['cy'], assign: ['ana'] }
 */
export function planAssignees(request: PeopleRequest, assignees: readonly string[]): AssigneePlan {
  return {
    unassign: request.remove.filter((login) => includesLogin(assignees, login)),
    assign: request.add.filter((login) => !includesLogin(assignees, login)),
  };
}

/**
 * Turns `/cc` and `/uncc` into review requests: `org/team` of the repository's owner becomes a
 * team reviewer (Prow's `prepareReviewersBody`), a team of another org cannot be requested. Pure.
 *
 * @example
 * planReviewRequests({ add: ['ana', 'acme/core', 'other/team'], remove: [] }, 'acme');
 * // { request: { reviewers: ['ana'], teamReviewers: ['core'] }, unrequest: { ... }, refused: ['other/team'] }
 */
export function planReviewRequests(request: PeopleRequest, owner: string): ReviewPlan {
  const refused: string[] = [];
  const targets = (logins: readonly string[], refuse: boolean): ReviewTargets => {
    const reviewers: string[] = [];
    const teamReviewers: string[] = [];
    for (const login of logins) {
      const slash = login.indexOf('/');
      if (slash < 0) reviewers.push(login);
      else if (sameLogin(login.slice(0, slash), owner)) teamReviewers.push(login.slice(slash + 1));
      else if (refuse) refused.push(login);
    }
    return { reviewers, teamReviewers };
  };
  return { unrequest: targets(request.remove, false), request: targets(request.add, true), refused };
}

/**
 * The requested logins GitHub did not assign: `POST /issues/{n}/assignees` silently skips people
 * it cannot assign, so Prow compares the answer's assignees with the request (`MissingUsers`).
 *
 * @example
 * missingAssignees(['ana', 'mallory'], ['Ana']); // ['mallory']
 */
export function missingAssignees(requested: readonly string[], assignedAfter: readonly string[]): string[] {
  return requested.filter((login) => !includesLogin(assignedAfter, login));
}

/** Whether `targets` names nobody. */
export function isEmptyTargets(targets: ReviewTargets): boolean {
  return targets.reviewers.length === 0 && targets.teamReviewers.length === 0;
}
