/** A team as access rules name it: `org/team-slug`. */
export interface TeamRef {
  org: string;
  slug: string;
}

/**
 * Splits an `org/team-slug` entry of an access rule's `teams`. Anything else is a config mistake,
 * and a mistake in who may do something must be loud, so it throws rather than matching nobody.
 *
 * @example
 * parseTeamRef('acme/release-managers'); // { org: 'acme', slug: 'release-managers' }
 * parseTeamRef('core'); // throws: teams: "core" is not org/team-slug
 */
export function parseTeamRef(team: string): TeamRef {
  const match = /^([^/\s]+)\/([^/\s]+)$/.exec(team.trim());
  if (!match) throw new TypeError(`teams: "${team}" is not org/team-slug`);
  return { org: match[1]!, slug: match[2]! };
}
