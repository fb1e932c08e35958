import type { GitHubClient } from '../../src/github/github-app.js';

/**
 * One check of a PR head that Sheriff can run again: a GitHub Actions workflow run (by workflow
 * name) or a check run of another app (by check name; its check suite is what GitHub re-runs).
 */
export type HeadCheck =
  | {
      readonly kind: 'workflow';
      readonly name: string;
      readonly runId: number;
      readonly status: string;
      readonly conclusion: string | null;
    }
  | {
      readonly kind: 'check-run';
      readonly name: string;
      readonly checkRunId: number;
      readonly suiteId: number;
      readonly status: string;
      readonly conclusion: string | null;
    };

/** Conclusions that `/retest` re-runs: Prow's failure and error, as Actions spells them. */
const FAILED: ReadonlySet<string> = new Set(['failure', 'timed_out', 'cancelled', 'startup_failure']);

/** Whether a check finished and did not pass. */
export function hasFailed(check: HeadCheck): boolean {
  return check.status === 'completed' && FAILED.has(check.conclusion ?? '');
}

/** GitHub Actions reports its jobs as check runs too; those are re-run through the Actions API. */
const ACTIONS_APP = 'github-actions';

/**
 * The checks of `sha`, two requests: the latest workflow run per workflow, and the latest check
 * run per name of every other app. Sorted by name.
 *
 * @example
 * await listHeadChecks(github, { owner: 'acme', repo: 'widgets' }, 'abc123');
 * // [{ kind: 'workflow', name: 'ci', runId: 42, status: 'completed', conclusion: 'failure' }, ...]
 */
export async function listHeadChecks(
  github: GitHubClient,
  repo: { owner: string; repo: string },
  sha: string,
): Promise<HeadCheck[]> {
  const [runs, checkRuns] = await Promise.all([
    github.rest.actions.listWorkflowRunsForRepo({ ...repo, head_sha: sha, per_page: 100 }),
    github.rest.checks.listForRef({ ...repo, ref: sha, filter: 'latest', per_page: 100 }),
  ]);
  const latest = new Map<string, HeadCheck>();
  // Newest first: the first run of a workflow is its latest.
  for (const run of runs.data.workflow_runs) {
    if (run.head_sha !== sha) continue;
    const name = run.name ?? run.path;
    if (latest.has(`workflow:${name}`)) continue;
    latest.set(`workflow:${name}`, {
      kind: 'workflow',
      name,
      runId: run.id,
      status: run.status ?? 'completed',
      conclusion: run.conclusion,
    });
  }
  for (const run of checkRuns.data.check_runs) {
    if (run.app?.slug === ACTIONS_APP || latest.has(`check:${run.name}`)) continue;
    latest.set(`check:${run.name}`, {
      kind: 'check-run',
      name: run.name,
      checkRunId: run.id,
      suiteId: run.check_suite?.id ?? 0,
      status: run.status,
      conclusion: run.conclusion,
    });
  }
  return [...latest.values()].sort((a, b) => a.name.localeCompare(b.name));
}
