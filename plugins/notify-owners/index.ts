import { accessRuleSchema } from '../../src/permissions/access-rule.js';
import { describeAccessRule } from '../../src/permissions/describe-access-rule.js';
import { definePlugin } from '../../src/plugins/plugin-definition.js';
import { DEFAULT_NOTIFY_OWNERS_ACCESS, notifyOwnersConfigSchema } from './notify-owners-config.js';
import { runNotifyOwners } from './run-notify-owners.js';

const WHO = `${describeAccessRule(accessRuleSchema.parse(DEFAULT_NOTIFY_OWNERS_ACCESS))} A repository can change this with plugins.notify-owners.access.`;

/**
 * `/notify-owners`: one comment mentioning the owners of service areas (OWNERS files and the
 * `areas` of `.github/sheriff.yml`), never pinging the same person twice on an issue within the
 * cool-down.
 */
export default definePlugin({
  name: 'notify-owners',
  description:
    'Mentions the approvers (and, if configured, reviewers) of service areas on an issue or PR, saying where each came from; nobody is pinged twice on one issue within the cool-down.',
  configSchema: notifyOwnersConfigSchema,
  events: [],
  commands: [
    {
      names: ['notify-owners'],
      caseSensitive: false,
      on: 'both',
      help: {
        usage: '/notify-owners [area|path ...] [-- message]',
        description:
          "Mentions the owners of the named areas or paths in one comment. With no argument: the areas of the issue's labels, or of the PR's changed files. The commenter, the author and bots are not mentioned.",
        examples: [
          '/notify-owners',
          '/notify-owners s3',
          '/notify-owners lambda services/iam/role.go -- the v1.7.3 release is blocked',
        ],
        whoCanUse: WHO,
      },
    },
  ],
  // The access rule is per repository: /sheriff commands says what it is in the one asked about.
  whoCanUseIn: (_spec, config, repository) => describeAccessRule(config.access, { owner: repository.owner }),
  handleCommands: runNotifyOwners,
});
