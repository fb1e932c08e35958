import { describeAccessRule } from '../../src/permissions/describe-access-rule.js';
import { accessRuleSchema } from '../../src/permissions/access-rule.js';
import { definePlugin } from '../../src/plugins/plugin-definition.js';
import { DEFAULT_RETEST_RELEASE_ACCESS, retestReleaseConfigSchema } from './retest-release-config.js';
import { RERUN_JOB } from './rerun-job-data.js';
import { runRerunJob } from './run-rerun-job.js';
import { runRetestRelease } from './run-retest-release.js';

const WHO = `${describeAccessRule(accessRuleSchema.parse(DEFAULT_RETEST_RELEASE_ACCESS))} The job's repository can change this with plugins.retest-release.access.`;

/**
 * `/retest-release`: re-run failed release jobs from a comment, on GitHub Actions, check suites,
 * Prow (through Gangway) or a custom pipeline (`repository_dispatch`), chosen from the run the
 * release tracker recorded. Who may, how often, and what happened are all recorded.
 */
export default definePlugin({
  name: 'retest-release',
  description:
    'Re-runs failed release jobs from a comment (/retest-release) on a tracking issue, a merged pull request, or any issue naming a job or commit: GitHub Actions, check suites, Prow via Gangway, or a repository_dispatch. Guarded by an access rule, an hourly limit and an in-flight check; every re-run is audited.',
  configSchema: retestReleaseConfigSchema,
  events: [],
  commands: [
    {
      names: ['retest-release'],
      caseSensitive: false,
      on: 'both',
      help: {
        usage: '/retest-release [--list | <job>... | <commit>]',
        description:
          "Re-runs failed release jobs: on a tracking issue its job; on a merged pull request the failed release runs of its merge commit; with a commit SHA that commit's; with job names those jobs' latest failed runs (quote names with spaces). --list shows what could be re-run. One reply lists each job with its new run, or why it was not re-run.",
        examples: [
          '/retest-release',
          '/retest-release post-lambda-controller-release',
          '/retest-release "publish (lambda, helm-chart)"',
          '/retest-release c342365ab463',
          '/retest-release --list',
        ],
        whoCanUse: WHO,
        featured: true,
      },
    },
  ],
  whoCanUseIn: (_spec, config, repository) =>
    `${describeAccessRule(config.access, { owner: repository.owner })} For a job of another repository, that repository's rule applies.`,
  handleCommands: runRetestRelease,
  jobs: {
    [RERUN_JOB]: { maxAttempts: 5, run: runRerunJob },
  },
});
