import { definePlugin } from '../../src/plugins/plugin-definition.js';
import { type LabelConfig, labelConfigSchema } from './label-config.js';
import { LABEL_CATEGORIES } from './parse-labels.js';
import { runLabel } from './run-label.js';

const CATEGORY_WORDS = LABEL_CATEGORIES.join('|');
const WHO =
  'Anyone, except that only org members may add triage/accepted and only the allowed users and teams may set a restricted label.';

/** Who may use the label commands under one repository's config: its restricted labels, by name. */
function whoCanUseIn(config: LabelConfig): string {
  if (config.restrictedLabels.length === 0) return WHO;
  const limits = config.restrictedLabels.map((restricted) => {
    const who = [...restricted.allowedUsers, ...restricted.allowedTeams.map((team) => `members of ${team}`)];
    return `${restricted.label} only by ${who.length > 0 ? who.join(' or ') : 'no one'}`;
  });
  return `Anyone, except that only org members may add triage/accepted; restricted labels: ${limits.join('; ')}.`;
}

/** `/kind bug`, `/remove-area ui`, `/label x`: Prow's label plugin. */
export default definePlugin({
  name: 'label',
  description:
    'Adds and removes category labels (kind/bug, area/ui, ...) and configured labels, as Prow does: command words are case-sensitive, HTML comments are ignored, and a label the repository lacks is not created unless createMissingLabels is on. Unlike Prow, a bare category command is read on its own (Prow joins it to the next line) and /areas is not /area (docs/prow-compatibility.md).',
  configSchema: labelConfigSchema,
  events: [],
  commands: [
    {
      names: [...LABEL_CATEGORIES],
      caseSensitive: true,
      stripHtmlComments: true,
      on: 'both',
      help: {
        usage: `/[${CATEGORY_WORDS}] <value> [<value> ...]`,
        description:
          'Adds `<category>/<value>` for each value, lower-cased (`/kind Bug` adds kind/bug). The label must exist in the repository.',
        examples: ['/kind bug', '/area ui api', '/priority critical-urgent', '/triage accepted'],
        whoCanUse: WHO,
      },
    },
    {
      names: LABEL_CATEGORIES.map((category) => `remove-${category}`),
      caseSensitive: true,
      stripHtmlComments: true,
      on: 'both',
      help: {
        usage: `/remove-[${CATEGORY_WORDS}] <value> [<value> ...]`,
        description:
          'Removes `<category>/<value>` for each value. Removing the last kind, priority, sig or triage label brings back `needs-<category>` if the repository has it.',
        examples: ['/remove-kind bug', '/remove-area ui'],
        whoCanUse: WHO,
      },
    },
    {
      names: ['label', 'remove-label'],
      caseSensitive: true,
      stripHtmlComments: true,
      on: 'both',
      help: {
        usage: '/[remove-]label <label>',
        description:
          'Adds or removes one label listed in `plugins.label.additionalLabels` or `plugins.label.restrictedLabels`; other labels get a reply.',
        examples: ['/label tide/merge-method-squash', '/remove-label tide/merge-method-squash'],
        whoCanUse: WHO,
      },
    },
  ],
  whoCanUseIn: (_spec, config) => whoCanUseIn(config),
  handleCommands: runLabel,
});
