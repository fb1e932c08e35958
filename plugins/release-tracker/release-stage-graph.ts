import { compileJobPattern } from '../../src/areas/job-pattern.js';
import { stageJobName } from './job-run.js';
import type { TrackingIssueRef } from './tracker-state.js';

/** One stage of a release pipeline as `plugins.release-tracker.stages` declares it. */
export interface StageSpec {
  readonly name: string;
  /** Jobs (or Actions workflow jobs) that run this stage. */
  readonly jobs: readonly string[];
  /** For a job that runs several stages: its failing steps that mean this stage. */
  readonly steps: readonly string[];
  /** The stages that must have succeeded before this one runs. */
  readonly needs: readonly string[];
  /** For a Prow job that runs several stages: build-log lines that say this stage began. */
  readonly logMarkers?: readonly string[];
}

/** A job failing in a stage the graph knows. */
export interface BlockingFailure {
  readonly key: string;
  readonly job: string;
  readonly stage: string;
  readonly issue: TrackingIssueRef;
}

/** What the fold rule needs to know of another job's open episode. */
export interface EpisodeCandidate {
  readonly key: string;
  readonly job: string;
  /** Its failing stage text (the Actions step), when known. */
  readonly stageText: string | null;
  readonly sha: string | null;
  readonly ref: string | null;
  readonly issue: TrackingIssueRef;
}

/**
 * The problems of a stage list, each naming the stage and key: names must be unique, `needs` must
 * name declared stages, and the graph must have no cycle.
 *
 * @example
 * stageGraphProblems([{ name: 'push', jobs: ['x'], steps: [], needs: ['build'] }]);
 * // ['stages[0] (push).needs: "build" is not a declared stage']
 */
export function stageGraphProblems(stages: readonly StageSpec[]): string[] {
  const problems: string[] = [];
  const names = new Set<string>();
  stages.forEach((stage, index) => {
    if (names.has(stage.name)) problems.push(`stages[${index}].name: "${stage.name}" is declared twice`);
    names.add(stage.name);
  });
  stages.forEach((stage, index) => {
    for (const need of stage.needs)
      if (!names.has(need))
        problems.push(`stages[${index}] (${stage.name}).needs: "${need}" is not a declared stage`);
  });
  if (problems.length === 0) {
    const cycle = stages.find((stage) => ancestorsOf(stages, stage.name).has(stage.name));
    if (cycle) problems.push(`stages: "${cycle.name}" depends on itself through needs (a cycle)`);
  }
  return problems;
}

/**
 * The stage a failing job is in: among the stages whose `jobs` match the job (or the failing
 * workflow job of an Actions stage), the first whose `steps` match the failing step; else the
 * earliest of them, not `exact` when the job runs several stages (no step said which failed).
 *
 * @example
 * locateStage(stages, 'post-lambda-controller-release', null); // { name: 'image-build', exact: false }
 */
export function locateStage(
  stages: readonly StageSpec[],
  job: string,
  stageText: string | null,
): { name: string; exact: boolean } | null {
  const workflowJob = stageJobName(stageText);
  const candidates = stages.filter((stage) =>
    stage.jobs.some(
      (pattern) => matches(pattern, job) || (workflowJob !== null && matches(pattern, workflowJob)),
    ),
  );
  if (candidates.length === 0) return null;
  if (stageText !== null) {
    // A Prow run's stage read from its build log is the stage's own name.
    const named = candidates.find((stage) => stage.name === stageText);
    if (named) return { name: named.name, exact: true };
    const byStep = candidates.find((stage) => stage.steps.some((pattern) => matches(pattern, stageText)));
    if (byStep) return { name: byStep.name, exact: true };
  }
  const ordered = topologicalOrder(stages);
  const earliest = [...candidates].sort((a, b) => ordered.indexOf(a.name) - ordered.indexOf(b.name))[0]!;
  return { name: earliest.name, exact: candidates.length === 1 };
}

/** The stages a job runs (by `jobs`), in declaration order. */
export function stagesOfJob(stages: readonly StageSpec[], job: string): StageSpec[] {
  return stages.filter((stage) => stage.jobs.some((pattern) => matches(pattern, job)));
}

