import { definePlugin } from '../../src/plugins/plugin-definition.js';
import { helpConfigSchema } from './help-config.js';
import { runHelp } from './run-help.js';

/** `/help` and `/good-first-issue`: Prow's help plugin. */
export default definePlugin({
  name: 'help',
  description:
    'Marks open issues as needing help (help wanted) or suitable for new contributors (good first issue), with guidelines for the issue, as Prow does; removing a label deletes the guidelines replies Sheriff posted.',
  configSchema: helpConfigSchema,
  events: [],
  commands: [
    {
      names: ['help', 'remove-help'],
      caseSensitive: false,
      on: 'issues',
      help: {
        usage: '/[remove-]help',
        description:
          'Adds the `help wanted` label and replies with the guidelines; `/remove-help` removes it, and `good first issue` too. Open issues only.',
        examples: ['/help', '/remove-help'],
        whoCanUse: 'Anyone.',
      },
    },
    {
      names: ['good-first-issue', 'remove-good-first-issue'],
      caseSensitive: false,
      on: 'issues',
      help: {
        usage: '/[remove-]good-first-issue',
        description:
          'Adds the `good first issue` label (and `help wanted`) and replies with the guidelines; the remove form removes `good first issue` only. Open issues only.',
        examples: ['/good-first-issue', '/remove-good-first-issue'],
        whoCanUse: 'Anyone.',
      },
    },
  ],
  handleCommands: runHelp,
});
