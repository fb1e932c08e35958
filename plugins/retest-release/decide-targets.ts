import { isFailed, type ReleaseRun } from './release-runs.js';
import { code, runSummary } from './render-retest-release.js';

/** What the comment's context knows: its failed-or-not release runs (latest per job). */
export interface RetestContext {
  /** For people: `the tracking issue`, `the merge commit abc123 of this pull request`, ... */
  readonly label: string;
  readonly runs: readonly ReleaseRun[];
  /** Lines to say whatever is decided (a pull request not merged yet). */
  readonly notes: readonly string[];
}

export interface TargetDecision {
  /** Failed runs to re-run, each once. */
  readonly targets: ReleaseRun[];
  /** Lines for the reply about what is not re-run and why (decided before any permission check). */
  readonly lines: string[];
}

/**
 * Which runs a `/retest-release` means, pure. Without job names: every failed job of the context.
 * With names: each named job's latest run, from the context or else from the repository
 * (`lookups`, for any issue that names a job); a job whose latest run passed is not re-run, and
 * a name Sheriff does not know gets the list of the known ones.
 *
 * @example
 * decideTargets([], context, new Map(), []).targets.map((run) => run.job); // ['post-lambda-controller-release']
 */
export function decideTargets(
  jobs: readonly string[],
  context: RetestContext,
  lookups: ReadonlyMap<string, ReleaseRun | undefined>,
  knownJobs: readonly string[],
): TargetDecision {
  const targets: ReleaseRun[] = [];
  const lines: string[] = [...context.notes];
  const add = (run: ReleaseRun) => {
    if (!targets.some((target) => target.runId === run.runId)) targets.push(run);
  };
  if (jobs.length === 0) {
    const failed = context.runs.filter(isFailed);
    failed.forEach(add);
    if (failed.length === 0 && context.runs.length > 0)
      lines.push(`No release job of ${context.label} is failing: nothing to re-run.`);
    else if (context.runs.length === 0 && context.notes.length === 0)
      lines.push(`Sheriff knows no release run of ${context.label}: nothing to re-run.`);
    return { targets, lines };
  }
  const unknown: string[] = [];
  for (const name of jobs) {
    const run = context.runs.find((candidate) => candidate.job === name) ?? lookups.get(name);
    if (!run) unknown.push(name);
    else if (!isFailed(run))
      lines.push(`- ${code(name)}: its latest run passed (${runSummary(run)}): nothing to re-run.`);
    else add(run);
  }
  if (unknown.length > 0) {
    const names = unknown.map(code).join(', ');
    lines.push(
      knownJobs.length > 0
        ? `- ${names}: not a release job Sheriff knows here. Known release jobs: ${knownJobs.map(code).join(', ')}.`
        : `- ${names}: not a release job Sheriff knows here; it has recorded no release run in this repository yet.`,
    );
  }
  return { targets, lines };
}
