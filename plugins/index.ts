import type { PluginDefinition } from '../src/plugins/plugin-definition.js';
import hold from './hold/index.js';

/** Every plugin Sheriff ships, one folder each. Adding a plugin means adding it here. */
export const BUILTIN_PLUGINS: readonly PluginDefinition[] = [hold as unknown as PluginDefinition];
