import type { PluginRegistry } from './plugin-registry.js';

/** Prow's PluginHelp (Go field names, no json tags): what hook shows on its command-help page. */
export interface PluginHelp {
  Description: string;
  Config: Record<string, string>;
  Snippet?: string;
  Events: string[];
  Commands: Array<{
    Usage: string;
    Featured: boolean;
    Description: string;
    Examples: string[];
    WhoCanUse: string;
  }>;
}

/**
 * The answer to hook's `POST <endpoint>/help`. Sheriff is one external plugin to Prow, so every
 * Sheriff plugin's commands are listed together; `repos` are those hook enabled it for.
 */
export function buildPluginHelp(
  registry: PluginRegistry,
  repos: ReadonlyArray<{ Org: string; Repo: string }>,
): PluginHelp {
  const summary = `Sheriff plugins: ${registry.plugins.map((plugin) => plugin.name).join(', ')}. Per-repository settings live in .github/sheriff.yml.`;
  return {
    Description:
      'Sheriff: Prow-style commands, and a tracking issue for every failing release job, with its OWNERS tagged.',
    Config: Object.fromEntries(repos.map((repo) => [`${repo.Org}/${repo.Repo}`, summary])),
    Events: [
      ...new Set([
        'issue_comment',
        'issues',
        'pull_request',
        ...registry.plugins.flatMap((plugin) => plugin.events),
      ]),
    ].sort(),
    Commands: registry.plugins.flatMap((plugin) =>
      plugin.commands.map((spec) => ({
        Usage: spec.help.usage,
        Featured: spec.help.featured ?? false,
        Description: spec.help.description,
        Examples: [...spec.help.examples],
        WhoCanUse: spec.help.whoCanUse,
      })),
    ),
  };
}

/** docs/commands.md, generated from the same definitions (a test checks the file is current). */
export function renderCommandsMarkdown(registry: PluginRegistry): string {
  const lines = [
    '# Commands',
    '',
    '<!-- Generated from the plugin definitions by `npm run docs`. Do not edit by hand. -->',
    '',
    'Commands start a line of an issue or PR comment (or a new issue or PR description, where they',
    'run as the author). Each plugin can be turned off in `.github/sheriff.yml` under',
    '`plugins.<name>.enabled`.',
    '',
  ];
  for (const plugin of registry.plugins) {
    lines.push(`## ${plugin.name}`, '', plugin.description, '');
    if (plugin.events.length > 0)
      lines.push(`Events: ${plugin.events.map((event) => `\`${event}\``).join(', ')}.`, '');
    for (const spec of plugin.commands) {
      const where = { issues: 'issues', 'pull-requests': 'pull requests', both: 'issues and pull requests' }[
        spec.on
      ];
      lines.push(
        `### \`${spec.help.usage}\``,
        '',
        spec.help.description,
        '',
        `- Works on: ${where}${spec.caseSensitive ? ' (the command word is case-sensitive)' : ''}`,
        `- Who can use it: ${spec.help.whoCanUse}`,
        `- Examples: ${spec.help.examples.map((example) => `\`${example}\``).join(', ')}`,
        '',
      );
    }
  }
  return `${lines.join('\n').trimEnd()}\n`;
}
