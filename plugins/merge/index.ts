import { definePlugin } from '../../src/plugins/plugin-definition.js';
import { mergeConfigSchema } from './merge-config.js';
import { runMerge } from './run-merge.js';

/** A small Tide: merges a PR once it has its labels and passing checks. Off by default. */
export default definePlugin({
  name: 'merge',
  description:
    'A small Tide, off by default (plugins.merge.enabled: true turns it on): merges a pull request with the configured method once it has lgtm and approved, no do-not-merge/* label, and passing required checks. It acts on label, push, check and status events (no polling), reads the PR and its checks again just before merging, merges at exactly the head it checked, and reports a refused merge on the PR. Unlike Tide it merges one PR at a time as events come (no batches, no merge pool, no tide status context).',
  configSchema: mergeConfigSchema,
  events: ['pull_request', 'check_run', 'check_suite', 'workflow_run', 'status'],
  commands: [],
  handleEvent: runMerge,
});
