import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { BUILTIN_PLUGINS } from '../../plugins/index.js';
import { definePlugin } from '../../src/plugins/plugin-definition.js';
import { buildPluginHelp, renderCommandsMarkdown } from '../../src/plugins/plugin-help.js';
import { PluginRegistry } from '../../src/plugins/plugin-registry.js';
import { generatedDocuments } from '../../scripts/generate-docs.js';

const registry = new PluginRegistry(BUILTIN_PLUGINS);
const root = new URL('../../', import.meta.url);

describe('the plugin registry and everything generated from it', () => {
  it('keeps docs/commands.md and docs/config.schema.json current (run `npm run docs`)', () => {
    for (const [file, content] of Object.entries(generatedDocuments())) {
      expect(readFileSync(new URL(file, root), 'utf8')).toBe(content);
    }
  });

  it('lists the same commands in the registry, PluginHelp and docs/commands.md', () => {
    const usages = registry.plugins.flatMap((plugin) => plugin.commands.map((spec) => spec.help.usage));
    const help = buildPluginHelp(registry, [{ Org: 'acme', Repo: 'widgets' }]);
    expect(help.Commands.map((command) => command.Usage)).toEqual(usages);
    const documented = [...renderCommandsMarkdown(registry).matchAll(/^### `(.+)`$/gm)].map(
      (match) => match[1],
    );
    expect(documented).toEqual(usages);
    expect(Object.keys(help.Config)).toEqual(['acme/widgets']);
  });

  it('routes every command word to exactly one plugin, honouring case rules', () => {
    expect(registry.findCommand('hold')?.plugin.name).toBe('hold');
    expect(registry.findCommand('HOLD')?.plugin.name).toBe('hold');
    expect(registry.findCommand('unknown')).toBeUndefined();
    // Prow's label commands are case-sensitive: `/Kind bug` is not a command.
    expect(registry.findCommand('kind')?.plugin.name).toBe('label');
    expect(registry.findCommand('Kind')).toBeUndefined();
    expect(registry.findCommand('LGTM')?.plugin.name).toBe('lgtm');
  });

  it('refuses two plugins claiming one command word', () => {
    const clash = definePlugin({
      name: 'other',
      description: 'test',
      configSchema: z.strictObject({}),
      events: [],
      commands: [
        {
          names: ['Hold'],
          caseSensitive: false,
          on: 'both',
          help: { usage: '/Hold', description: 'd', examples: [], whoCanUse: 'Anyone' },
        },
      ],
    });
    expect(() => new PluginRegistry([...BUILTIN_PLUGINS, clash as never])).toThrow(
      /claimed by both hold and other/,
    );
  });
});
