/**
 * Prow's reply when GitHub did not assign everyone (`newAssignHandler`'s `addFailureResponse`).
 * Prow always links the Kubernetes contributor guide; Sheriff links the configured guide, if any.
 *
 * @example
 * assignRefusal(['mallory'], 'acme'); // "GitHub didn't allow me to assign the following users: mallory.\n\n..."
 */
export function assignRefusal(users: readonly string[], org: string, guideUrl?: string): string {
  const note = `Note that only [${org} members](https://github.com/orgs/${org}/people) with read permissions, repo collaborators and people who have commented on this issue/PR can be assigned. Additionally, issues/PRs can only have 10 assignees at the same time.`;
  return [
    `GitHub didn't allow me to assign the following users: ${users.join(', ')}.`,
    '',
    guideUrl === undefined
      ? note
      : `${note}\nFor more information please see [the contributor guide](${guideUrl})`,
  ].join('\n');
}

/**
 * Prow's reply when GitHub refused some review requests (`newReviewHandler`'s `addFailureResponse`).
 *
 * @example
 * reviewRefusal(['mallory'], 'acme'); // "GitHub didn't allow me to request PR reviews from the following users: mallory.\n\n..."
 */
export function reviewRefusal(users: readonly string[], org: string): string {
  return [
    `GitHub didn't allow me to request PR reviews from the following users: ${users.join(', ')}.`,
    '',
    `Note that only [${org} members](https://github.com/orgs/${org}/people) and repo collaborators can review this PR, and authors cannot review their own PRs.`,
  ].join('\n');
}
