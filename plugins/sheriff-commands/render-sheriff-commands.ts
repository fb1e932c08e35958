import type { EnabledCommand } from './list-enabled-commands.js';
import type { TouchedArea } from './find-touched-areas.js';

export interface SheriffCommandsView {
  readonly repository: string;
  readonly commands: readonly EnabledCommand[];
  readonly disabled: readonly string[];
  /** Absent when the areas were not looked up. */
  readonly areas?: readonly TouchedArea[];
  readonly isPullRequest: boolean;
}

const WHERE: Record<EnabledCommand['on'], string> = {
  issues: 'issues',
  'pull-requests': 'PRs',
  both: 'issues, PRs',
};

/**
 * The answer to `/sheriff commands`: a table of the commands enabled in the repository (command,
 * where it works, who may use it, plugin), the plugins turned off, and the owners of the areas the
 * issue or PR touches. Owners are written in code spans, so nobody is notified. Pure.
 *
 * @example
 * renderSheriffCommands({ repository: 'acme/widgets', commands, disabled: [], areas: [], isPullRequest: false });
 * // 'these commands are enabled in acme/widgets:\n\n| Command | Works on | Who can use it | Plugin |\n...'
 */
export function renderSheriffCommands(view: SheriffCommandsView): string {
  const lines = [
    `these commands are enabled in ${view.repository}:`,
    '',
    '| Command | Works on | Who can use it | Plugin |',
    '|---|---|---|---|',
    ...view.commands.map(
      (command) =>
        `| ${code(command.usage)} | ${WHERE[command.on]}${command.caseSensitive ? ' (case-sensitive)' : ''} | ${cell(command.whoCanUse)} | ${command.plugin} |`,
    ),
  ];
  if (view.disabled.length > 0)
    lines.push('', `Turned off here in \`.github/sheriff.yml\`: ${view.disabled.join(', ')}.`);
  if (view.areas !== undefined) lines.push('', ...renderAreas(view.areas, view.isPullRequest));
  return lines.join('\n');
}

/** The usages a rendered table lists, in order (for the test that all command lists agree). */
export function usagesInTable(rendered: string): string[] {
  return [...rendered.matchAll(/^\| `(.+?)` \|/gm)].map((match) => match[1]!.replace(/\\\|/g, '|'));
}

function renderAreas(areas: readonly TouchedArea[], isPullRequest: boolean): string[] {
  const what = isPullRequest ? 'this PR (by its changed files)' : 'this issue (by its labels)';
  if (areas.length === 0) return [`No service area owns ${what}.`];
  return [
    `Areas of ${what}, and their owners:`,
    '',
    ...areas.map((area) => {
      const parts = [
        area.approvers.length > 0 ? `approvers ${area.approvers.map(code).join(', ')}` : 'no approvers',
        ...(area.reviewers.length > 0 ? [`reviewers ${area.reviewers.map(code).join(', ')}`] : []),
      ];
      return `- ${code(area.name)}: ${parts.join('; ')}`;
    }),
  ];
}

/** A table cell: a `|` would end it. */
function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

function code(text: string): string {
  return `\`${cell(text)}\``;
}
