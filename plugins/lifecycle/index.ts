import { z } from 'zod';
import { definePlugin } from '../../src/plugins/plugin-definition.js';
import { runLifecycle } from './run-lifecycle.js';

const AUTHOR_OR_COLLABORATOR =
  "The author of the issue or PR, and collaborators (GitHub's OWNER, MEMBER or COLLABORATOR association counts).";

/** `/close`, `/reopen`, `/lifecycle`: Prow's lifecycle plugin. */
export default definePlugin({
  name: 'lifecycle',
  description:
    'Closes and reopens issues and PRs, and sets the mutually exclusive lifecycle/* labels, as Prow does. Unlike Prow, values are lower-cased (/lifecycle Stale sets lifecycle/stale) and an OWNER, MEMBER or COLLABORATOR association counts as a collaborator without asking GitHub (docs/prow-compatibility.md).',
  configSchema: z.strictObject({}),
  events: [],
  commands: [
    {
      names: ['close'],
      caseSensitive: false,
      on: 'both',
      help: {
        usage: '/close [not-planned]',
        description:
          'Closes the issue or PR; `not-planned` closes an issue as "Not Planned" (not a PR). No other text may follow.',
        examples: ['/close', '/close not-planned'],
        whoCanUse: `${AUTHOR_OR_COLLABORATOR} Anyone may close an issue or PR with lifecycle/stale or lifecycle/rotten.`,
      },
    },
    {
      names: ['reopen'],
      caseSensitive: false,
      on: 'both',
      help: {
        usage: '/reopen',
        description: 'Reopens a closed issue or PR.',
        examples: ['/reopen'],
        whoCanUse: AUTHOR_OR_COLLABORATOR,
      },
    },
    {
      names: ['lifecycle', 'remove-lifecycle'],
      caseSensitive: false,
      on: 'both',
      help: {
        usage: '/[remove-]lifecycle <frozen|stale|rotten|active>',
        description:
          'Adds (or removes) lifecycle/<value>; adding one removes the other lifecycle labels. lifecycle/frozen cannot be added to a PR.',
        examples: ['/lifecycle frozen', '/remove-lifecycle stale'],
        whoCanUse: 'Anyone.',
      },
    },
  ],
  handleCommands: runLifecycle,
});
