import type { GitHubClient } from '../../src/github/github-app.js';

/** Removes a label from an issue or PR; one already gone (404) is the goal met, not an error. */
export async function removeLabel(
  github: GitHubClient,
  issue: { owner: string; repo: string; issue_number: number },
  name: string,
): Promise<void> {
  try {
    await github.rest.issues.removeLabel({ ...issue, name });
  } catch (error) {
    if ((error as { status?: number }).status !== 404) throw error;
  }
}
