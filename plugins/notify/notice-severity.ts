import { compileJobPattern } from '../../src/areas/job-pattern.js';
import type { AreaSeverity } from '../../src/areas/service-area-schema.js';
import type { ReleaseNotice } from '../../src/notifications/release-notice.js';
import type { NotifyConfig } from './notify-config.js';

const RANK: Record<AreaSeverity, number> = { info: 0, warning: 1, critical: 2 };

/** Whether news of `severity` reaches a subscriber asking for at least `minimum` (Flagger's alert rule). */
export function meetsMinimum(severity: AreaSeverity, minimum: AreaSeverity): boolean {
  return RANK[severity] >= RANK[minimum];
}

/**
 * The notice's severity for sending: the first `plugins.notify.severities` entry naming its job,
 * else what the tracker routed (the area's `severity`).
 *
 * @example
 * noticeSeverity(notice, { ...config, severities: [{ jobs: ['post-*'], severity: 'info' }] }); // 'info'
 */
export function noticeSeverity(notice: ReleaseNotice, config: NotifyConfig): AreaSeverity {
  for (const entry of config.severities) {
    for (const pattern of entry.jobs) {
      const compiled = compileJobPattern(pattern);
      if (compiled.ok && compiled.test(notice.job)) return entry.severity;
    }
  }
  return notice.severity;
}
