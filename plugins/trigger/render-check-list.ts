import type { HeadCheck } from './head-checks.js';

/**
 * Prow's help list (`pjutil/help.go`), for the checks of the head: the `/test` commands of the
 * required checks, then of the optional ones. Commands are in inline code in list items, never at
 * the start of a line, so the reply triggers nothing.
 *
 * @example
 * renderCheckList(checks, (check) => check.name === 'ci', 'abc1234def');
 * // 'The following commands are available to trigger required jobs:\n\n- `/test ci`\n\n...'
 */
export function renderCheckList(
  checks: readonly HeadCheck[],
  required: (check: HeadCheck) => boolean,
  headSha: string,
): string {
  if (checks.length === 0)
    return `No checks have reported on ${headSha.slice(0, 7)} yet, so none can be run.`;
  const section = (title: string, names: string[]) =>
    names.length === 0 ? [] : [title, '', ...[...names].sort().map((name) => `- \`/test ${name}\``), ''];
  return [
    ...section(
      'The following commands are available to trigger required jobs:',
      checks.filter(required).map((check) => check.name),
    ),
    ...section(
      'The following commands are available to trigger optional jobs:',
      checks.filter((check) => !required(check)).map((check) => check.name),
    ),
    'Use `/test all` to run all of them, and `/retest` to re-run the failed required ones.',
  ].join('\n');
}
