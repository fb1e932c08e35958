import { z } from 'zod';
import { definePlugin } from '../../src/plugins/plugin-definition.js';
import { decideHold } from './decide-hold.js';

const WHO = 'Anyone can use the /hold command to add or remove the hold label.';

/** `/hold`: keep a PR from merging with the `do-not-merge/hold` label, as Prow's hold plugin does. */
export default definePlugin({
  name: 'hold',
  description: 'Adds or removes the do-not-merge/hold label, which keeps a pull request from merging.',
  configSchema: z.strictObject({
    label: z.string().min(1).default('do-not-merge/hold').describe('The label that holds a pull request.'),
  }),
  events: [],
  commands: [
    {
      names: ['hold'],
      caseSensitive: false,
      on: 'pull-requests',
      help: {
        usage: '/hold [cancel]',
        description: 'Adds or removes the `do-not-merge/hold` label, used to keep a PR from merging.',
        examples: ['/hold', '/hold cancel'],
        whoCanUse: WHO,
        featured: true,
      },
    },
    {
      names: ['unhold', 'remove-hold'],
      caseSensitive: false,
      on: 'pull-requests',
      help: {
        usage: '/unhold, /remove-hold',
        description: 'Removes the `do-not-merge/hold` label.',
        examples: ['/unhold', '/remove-hold'],
        whoCanUse: WHO,
      },
    },
  ],
  async handleCommands({ comment, commands, config, github }) {
    const action = decideHold(commands, comment.labels, config.label);
    if (!action) return;
    const target = { owner: comment.repo.owner, repo: comment.repo.name, issue_number: comment.number };
    if (action.type === 'add-label') {
      await github.rest.issues.addLabels({ ...target, labels: [action.label] });
      return;
    }
    try {
      await github.rest.issues.removeLabel({ ...target, name: action.label });
    } catch (error) {
      // Someone removed it meanwhile: the goal is met.
      if ((error as { status?: number }).status !== 404) throw error;
    }
  },
});
