import { definePlugin } from '../../src/plugins/plugin-definition.js';
import { type LgtmConfig, lgtmConfigSchema } from './lgtm-config.js';
import { runLgtmEvent } from './run-lgtm-events.js';
import { runLgtmCommand } from './run-lgtm.js';

const COLLABORATORS =
  "Collaborators on the repository (GitHub's OWNER, MEMBER or COLLABORATOR association counts). '/lgtm cancel' can be used additionally by the PR author.";
const OWNERS_REVIEWERS =
  "OWNERS approvers and reviewers of the PR's changed files. '/lgtm cancel' can be used additionally by the PR author.";

/** Who may use /lgtm under a repository's lgtm config. */
function whoCanUse(config: LgtmConfig): string {
  return config.reviewersFromOwners ? OWNERS_REVIEWERS : COLLABORATORS;
}

/** `/lgtm`: Prow's lgtm plugin. */
export default definePlugin({
  name: 'lgtm',
  description:
    'Adds or removes the lgtm label, which gates merging, as Prow does: the PR author cannot lgtm their own PR, a collaborator who lgtms is assigned, and new commits remove the label. Unlike Prow, an OWNER, MEMBER or COLLABORATOR association counts as a collaborator without asking GitHub, and keepOnUnchangedTree compares the trees of the pushed commits instead of a tree hash stored in a comment (docs/prow-compatibility.md).',
  configSchema: lgtmConfigSchema,
  events: ['pull_request', 'pull_request_review'],
  commands: [
    {
      names: ['lgtm', 'remove-lgtm'],
      caseSensitive: false,
      on: 'pull-requests',
      help: {
        usage: '/[remove-]lgtm [cancel]',
        description:
          'Adds or removes the `lgtm` label, which is typically used to gate merging. Nothing may follow `/lgtm` but `no-issue` or `cancel`.',
        examples: ['/lgtm', '/lgtm cancel', '/remove-lgtm'],
        whoCanUse: COLLABORATORS,
        featured: true,
      },
    },
  ],
  whoCanUseIn: (_spec, config) => whoCanUse(config),
  handleCommands: runLgtmCommand,
  handleEvent: runLgtmEvent,
});
