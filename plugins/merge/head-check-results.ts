import type { GitHubClient } from '../../src/github/github-app.js';
import type { CheckResult } from './decide-merge.js';

const PASSED: ReadonlySet<string> = new Set(['success', 'neutral', 'skipped']);

/**
 * The head's checks, read fresh (two requests): the latest check run per name, and the latest
 * commit status per context.
 *
 * @example
 * await readHeadCheckResults(github, { owner: 'acme', repo: 'widgets' }, 'abc123');
 * // [{ name: 'ci', state: 'success' }, { name: 'pull-widgets-unit', state: 'pending' }]
 */
export async function readHeadCheckResults(
  github: GitHubClient,
  repo: { owner: string; repo: string },
  sha: string,
): Promise<CheckResult[]> {
  const [runs, combined] = await Promise.all([
    github.rest.checks.listForRef({ ...repo, ref: sha, filter: 'latest', per_page: 100 }),
    github.rest.repos.getCombinedStatusForRef({ ...repo, ref: sha, per_page: 100 }),
  ]);
  const results: CheckResult[] = [];
  const seen = new Set<string>();
  for (const run of runs.data.check_runs) {
    if (seen.has(run.name)) continue;
    seen.add(run.name);
    const state =
      run.status !== 'completed' ? 'pending' : PASSED.has(run.conclusion ?? '') ? 'success' : 'failure';
    results.push({ name: run.name, state });
  }
  for (const status of combined.data.statuses) {
    if (seen.has(status.context)) continue;
    seen.add(status.context);
    const state = status.state === 'success' ? 'success' : status.state === 'pending' ? 'pending' : 'failure';
    results.push({ name: status.context, state });
  }
  return results;
}
