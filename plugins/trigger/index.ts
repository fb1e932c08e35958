import { accessRuleSchema } from '../../src/permissions/access-rule.js';
import { describeAccessRule } from '../../src/permissions/describe-access-rule.js';
import { definePlugin } from '../../src/plugins/plugin-definition.js';
import { RUN_PRESUBMIT, runPresubmitJob } from './run-presubmit-job.js';
import { runTriggerCommands } from './run-trigger-commands.js';
import { runTriggerEvents } from './run-trigger-events.js';
import { DEFAULT_TRUST, triggerConfigSchema } from './trigger-config.js';

/** Who may run checks, given who is trusted. */
function whoRuns(trusted: string): string {
  return `Anyone on a trusted pull request (its author is trusted, or it has ok-to-test for its current commit); on any pull request: ${trusted}.`;
}

const TRUSTED = describeAccessRule(accessRuleSchema.parse(DEFAULT_TRUST)).replace(/\.$/, '');
const CONFIGURABLE = ' A repository can change who is trusted with plugins.trigger.trust.';
const WHO_RUNS = `${whoRuns(TRUSTED)}${CONFIGURABLE}`;
const WHO_CLEARS = `${TRUSTED}.${CONFIGURABLE}`;

/**
 * Prow's trigger for GitHub Actions, other apps' checks and Prow presubmits (through Gangway):
 * `/retest`, `/retest-required`, `/test`, `/test-manual-required`, `/ok-to-test`, with Prow's
 * trust rules, each decision bound to the commit the commenter saw.
 */
export default definePlugin({
  name: 'trigger',
  description:
    "Re-runs the checks of a pull request's head (GitHub Actions workflow runs, other apps' check suites, and Prow presubmits through Prow's Gangway) on /retest and /test, with Prow's trust rules: untrusted authors' PRs need /ok-to-test from a trusted user, and get needs-ok-to-test when opened. Unlike Prow, ok-to-test clears only the commit it was given for (a new push needs a new one), commands act only on the head the commenter could have seen, /ok-to-test approves GitHub's held fork runs rather than re-running every Actions workflow (Prow jobs that run without being asked are started), and a /retest with nothing to re-run gets a reply.",
  configSchema: triggerConfigSchema,
  events: ['pull_request'],
  commands: [
    {
      names: ['retest'],
      caseSensitive: true,
      stripFences: true,
      on: 'pull-requests',
      help: {
        usage: '/retest',
        description:
          "Re-runs the failed checks of the PR head, optional ones too (Prow's /retest): the failed jobs of GitHub Actions workflow runs, the check suites of other apps, and failed Prow jobs (with the listed presubmits that should have run and have not reported). The command word is case-sensitive; it is ignored inside code fences.",
        examples: ['/retest'],
        whoCanUse: WHO_RUNS,
        featured: true,
      },
    },
    {
      names: ['retest-required'],
      caseSensitive: true,
      stripFences: true,
      on: 'pull-requests',
      help: {
        usage: '/retest-required',
        description:
          'As /retest, for the required checks and Prow jobs only (plugins.trigger.requiredChecks; a listed presubmit unless optional).',
        examples: ['/retest-required'],
        whoCanUse: WHO_RUNS,
      },
    },
    {
      names: ['test-manual-required'],
      caseSensitive: true,
      stripFences: true,
      on: 'pull-requests',
      help: {
        usage: '/test-manual-required',
        description:
          'Runs the required Prow presubmits that run only when asked for (listed in plugins.trigger.presubmits without alwaysRun or file conditions), through Gangway.',
        examples: ['/test-manual-required'],
        whoCanUse: WHO_RUNS,
      },
    },
    {
      names: ['test'],
      caseSensitive: true,
      stripFences: true,
      on: 'pull-requests',
      help: {
        usage: '/test (<check>...|all|?)',
        description:
          'Runs the named checks of the PR head again (a workflow by name, a check run of another app, or a Prow job), or with `all` every finished check and the Prow jobs that run without being asked; `/test ?` lists them, required first.',
        examples: ['/test ci', '/test all', '/test ?'],
        whoCanUse: WHO_RUNS,
        featured: true,
      },
    },
    {
      names: ['ok-to-test'],
      caseSensitive: true,
      stripFences: true,
      on: 'pull-requests',
      help: {
        usage: '/ok-to-test [cancel]',
        description:
          "Clears a PR from an untrusted author for testing at its current commit: adds ok-to-test, removes needs-ok-to-test, and approves GitHub Actions runs waiting for a maintainer's approval. `/ok-to-test cancel` revokes it.",
        examples: ['/ok-to-test', '/ok-to-test cancel'],
        whoCanUse: WHO_CLEARS,
      },
    },
  ],
  whoCanUseIn(spec, config, repository) {
    const trusted = describeAccessRule(config.trust, { owner: repository.owner }).replace(/\.$/, '');
    return spec.names.includes('ok-to-test') ? `${trusted}.` : whoRuns(trusted);
  },
  handleCommands: runTriggerCommands,
  handleEvent: runTriggerEvents,
  jobs: { [RUN_PRESUBMIT]: runPresubmitJob },
});
