import { z } from 'zod';
import { areasConfigSchema } from '../areas/service-area-schema.js';
import type { PluginDefinition } from '../plugins/plugin-definition.js';

/** The repository config file, relative to the repository root. */
export const CONFIG_PATH = '.github/sheriff.yml';

/**
 * The schema of `.github/sheriff.yml`, composed from every plugin's own section. Unknown keys are
 * errors at every level (a typo must not silently turn a feature off).
 */
export function buildConfigSchema(plugins: readonly PluginDefinition[]) {
  const sections: Record<string, z.ZodType> = {};
  for (const plugin of plugins) {
    const own = plugin.configSchema instanceof z.ZodObject ? plugin.configSchema : z.strictObject({});
    sections[plugin.name] = z
      .strictObject({
        enabled: z
          .boolean()
          .default(true)
          .describe(`Whether the ${plugin.name} plugin runs in this repository.`),
      })
      .extend((own as z.ZodObject).shape)
      .prefault({})
      .describe(plugin.description);
  }
  return z
    .strictObject({
      areas: areasConfigSchema,
      plugins: z
        .strictObject(sections)
        .prefault({})
        .describe('Per-plugin settings; each plugin can be turned off.'),
    })
    .describe('Sheriff repository configuration (.github/sheriff.yml)');
}

export type ConfigSchema = ReturnType<typeof buildConfigSchema>;
export type SheriffConfig = z.output<ConfigSchema>;

/** The published JSON Schema (docs/config.schema.json), generated from the same zod schema. */
export function renderConfigJsonSchema(plugins: readonly PluginDefinition[]): string {
  const schema = z.toJSONSchema(buildConfigSchema(plugins), { io: 'input', unrepresentable: 'any' });
  return `${JSON.stringify(schema, null, 2)}\n`;
}
