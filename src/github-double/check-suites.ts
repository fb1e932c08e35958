import type { CheckSuiteRecord, DoubleState, RepoRecord, RunConclusion } from './double-state.js';

/** The check suite GitHub keeps per (head SHA, app); created on first use. */
export function suiteFor(repo: RepoRecord, headSha: string, headBranch: string | null, state: DoubleState) {
  for (const suite of repo.checkSuites.values()) if (suite.headSha === headSha) return suite;
  const suite: CheckSuiteRecord = {
    id: state.ids.take('check-suite'),
    headSha,
    headBranch,
    status: 'queued',
    conclusion: null,
    createdAt: state.now,
    updatedAt: state.now,
  };
  repo.checkSuites.set(suite.id, suite);
  return suite;
}

/** Order in which GitHub lets one conclusion outweigh another when it sums up a suite. */
const CONCLUSION_WEIGHT: RunConclusion[] = [
  'action_required',
  'cancelled',
  'timed_out',
  'failure',
  'stale',
  'neutral',
  'skipped',
  'success',
];

/** Recomputes a suite's status and conclusion from its check runs. */
export function refreshSuite(repo: RepoRecord, suite: CheckSuiteRecord): void {
  const runs = [...repo.checkRuns.values()].filter((run) => run.suiteId === suite.id);
  if (runs.length === 0) return;
  if (runs.some((run) => run.status !== 'completed')) {
    suite.status = runs.some((run) => run.status === 'in_progress') ? 'in_progress' : 'queued';
    suite.conclusion = null;
  } else {
    suite.status = 'completed';
    const conclusions = runs.map((run) => run.conclusion ?? 'neutral');
    suite.conclusion = CONCLUSION_WEIGHT.find((conclusion) => conclusions.includes(conclusion)) ?? 'neutral';
  }
}
