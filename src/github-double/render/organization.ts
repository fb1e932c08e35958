import type { OrgRecord, TeamRecord } from '../double-state.js';
import { legacyNodeId } from '../identity.js';
import type { Links } from '../routes/route-types.js';
import { isoTime } from './timestamps.js';

/**
 * GitHub's `organization-full` object (its required fields and the usual URLs).
 *
 * @example
 * renderOrganization(org, links, now).login; // 'acme'
 */
export function renderOrganization(org: OrgRecord, links: Links, now: Date) {
  const url = `${links.api}/orgs/${org.login}`;
  const at = isoTime(now);
  return {
    login: org.login,
    id: org.id,
    node_id: legacyNodeId('Organization', org.id),
    url,
    repos_url: `${url}/repos`,
    events_url: `${url}/events`,
    hooks_url: `${url}/hooks`,
    issues_url: `${url}/issues`,
    members_url: `${url}/members{/member}`,
    public_members_url: `${url}/public_members{/member}`,
    avatar_url: `https://avatars.githubusercontent.com/u/${org.id}?v=4`,
    description: null,
    html_url: `${links.web}/${org.login}`,
    has_organization_projects: true,
    has_repository_projects: true,
    public_repos: 0,
    public_gists: 0,
    followers: 0,
    following: 0,
    type: 'Organization',
    created_at: at,
    updated_at: at,
    archived_at: null,
  };
}

/** GitHub's `team` (list) shape. */
export function renderTeam(org: OrgRecord, team: TeamRecord, links: Links) {
  const url = `${links.api}/organizations/${org.id}/team/${team.id}`;
  return {
    id: team.id,
    node_id: legacyNodeId('Team', team.id),
    url,
    html_url: `${links.web}/orgs/${org.login}/teams/${team.slug}`,
    name: team.name,
    slug: team.slug,
    description: null,
    privacy: 'closed',
    notification_setting: 'notifications_enabled',
    permission: 'pull',
    members_url: `${url}/members{/member}`,
    repositories_url: `${url}/repos`,
    type: 'organization',
    organization_id: org.id,
    parent: null,
  };
}

/** GitHub's `team-full` shape, with counts and the organization. */
export function renderTeamFull(org: OrgRecord, team: TeamRecord, links: Links, now: Date) {
  const at = isoTime(now);
  return {
    ...renderTeam(org, team, links),
    members_count: team.members.length,
    repos_count: 0,
    created_at: at,
    updated_at: at,
    organization: renderOrganization(org, links, now),
  };
}
