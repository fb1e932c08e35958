import { definePlugin } from '../../src/plugins/plugin-definition.js';
import { assignConfigSchema } from './assign-config.js';
import { runAssign } from './run-assign.js';

/** `/assign`, `/unassign`, `/cc`, `/uncc`: Prow's assign plugin. */
export default definePlugin({
  name: 'assign',
  description:
    'Assigns people to issues and PRs, and requests PR reviews from people or teams, as Prow does; GitHub decides who can be assigned or asked. Unlike Prow, logins compare case-insensitively within a comment, and the refusal links the configured contributor guide (docs/prow-compatibility.md).',
  configSchema: assignConfigSchema,
  events: [],
  commands: [
    {
      names: ['assign', 'unassign'],
      caseSensitive: false,
      on: 'both',
      help: {
        usage: '/[un]assign [[@]login ...]',
        description:
          'Assigns (or unassigns) the named people, or the commenter when none is named. Logins are separated by single spaces; teams cannot be assigned.',
        examples: ['/assign', '/unassign', '/assign @ana bob'],
        whoCanUse:
          'Anyone, but the people assigned must be org members, repository collaborators, or have commented on the issue or PR.',
        featured: true,
      },
    },
    {
      names: ['cc', 'uncc'],
      caseSensitive: false,
      on: 'pull-requests',
      help: {
        usage: '/[un]cc [[@]login|[@]org/team ...]',
        description:
          "Requests (or removes the request for) a review from the named people or teams of the repository's org, or from the commenter when none is named.",
        examples: ['/cc', '/uncc', '/cc @ana @acme/reviewers'],
        whoCanUse:
          'Anyone, but the reviewers must be collaborators of the repository (GitHub refuses others, and the PR author).',
        featured: true,
      },
    },
  ],
  handleCommands: runAssign,
});
