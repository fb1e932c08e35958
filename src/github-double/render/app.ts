import type { DoubleState, InstallationRecord } from '../double-state.js';
import { legacyNodeId } from '../identity.js';
import type { Links } from '../routes/route-types.js';
import { isoTime } from './timestamps.js';
import { renderUser } from './user.js';

/** What the double's App may do; fixed, since the double does not enforce permissions. */
export const APP_PERMISSIONS = {
  actions: 'write',
  checks: 'write',
  contents: 'read',
  issues: 'write',
  members: 'read',
  metadata: 'read',
  pull_requests: 'write',
  statuses: 'write',
} as const;

export const APP_EVENTS = [
  'check_run',
  'check_suite',
  'issue_comment',
  'issues',
  'pull_request',
  'status',
  'workflow_job',
  'workflow_run',
];

/**
 * GitHub's `integration` object: the App itself, as `GET /app` and check runs show it.
 *
 * @example
 * renderApp(state, links).slug; // 'sheriff'
 */
export function renderApp(state: DoubleState, links: Links) {
  const created = isoTime(state.now);
  return {
    id: state.app.id,
    slug: state.app.slug,
    node_id: legacyNodeId('Integration', state.app.id),
    client_id: `Iv1.${state.app.slug}`,
    owner: renderUser(state, state.app.owner, links),
    name: state.app.name,
    description: null,
    external_url: `${links.web}/apps/${state.app.slug}`,
    html_url: `${links.web}/apps/${state.app.slug}`,
    created_at: created,
    updated_at: created,
    permissions: APP_PERMISSIONS,
    events: APP_EVENTS,
    installations_count: state.installations.length,
  };
}

/** GitHub's `installation` object. */
export function renderInstallation(state: DoubleState, installation: InstallationRecord, links: Links) {
  const account = renderUser(state, installation.account, links);
  const created = isoTime(installation.createdAt);
  return {
    id: installation.id,
    account,
    repository_selection: installation.repositories === 'all' ? 'all' : 'selected',
    access_tokens_url: `${links.api}/app/installations/${installation.id}/access_tokens`,
    repositories_url: `${links.api}/installation/repositories`,
    html_url: `${links.web}/settings/installations/${installation.id}`,
    app_id: state.app.id,
    app_slug: state.app.slug,
    target_id: account.id,
    target_type: account.type === 'Organization' ? 'Organization' : 'User',
    permissions: APP_PERMISSIONS,
    events: APP_EVENTS,
    created_at: created,
    updated_at: created,
    single_file_name: null,
    has_multiple_single_files: false,
    single_file_paths: [],
    suspended_by: null,
    suspended_at: null,
  };
}
