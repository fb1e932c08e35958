import { accountType } from '../access-control.js';
import type { DoubleState } from '../double-state.js';
import { legacyNodeId, stableId } from '../identity.js';
import type { Links } from '../routes/route-types.js';

/** The id GitHub would give a login in this world (stable per login, case-insensitive). */
export function userId(login: string): number {
  return stableId('user', login.toLowerCase());
}

/**
 * GitHub's `simple-user`, the object behind every `user`, `assignee`, `owner` and `creator` field.
 *
 * @example
 * renderUser(state, 'alice', links).type; // 'User'
 */
export function renderUser(state: DoubleState, login: string, links: Links) {
  const type = accountType(state, login);
  const id = userId(login);
  const url = `${links.api}/users/${encodeURIComponent(login)}`;
  const htmlUrl =
    type === 'Bot'
      ? `${links.web}/apps/${login.replace(/\[bot\]$/, '')}`
      : `${links.web}/${encodeURIComponent(login)}`;
  return {
    login,
    id,
    node_id: legacyNodeId(type === 'Bot' ? 'Bot' : type === 'Organization' ? 'Organization' : 'User', id),
    avatar_url: `https://avatars.githubusercontent.com/u/${id}?v=4`,
    gravatar_id: '',
    url,
    html_url: htmlUrl,
    followers_url: `${url}/followers`,
    following_url: `${url}/following{/other_user}`,
    gists_url: `${url}/gists{/gist_id}`,
    starred_url: `${url}/starred{/owner}{/repo}`,
    subscriptions_url: `${url}/subscriptions`,
    organizations_url: `${url}/orgs`,
    repos_url: `${url}/repos`,
    events_url: `${url}/events{/privacy}`,
    received_events_url: `${url}/received_events`,
    type,
    user_view_type: 'public',
    site_admin: false,
  };
}

export function renderUserOrNull(state: DoubleState, login: string | null | undefined, links: Links) {
  return login ? renderUser(state, login, links) : null;
}
