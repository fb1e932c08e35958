import type { Migration, MigrationProvider } from 'kysely';
import * as pipeline from './001-pipeline.js';
import * as repoConfigs from './002-repo-configs.js';
import * as ownerPings from './003-owner-pings.js';
import * as releaseTracker from './004-release-tracker.js';
import * as approvalStates from './005-approval-states.js';
import * as triggerPullStates from './006-trigger-pull-states.js';
import * as rerunAudit from './007-rerun-audit.js';
import * as freshness from './008-freshness.js';
import * as storms from './009-storms.js';
import * as notifications from './010-notifications.js';
import * as jobDedupe from './011-job-dedupe.js';
import * as payloadEncoding from './012-payload-encoding.js';
import * as jobsStatistics from './013-jobs-statistics.js';

/**
 * Migrations are listed in code, not discovered on disk, so the compiled `dist/` and the test
 * runner see the same ordered set. Names sort lexically; never rename or edit an applied one.
 */
const migrations: Record<string, Migration> = {
  '001-pipeline': pipeline,
  '002-repo-configs': repoConfigs,
  '003-owner-pings': ownerPings,
  '004-release-tracker': releaseTracker,
  '005-approval-states': approvalStates,
  '006-trigger-pull-states': triggerPullStates,
  '007-rerun-audit': rerunAudit,
  '008-freshness': freshness,
  '009-storms': storms,
  '010-notifications': notifications,
  '011-job-dedupe': jobDedupe,
  '012-payload-encoding': payloadEncoding,
  '013-jobs-statistics': jobsStatistics,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => migrations,
};
