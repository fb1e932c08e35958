import type { CommandSpec, PluginDefinition } from './plugin-definition.js';

export interface RegisteredCommand {
  plugin: PluginDefinition;
  spec: CommandSpec;
}

/**
 * The set of plugins one Sheriff runs, checked once at start: names are unique, and no command
 * word belongs to two plugins (Prow lets every plugin scan every comment; Sheriff routes each
 * word to one owner, so a command can never do two things).
 */
export class PluginRegistry {
  readonly plugins: readonly PluginDefinition[];
  private readonly byCommand = new Map<string, RegisteredCommand>();

  constructor(plugins: readonly PluginDefinition[]) {
    const names = new Set<string>();
    for (const plugin of plugins) {
      if (names.has(plugin.name)) throw new Error(`two plugins are named "${plugin.name}"`);
      names.add(plugin.name);
      for (const spec of plugin.commands) {
        for (const word of spec.names) {
          const key = word.toLowerCase();
          const owner = this.byCommand.get(key);
          if (owner) throw new Error(`/${word} is claimed by both ${owner.plugin.name} and ${plugin.name}`);
          this.byCommand.set(key, { plugin, spec });
        }
      }
    }
    this.plugins = [...plugins].sort((a, b) => a.name.localeCompare(b.name));
  }

  /** The plugin and spec for a command word as written, honouring the spec's case rule. */
  findCommand(word: string): RegisteredCommand | undefined {
    const found = this.byCommand.get(word.toLowerCase());
    if (!found) return undefined;
    if (found.spec.caseSensitive && !found.spec.names.includes(word)) return undefined;
    return found;
  }

  get(name: string): PluginDefinition | undefined {
    return this.plugins.find((plugin) => plugin.name === name);
  }
}
