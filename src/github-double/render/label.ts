import type { LabelRecord, RepoRecord } from '../double-state.js';
import { legacyNodeId } from '../identity.js';
import type { Links } from '../routes/route-types.js';

/**
 * GitHub's `label` object.
 *
 * @example
 * renderLabel(repo, repo.labels.get('lgtm')!, links).name; // 'lgtm'
 */
export function renderLabel(repo: RepoRecord, label: LabelRecord, links: Links) {
  return {
    id: label.id,
    node_id: legacyNodeId('Label', label.id),
    url: `${links.api}/repos/${repo.fullName}/labels/${encodeURIComponent(label.name)}`,
    name: label.name,
    color: label.color,
    default: label.default,
    description: label.description,
  };
}

/** Renders label names as they sit on an issue (names whose label was since deleted are skipped). */
export function renderIssueLabels(repo: RepoRecord, names: readonly string[], links: Links) {
  return names.flatMap((name) => {
    const label = repo.labels.get(name.toLowerCase());
    return label ? [renderLabel(repo, label, links)] : [];
  });
}
