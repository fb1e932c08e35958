import type { PluginDefinition } from '../src/plugins/plugin-definition.js';
import { createConfigCheckPlugin } from './config-check/index.js';
import hold from './hold/index.js';
import notifyOwners from './notify-owners/index.js';
import ownersLabel from './owners-label/index.js';

/** Every plugin Sheriff ships, one folder each. Adding a plugin means adding it here. */
export const BUILTIN_PLUGINS: readonly PluginDefinition[] = [
  // Validates the config against every plugin, itself included, so it reads the list lazily.
  createConfigCheckPlugin(() => BUILTIN_PLUGINS) as unknown as PluginDefinition,
  hold as unknown as PluginDefinition,
  notifyOwners as unknown as PluginDefinition,
  ownersLabel as unknown as PluginDefinition,
];
