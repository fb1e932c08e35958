/** One line of the help list: a check of the head or a Prow job of the PR. */
export interface CheckListEntry {
  readonly name: string;
  readonly required: boolean;
}

/**
 * Prow's help list (`pjutil/help.go`), for the checks and Prow jobs of the head: the `/test`
 * commands of the required ones, then of the optional ones. Commands are in inline code in list
 * items, never at the start of a line, so the reply triggers nothing.
 *
 * @example
 * renderCheckList([{ name: 'ci', required: true }], 'abc1234def');
 * // 'The following commands are available to trigger required jobs:\n\n- `/test ci`\n\n...'
 */
export function renderCheckList(entries: readonly CheckListEntry[], headSha: string): string {
  if (entries.length === 0)
    return `No checks have reported on ${headSha.slice(0, 7)} yet, so none can be run.`;
  const section = (title: string, names: string[]) =>
    names.length === 0
      ? []
      : [title, '', ...[...new Set(names)].sort().map((name) => `- \`/test ${name}\``), ''];
  const names = (required: boolean) =>
    entries.filter((entry) => entry.required === required).map((entry) => entry.name);
  return [
    ...section('The following commands are available to trigger required jobs:', names(true)),
    ...section('The following commands are available to trigger optional jobs:', names(false)),
    'Use `/test all` to run all of them, `/retest` to re-run the failed ones, and `/retest-required` the failed required ones.',
  ].join('\n');
}
