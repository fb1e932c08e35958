import type { SheriffConfig } from '../../src/config/sheriff-config-schema.js';
import type { CommandSpec, PluginDefinition } from '../../src/plugins/plugin-definition.js';

/** One command as `/sheriff commands` lists it for a repository. */
export interface EnabledCommand {
  readonly usage: string;
  readonly plugin: string;
  readonly on: CommandSpec['on'];
  readonly caseSensitive: boolean;
  /** Under this repository's config, when the plugin says (`whoCanUseIn`), else the plugin's help. */
  readonly whoCanUse: string;
  readonly description: string;
}

/**
 * Whether a plugin runs in a repository: the same rule as the dispatcher's (on unless
 * `plugins.<name>.enabled: false`).
 *
 * @example
 * isPluginEnabled({ plugins: { hold: { enabled: false } } } as SheriffConfig, hold); // false
 */
export function isPluginEnabled(config: SheriffConfig, plugin: PluginDefinition): boolean {
  return (
    (config.plugins as Record<string, { enabled?: boolean } | undefined>)[plugin.name]?.enabled !== false
  );
}

/**
 * The commands of the plugins enabled in one repository, in the registry's order (plugins by
 * name, each plugin's commands as it defines them): the order of docs/commands.md and PluginHelp.
 * Pure.
 *
 * @example
 * listEnabledCommands(registry.plugins, config, { owner: 'acme', name: 'widgets' }).map((c) => c.usage);
 * // ['/[un]assign [[@]login ...]', '/[un]cc [[@]login|[@]org/team ...]', '/hold [cancel]', ...]
 */
export function listEnabledCommands(
  plugins: readonly PluginDefinition[],
  config: SheriffConfig,
  repository: { owner: string; name: string },
): EnabledCommand[] {
  return plugins
    .filter((plugin) => isPluginEnabled(config, plugin))
    .flatMap((plugin) => {
      const section = (config.plugins as Record<string, unknown>)[plugin.name];
      return plugin.commands.map((spec) => ({
        usage: spec.help.usage,
        plugin: plugin.name,
        on: spec.on,
        caseSensitive: spec.caseSensitive,
        whoCanUse: plugin.whoCanUseIn?.(spec, section as never, repository) ?? spec.help.whoCanUse,
        description: spec.help.description,
      }));
    });
}

/** Plugins turned off in the repository, by name. */
export function disabledPlugins(plugins: readonly PluginDefinition[], config: SheriffConfig): string[] {
  return plugins.filter((plugin) => !isPluginEnabled(config, plugin)).map((plugin) => plugin.name);
}
