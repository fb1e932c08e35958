import type { RepoRecord } from '../double-state.js';

/**
 * What a `ref` parameter names in the double: the default branch (by name, `heads/...`, `refs/heads/...`
 * or its commit SHA) resolves to the repository's files; a pull request's head branch resolves to its
 * head SHA, without files of its own.
 */
export type ResolvedRef =
  { kind: 'default-branch'; sha: string } | { kind: 'pull-head'; sha: string } | undefined;

function branchName(ref: string): string {
  return ref.replace(/^refs\//, '').replace(/^heads\//, '');
}

export function resolveRef(repo: RepoRecord, ref: string | undefined): ResolvedRef {
  if (ref === undefined || ref === '' || ref === repo.headCommit || branchName(ref) === repo.defaultBranch) {
    return { kind: 'default-branch', sha: repo.headCommit };
  }
  for (const issue of repo.issues.values()) {
    if (!issue.pull) continue;
    if (branchName(ref) === issue.pull.headRef || ref === issue.pull.headSha) {
      return { kind: 'pull-head', sha: issue.pull.headSha };
    }
  }
  return undefined;
}