/** The name of {@link locateStage}'s stage. */
export function stageOfJob(
  stages: readonly StageSpec[],
  job: string,
  stageText: string | null,
): string | null {
  return locateStage(stages, job, stageText)?.name ?? null;
}

/**
 * The open episode this failure is blocked by: another job of the same repository failing, on the
 * same commit or ref, in a stage this one's stage (transitively) needs.
 *
 * @example
 * findBlockingFailure(stages, { job: 'update-ack-chart', stageText: null, sha, ref: 'v1.7.3' }, [releaseEpisode]);
 * // { key: '.../post-lambda-controller-release', stage: 'image-build', issue: {...} }
 */
export function findBlockingFailure(
  stages: readonly StageSpec[],
  failing: { key: string; job: string; stageText: string | null; sha: string | null; ref: string | null },
  candidates: readonly EpisodeCandidate[],
): BlockingFailure | null {
  const stage = stageOfJob(stages, failing.job, failing.stageText);
  if (stage === null) return null;
  const upstream = ancestorsOf(stages, stage);
  for (const candidate of candidates) {
    if (candidate.key === failing.key) continue;
    const sameCode =
      (failing.sha !== null && candidate.sha === failing.sha) ||
      (failing.ref !== null && candidate.ref === failing.ref);
    if (!sameCode) continue;
    const theirs = stageOfJob(stages, candidate.job, candidate.stageText);
    if (theirs !== null && upstream.has(theirs))
      return { key: candidate.key, job: candidate.job, stage: theirs, issue: candidate.issue };
  }
  return null;
}

/**
 * The release pipeline around a failing stage: the stages it needs (passed: they ran before it),
 * the stage itself, and the stages that need it (blocked), in pipeline order. Stages on other
 * branches are left out.
 *
 * @example
 * renderStageChain(stages, 'image-push');
 * // 'git-tag ✓ → image-build ✓ → image-push ✗ → helm-publish (blocked) → olm-bundle (blocked)'
 */
export function renderStageChain(
  stages: readonly StageSpec[],
  failing: string,
  exact = true,
  /** Why the stage is a guess, when known: `the build log could not be read (HTTP 404)`. */
  guessedBecause: string | null = null,
): string {
  const before = ancestorsOf(stages, failing);
  const after = descendantsOf(stages, failing);
  const failed = exact
    ? `${failing} ✗`
    : `${failing} ✗ (or a later stage of the same job: ${guessedBecause ? `${guessedBecause}; ` : ''}see the logs)`;
  return topologicalOrder(stages)
    .filter((name) => name === failing || before.has(name) || after.has(name))
    .map((name) => (name === failing ? failed : before.has(name) ? `${name} ✓` : `${name} (blocked)`))
    .join(' → ');
}

/** Every stage `name` needs, directly or through others. */
function ancestorsOf(stages: readonly StageSpec[], name: string): Set<string> {
  const byName = new Map(stages.map((stage) => [stage.name, stage]));
  const found = new Set<string>();
  const queue = [...(byName.get(name)?.needs ?? [])];
  while (queue.length > 0) {
    const next = queue.shift()!;
    if (found.has(next)) continue;
    found.add(next);
    queue.push(...(byName.get(next)?.needs ?? []));
  }
  return found;
}

function descendantsOf(stages: readonly StageSpec[], name: string): Set<string> {
  return new Set(
    stages.filter((stage) => ancestorsOf(stages, stage.name).has(name)).map((stage) => stage.name),
  );
}

/** Stage names with every stage after the ones it needs (declaration order breaks ties). */
function topologicalOrder(stages: readonly StageSpec[]): string[] {
  const order: string[] = [];
  const placed = new Set<string>();
  let progress = true;
  while (progress && order.length < stages.length) {
    progress = false;
    for (const stage of stages) {
      if (placed.has(stage.name) || !stage.needs.every((need) => placed.has(need))) continue;
      order.push(stage.name);
      placed.add(stage.name);
      progress = true;
    }
  }
  return order;
}

function matches(pattern: string, name: string): boolean {
  const compiled = compileJobPattern(pattern);
  return compiled.ok && compiled.test(name);
}
