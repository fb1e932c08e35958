import type { HelpMessageKind } from './decide-help.js';
import type { HelpConfig } from './help-config.js';

/** The first line of each reply: Prow's, and how Sheriff recognises its own replies to prune. */
export const HELP_HEADLINES: Readonly<Record<HelpMessageKind, string>> = {
  help: 'This request has been marked as needing help from a contributor.',
  'good-first-issue': 'This request has been marked as suitable for new contributors.',
};

const PROW_GUIDELINES = [
  '### Guidelines',
  'Please ensure that the issue body includes answers to the following questions:',
  '- Why are we solving this issue?',
  '- To address this issue, are there any code changes? If there are code changes, what needs to be done in the code and what places can the assignee treat as reference points?',
  '- Does this issue have zero to low barrier of entry?',
  '- How can the assignee reach out to you for help?',
].join('\n');

/**
 * Prow's help and good-first-issue replies: the headline, the guidelines (or the configured
 * summary), the link to the guidelines, and how to remove the label.
 *
 * @example
 * renderHelpMessage('help', { guidelinesUrl: 'https://example.com/help' });
 * // 'This request has been marked as needing help from a contributor.\n\n### Guidelines\n...'
 */
export function renderHelpMessage(kind: HelpMessageKind, config: HelpConfig): string {
  const removal = kind === 'help' ? '/remove-help' : '/remove-good-first-issue';
  return [
    HELP_HEADLINES[kind],
    '',
    config.guidelinesSummary ?? PROW_GUIDELINES,
    '',
    `For more details on the requirements of such an issue, please see [here](${config.guidelinesUrl}) and ensure that they are met.`,
    '',
    'If this request no longer meets these requirements, the label can be removed',
    `by commenting with the \`${removal}\` command.`,
  ].join('\n');
}
