import type { PluginDefinition } from '../src/plugins/plugin-definition.js';
import approve from './approve/index.js';
import assign from './assign/index.js';
import { createConfigCheckPlugin } from './config-check/index.js';
import help from './help/index.js';
import hold from './hold/index.js';
import label from './label/index.js';
import lgtm from './lgtm/index.js';
import lifecycle from './lifecycle/index.js';
import merge from './merge/index.js';
import notify from './notify/index.js';
import notifyOwners from './notify-owners/index.js';
import ownersLabel from './owners-label/index.js';
import releaseTracker from './release-tracker/index.js';
import retestRelease from './retest-release/index.js';
import sheriffCommands from './sheriff-commands/index.js';
import trigger from './trigger/index.js';

/** Every plugin Sheriff ships, one folder each. Adding a plugin means adding it here. */
export const BUILTIN_PLUGINS: readonly PluginDefinition[] = [
  // Validates the config against every plugin, itself included, so it reads the list lazily.
  createConfigCheckPlugin(() => BUILTIN_PLUGINS) as unknown as PluginDefinition,
  approve as unknown as PluginDefinition,
  assign as unknown as PluginDefinition,
  help as unknown as PluginDefinition,
  hold as unknown as PluginDefinition,
  label as unknown as PluginDefinition,
  lgtm as unknown as PluginDefinition,
  lifecycle as unknown as PluginDefinition,
  merge as unknown as PluginDefinition,
  notify as unknown as PluginDefinition,
  notifyOwners as unknown as PluginDefinition,
  ownersLabel as unknown as PluginDefinition,
  releaseTracker as unknown as PluginDefinition,
  retestRelease as unknown as PluginDefinition,
  sheriffCommands as unknown as PluginDefinition,
  trigger as unknown as PluginDefinition,
];
