import { compileJobPattern, type JobPatternResult } from '../../src/areas/job-pattern.js';

/**
 * Lines longer than this are matched on their start only: a user's regular expression then runs
 * over bounded text, however long a line of the log is.
 */
const MAX_LINE_CHARS = 2048;

/**
 * Compiles a stage's log marker: `/regex/` (flag `i` allowed, as job patterns) or plain text,
 * found anywhere in a line, case-sensitively.
 *
 * @example
 * compileLogMarker("Pushing 'lambda' controller image").ok; // true
 * compileLogMarker('/^building .* docker image/i').ok; // true
 */
export function compileLogMarker(marker: string): JobPatternResult {
  if (marker.trim() === '') return { ok: false, error: 'a log marker must not be empty' };
  if (marker.startsWith('/')) return compileJobPattern(marker);
  return { ok: true, test: (line) => line.includes(marker) };
}

/** A stage and its markers, as `stages[]` declares them. */
export interface MarkedStage {
  readonly name: string;
  readonly logMarkers?: readonly string[];
}

/**
 * The stage whose marker appears last in the log: the pipeline got that far, so that is where it
 * failed. Null when no line has a marker of these stages.
 *
 * @example
 * stageFromLog([{ name: 'image-build', logMarkers: ['docker image'] },
 *               { name: 'image-push', logMarkers: ['Pushing'] }], log);
 * // 'image-push' (the log has "Pushing 'lambda' controller image" after the build)
 */
export function stageFromLog(stages: readonly MarkedStage[], log: string): string | null {
  const matchers = stages.flatMap((stage) =>
    (stage.logMarkers ?? []).flatMap((marker) => {
      const compiled = compileLogMarker(marker);
      return compiled.ok ? [{ stage: stage.name, test: compiled.test }] : [];
    }),
  );
  if (matchers.length === 0) return null;
  const lines = log.split('\n');
  for (let index = lines.length - 1; index >= 0; index -= 1) {
    const line = lines[index]!.slice(0, MAX_LINE_CHARS);
    const found = matchers.find((matcher) => matcher.test(line));
    if (found) return found.stage;
  }
  return null;
}
