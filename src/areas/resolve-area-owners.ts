import type { OwnersIndex } from '../owners/owners-index.js';
import { normalizeLogin } from '../owners/parse-owners-file.js';
import { globBase } from './path-globs.js';
import type { ServiceArea } from './service-area.js';

export type OwnerRole = 'approver' | 'reviewer';

/** Where an owner was found, so a notification can say why it names someone. */
export type OwnerOrigin =
  /** The nearest level of OWNERS that names the role for the area's files (Prow's leaf owners). */
  | { readonly kind: 'owners-file'; readonly file: string }
  /** `areas.<area>.owners`, directly, through an OWNERS_ALIASES name, or through a team. */
  | { readonly kind: 'config'; readonly area: string; readonly alias?: string; readonly team?: string };

/** One owner of an area (or of a path outside every area, `area: null`). Logins are lower-cased. */
export type OwnerCandidate =
  | {
      readonly kind: 'login';
      readonly login: string;
      readonly role: OwnerRole;
      readonly area: string | null;
      readonly origin: OwnerOrigin;
    }
  /** A team still to expand into its members (`org/team-slug`). */
  | {
      readonly kind: 'team';
      readonly team: string;
      readonly role: OwnerRole;
      readonly area: string;
      readonly origin: OwnerOrigin;
    };

export interface AreaOwnersOptions {
  roles: readonly OwnerRole[];
  /** Read OWNERS for this path instead of the area's OWNERS homes (a changed file, a path argument). */
  path?: string;
}

/**
 * Who owns an area. From OWNERS (unless `owners.mode` is `override`): the leaf approvers and
 * reviewers of each OWNERS file listing one of the area's labels, and of the directory each path
 * glob starts in; or, with `options.path`, of that path. From config: `owners.approvers` and
 * `owners.reviewers`, OWNERS_ALIASES names expanded, teams left to expand. A login may appear
 * once per role and origin; the caller merges.
 *
 * @example
 * ownersOfArea(s3, index, { roles: ['approver'] });
 * // [{ kind: 'login', login: 'cy-s3', role: 'approver', area: 's3', origin: { kind: 'owners-file', file: 'services/s3/OWNERS' } }, ...]
 */
export function ownersOfArea(
  area: ServiceArea,
  owners: OwnersIndex | undefined,
  options: AreaOwnersOptions,
): OwnerCandidate[] {
  const found: OwnerCandidate[] = [];
  if (area.owners.mode === 'add' && owners) {
    const homes = options.path === undefined ? ownersHomes(area, owners) : [options.path];
    for (const home of homes) found.push(...ownersOfPath(home, owners, options.roles, area.name));
  }
  for (const role of options.roles) {
    const names = role === 'approver' ? area.owners.approvers : area.owners.reviewers;
    for (const name of names) found.push(...configOwner(name, role, area.name, owners));
  }
  // Two globs (or a glob and a label) often lead to the same OWNERS file: keep each finding once.
  const unique = new Map(found.map((candidate) => [JSON.stringify(candidate), candidate]));
  return [...unique.values()];
}

/**
 * The leaf OWNERS owners of one path: the nearest level naming approvers (reviewers), with the
 * OWNERS file they come from.
 *
 * @example
 * ownersOfPath('services/s3/pkg/bucket.go', index, ['approver'], null);
 * // [{ kind: 'login', login: 'cy-s3', ..., origin: { kind: 'owners-file', file: 'services/s3/OWNERS' } }, ...]
 */
export function ownersOfPath(
  path: string,
  owners: OwnersIndex,
  roles: readonly OwnerRole[],
  area: string | null,
): OwnerCandidate[] {
  const resolution = owners.resolve(path);
  const found: OwnerCandidate[] = [];
  for (const role of roles) {
    const logins = role === 'approver' ? resolution.leafApprovers : resolution.leafReviewers;
    const directory = role === 'approver' ? resolution.approverOwnersDir : resolution.reviewerOwnersDir;
    const origin: OwnerOrigin = { kind: 'owners-file', file: owners.ownersFilePath(directory) };
    for (const login of logins) found.push({ kind: 'login', login, role, area, origin });
  }
  return found;
}

/** A path standing for each place the area's OWNERS owners live (an OWNERS file itself resolves its directory). */
function ownersHomes(area: ServiceArea, owners: OwnersIndex): string[] {
  const homes = new Set(area.ownersFiles);
  for (const glob of area.paths) {
    if (glob.startsWith('!')) continue;
    const base = globBase(glob);
    homes.add(base.isDirectory ? owners.ownersFilePath(base.path) : base.path);
  }
  return [...homes];
}

function configOwner(
  name: string,
  role: OwnerRole,
  area: string,
  owners: OwnersIndex | undefined,
): OwnerCandidate[] {
  const written = name.startsWith('@') ? name.slice(1) : name;
  if (written.includes('/')) {
    const team = written.toLowerCase();
    return [{ kind: 'team', team, role, area, origin: { kind: 'config', area, team } }];
  }
  const login = normalizeLogin(written);
  const members = owners?.aliases.get(login);
  if (members === undefined) return [{ kind: 'login', login, role, area, origin: { kind: 'config', area } }];
  return members.map((member) => ({
    kind: 'login' as const,
    login: member,
    role,
    area,
    origin: { kind: 'config' as const, area, alias: login },
  }));
}
