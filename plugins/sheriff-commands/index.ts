import { z } from 'zod';
import { definePlugin } from '../../src/plugins/plugin-definition.js';
import { runSheriffCommands } from './run-sheriff-commands.js';

/** `/sheriff commands`: what Sheriff does in this repository, and who owns what the issue touches. */
export default definePlugin({
  name: 'sheriff-commands',
  description:
    "Answers /sheriff commands with the commands enabled in this repository, who may use each under this repository's config, and the owners of the areas the issue or PR touches. Prow has no such command.",
  configSchema: z.strictObject({}),
  events: [],
  commands: [
    {
      names: ['sheriff'],
      caseSensitive: false,
      on: 'both',
      help: {
        usage: '/sheriff commands',
        description:
          'Lists the commands enabled in this repository and who may use each, then the service areas the issue (by its labels) or PR (by its changed files) touches, with their owners (not mentioned).',
        examples: ['/sheriff commands'],
        whoCanUse: 'Anyone.',
      },
    },
  ],
  handleCommands: runSheriffCommands,
});
