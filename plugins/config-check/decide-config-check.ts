import type { ConfigProblem } from '../../src/config/validate-config.js';

/** The check run Sheriff reports on a commit that changed `.github/sheriff.yml`. */
export interface ConfigCheckRun {
  conclusion: 'success' | 'failure';
  title: string;
  summary: string;
  annotations: Array<{
    path: string;
    start_line: number;
    end_line: number;
    annotation_level: 'failure';
    message: string;
  }>;
}

/** GitHub accepts at most 50 annotations per request. */
const MAX_ANNOTATIONS = 50;

/**
 * What the maintainer sees on the commit: success, or a failure listing each problem by key path
 * and line (as annotations on the file), and that the last valid config stays in force.
 */
export function decideConfigCheck(
  path: string,
  outcome: { kind: 'valid' } | { kind: 'removed' } | { kind: 'invalid'; problems: readonly ConfigProblem[] },
): ConfigCheckRun {
  if (outcome.kind === 'valid') {
    return {
      conclusion: 'success',
      title: `${path} is valid`,
      summary: 'Sheriff uses this configuration from now on.',
      annotations: [],
    };
  }
  if (outcome.kind === 'removed') {
    return {
      conclusion: 'success',
      title: `${path} was removed`,
      summary: "Sheriff falls back to the organisation's .github repository, or to its defaults.",
      annotations: [],
    };
  }
  const lines = outcome.problems.map((problem) => `- ${describe(problem)}`);
  return {
    conclusion: 'failure',
    title: `${path} is invalid (${outcome.problems.length} problem${outcome.problems.length === 1 ? '' : 's'})`,
    summary: [
      'Sheriff keeps using the last valid configuration until this is fixed.',
      '',
      ...lines,
      '',
      'Check a file locally with `npx sheriff validate-config .github/sheriff.yml`.',
    ].join('\n'),
    annotations: outcome.problems.slice(0, MAX_ANNOTATIONS).map((problem) => ({
      path,
      start_line: problem.line ?? 1,
      end_line: problem.line ?? 1,
      annotation_level: 'failure',
      message: describe(problem),
    })),
  };
}

function describe(problem: ConfigProblem): string {
  const where = problem.line === undefined ? '' : `line ${problem.line}: `;
  return `${where}${problem.path || '(file)'}: ${problem.message}`;
}
