import { accessRuleSchema } from '../../src/permissions/access-rule.js';
import { describeAccessRule } from '../../src/permissions/describe-access-rule.js';
import { type BackgroundContext, definePlugin } from '../../src/plugins/plugin-definition.js';
import { SIGNAL_EVENTS } from './normalize-signal.js';
import { DEFAULT_TRACKER_ACCESS, releaseTrackerConfigSchema } from './release-tracker-config.js';
import { runIssueActivity } from './run-issue-activity.js';
import { HELD_NOTICES_SCHEDULE } from './release-held-notices.js';
import { JOB_RUN_RETENTION_SCHEDULE } from './job-run-retention.js';
import { runFlaggerSignal } from './run-flagger-signal.js';
import { FRESHNESS_INTERVAL_MS, runFreshnessWatchdog } from './run-freshness-watchdog.js';
import { runJobSignal } from './run-job-signal.js';
import { runStormCheck, STORM_CHECK_JOB } from './run-storm-check.js';
import { runTrackerCommands } from './run-tracker-commands.js';

const WHO = `${describeAccessRule(accessRuleSchema.parse(DEFAULT_TRACKER_ACCESS))} A repository can change this with plugins.release-tracker.access.`;
const SIGNALS: readonly string[] = SIGNAL_EVENTS;
/** The event Flagger posts are stored under (`POST /api/v1/flagger`). */
const FLAGGER_EVENT = 'flagger';
/** The freshness watchdog: a schedule in the store, so it survives restarts and runs once across replicas. */
const FRESHNESS_SCHEDULE = {
  name: 'freshness',
  intervalMs: FRESHNESS_INTERVAL_MS,
  run: async (context: BackgroundContext) => {
    await runFreshnessWatchdog(context);
    return null;
  },
};

/**
 * The release-failure tracker: every failing release job gets exactly one tracking issue, its
 * owners are tagged, and it closes itself when the job recovers. Signals: crier statuses, check
 * runs and suites, Actions workflow runs and jobs, ProwJobs posted to `/api/v1/prowjobs`, Flagger
 * canaries posted to `/api/v1/flagger`, and the freshness watchdog's runs (a schedule).
 */
export default definePlugin({
  name: 'release-tracker',
  description:
    'Opens one tracking issue per failing release job (Prow postsubmits and periodics, release workflows), tags the owners of its service area, keeps the issue current without comment storms, and closes it when the job passes again.',
  configSchema: releaseTrackerConfigSchema,
  events: [...SIGNAL_EVENTS, FLAGGER_EVENT, 'issues', 'issue_comment'],
  commands: [
    {
      names: ['ack'],
      caseSensitive: false,
      on: 'issues',
      help: {
        usage: '/ack',
        description:
          "On a release tracking issue: you are on it. Assigns you and stops the issue's reminders until the job recovers.",
        examples: ['/ack'],
        whoCanUse: WHO,
      },
    },
    {
      names: ['snooze'],
      caseSensitive: false,
      on: 'issues',
      help: {
        usage: '/snooze <duration>',
        description:
          'On a release tracking issue: no comments for a while (m, h, d or w; at most 30 days). The status block stays current.',
        examples: ['/snooze 1d', '/snooze 4h', '/snooze 1d12h'],
        whoCanUse: WHO,
      },
    },
    {
      names: ['mute'],
      caseSensitive: false,
      on: 'issues',
      help: {
        usage: '/mute',
        description:
          'On a release tracking issue: Sheriff stops tracking the job (no new issue, no update, no close) until /unmute. Runs are still recorded.',
        examples: ['/mute'],
        whoCanUse: WHO,
      },
    },
    {
      names: ['unmute'],
      caseSensitive: false,
      on: 'issues',
      help: {
        usage: '/unmute',
        description: 'On a release tracking issue: Sheriff tracks the job again from its next run.',
        examples: ['/unmute'],
        whoCanUse: WHO,
      },
    },
  ],
  // The access rule is per repository: /sheriff commands says what it is in the one asked about.
  whoCanUseIn: (_spec, config, repository) => describeAccessRule(config.access, { owner: repository.owner }),
  handleCommands: runTrackerCommands,
  jobs: { [STORM_CHECK_JOB]: { run: runStormCheck } },
  schedules: [HELD_NOTICES_SCHEDULE, FRESHNESS_SCHEDULE, JOB_RUN_RETENTION_SCHEDULE],
  async handleEvent(context) {
    if (context.event.name === FLAGGER_EVENT) await runFlaggerSignal(context);
    else if (SIGNALS.includes(context.event.name)) await runJobSignal(context);
    else await runIssueActivity(context);
  },
});
