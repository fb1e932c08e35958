import { isOrgMember } from '../access-control.js';
import type { OrgRecord, TeamRecord } from '../double-state.js';
import { notFound } from '../github-error.js';
import { renderOrganization, renderTeam, renderTeamFull } from '../render/organization.js';
import { renderUser } from '../render/user.js';
import { pageResult } from './pagination.js';
import type { RouteContext, RouteTable } from './route-types.js';

function requireOrg(context: RouteContext): OrgRecord {
  const org = context.state.orgs.get(String(context.params.org).toLowerCase());
  if (!org) throw notFound(context.docs);
  return org;
}

function requireTeam(context: RouteContext, org: OrgRecord): TeamRecord {
  const team = org.teams.get(String(context.params.team_slug).toLowerCase());
  if (!team) throw notFound(context.docs);
  return team;
}

function byLogin(a: string, b: string): number {
  return a.toLowerCase().localeCompare(b.toLowerCase());
}

/** Organizations, their members, teams and team membership. Every member has the `member` role. */
export const orgRoutes: RouteTable = {
  'orgs/get': (context) => ({
    status: 200,
    body: renderOrganization(requireOrg(context), context.links, context.state.now),
  }),

  'orgs/list-members': (context) => {
    const org = requireOrg(context);
    const members = context.query.role === 'admin' ? [] : [...org.members].sort(byLogin);
    return pageResult(context, members, (login) => renderUser(context.state, login, context.links));
  },

  'orgs/check-membership-for-user': (context) => {
    const org = requireOrg(context);
    if (!isOrgMember(org, String(context.params.username))) throw notFound(context.docs);
    return { status: 204 };
  },

  'orgs/get-membership-for-user': (context) => {
    const org = requireOrg(context);
    const login = String(context.params.username);
    if (!isOrgMember(org, login)) throw notFound(context.docs);
    const orgUrl = `${context.links.api}/orgs/${org.login}`;
    return {
      status: 200,
      body: {
        url: `${orgUrl}/memberships/${login}`,
        state: 'active',
        role: 'member',
        organization_url: orgUrl,
        organization: renderOrganization(org, context.links, context.state.now),
        user: renderUser(context.state, login, context.links),
      },
    };
  },

  'teams/list': (context) => {
    const org = requireOrg(context);
    const teams = [...org.teams.values()].sort((a, b) => byLogin(a.slug, b.slug));
    return pageResult(context, teams, (team) => renderTeam(org, team, context.links));
  },

  'teams/get-by-name': (context) => {
    const org = requireOrg(context);
    return {
      status: 200,
      body: renderTeamFull(org, requireTeam(context, org), context.links, context.state.now),
    };
  },

  'teams/list-members-in-org': (context) => {
    const org = requireOrg(context);
    const team = requireTeam(context, org);
    const members = context.query.role === 'maintainer' ? [] : [...team.members].sort(byLogin);
    return pageResult(context, members, (login) => renderUser(context.state, login, context.links));
  },

  'teams/get-membership-for-user-in-org': (context) => {
    const org = requireOrg(context);
    const team = requireTeam(context, org);
    const login = String(context.params.username);
    if (!team.members.some((member) => member.toLowerCase() === login.toLowerCase()))
      throw notFound(context.docs);
    return {
      status: 200,
      body: {
        url: `${context.links.api}/organizations/${org.id}/team/${team.id}/memberships/${login}`,
        role: 'member',
        state: 'active',
      },
    };
  },
};
