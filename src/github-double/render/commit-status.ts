import type { CommitStatusRecord, DoubleState, RepoRecord } from '../double-state.js';
import { legacyNodeId } from '../identity.js';
import type { Links } from '../routes/route-types.js';
import { isoTime } from './timestamps.js';
import { renderUser } from './user.js';

/**
 * GitHub's commit `status` object.
 *
 * @example
 * renderCommitStatus(state, repo, status, links).context; // 'post-lambda-release'
 */
export function renderCommitStatus(
  state: DoubleState,
  repo: RepoRecord,
  status: CommitStatusRecord,
  links: Links,
) {
  const creator = renderUser(state, status.creator, links);
  return {
    url: `${links.api}/repos/${repo.fullName}/statuses/${status.sha}`,
    avatar_url: creator.avatar_url,
    id: status.id,
    node_id: legacyNodeId('StatusContext', status.id),
    state: status.state,
    description: status.description,
    target_url: status.targetUrl,
    context: status.context,
    created_at: isoTime(status.createdAt),
    updated_at: isoTime(status.updatedAt),
    creator,
  };
}

/** The newest status of each context, newest first: what the combined status summarises. */
export function latestPerContext(statuses: readonly CommitStatusRecord[]): CommitStatusRecord[] {
  const latest = new Map<string, CommitStatusRecord>();
  for (const status of [...statuses].reverse())
    if (!latest.has(status.context)) latest.set(status.context, status);
  return [...latest.values()];
}

/** GitHub's rule: failure if any context failed or errored, pending if any is pending or none exist. */
export function combinedState(latest: readonly CommitStatusRecord[]): 'failure' | 'pending' | 'success' {
  if (latest.some((status) => status.state === 'failure' || status.state === 'error')) return 'failure';
  if (latest.length === 0 || latest.some((status) => status.state === 'pending')) return 'pending';
  return 'success';
}
