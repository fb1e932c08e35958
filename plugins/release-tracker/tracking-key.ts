import type { JobRun } from './job-run.js';
import type { ReleaseTrackerConfig } from './release-tracker-config.js';

/**
 * What one tracking issue is about: `<owner>/<repo>/<job>` (the repository is always part of it:
 * ACK's `update-ack-chart` has the same name in every controller repository), plus `@<ref>` when
 * `key` is `repo+job+ref`. The repository is lower-cased (GitHub names are case-insensitive);
 * job and ref are URI-encoded, so the key has no spaces and ends the marker cleanly.
 *
 * @example
 * trackingKeyOf(run, 'repo+job'); // 'example-ack/lambda-controller/post-lambda-controller-release'
 * trackingKeyOf(run, 'repo+job+ref'); // 'example-ack/lambda-controller/post-lambda-controller-release@v1.7.3'
 */
export function trackingKeyOf(run: JobRun, mode: ReleaseTrackerConfig['key']): string {
  const base = `${run.repository.toLowerCase()}/${encodeURIComponent(run.job)}`;
  return mode === 'repo+job+ref' && run.ref ? `${base}@${encodeURIComponent(run.ref)}` : base;
}
