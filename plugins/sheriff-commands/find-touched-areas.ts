import { matchAreas } from '../../src/areas/match-areas.js';
import { ownersOfArea } from '../../src/areas/resolve-area-owners.js';
import { SERVICE_LABEL_PREFIX, type ServiceArea } from '../../src/areas/service-area.js';
import type { AreasConfig } from '../../src/areas/service-area-schema.js';
import type { OwnersIndex } from '../../src/owners/owners-index.js';

/** An area the issue or PR touches, with its owners (logins lower-cased, teams as `org/team`). */
export interface TouchedArea {
  readonly name: string;
  readonly approvers: readonly string[];
  readonly reviewers: readonly string[];
}

/**
 * Whether an issue with these labels could belong to an area at all (a `service/*` label, or a
 * label some configured area names), so an issue with none costs no OWNERS read.
 *
 * @example
 * mayTouchAreas(['kind/bug'], { prow: { labels: ['area/prow'], ... } }); // false
 */
export function mayTouchAreas(labels: readonly string[], areas: AreasConfig): boolean {
  const areaLabels = new Set(
    Object.values(areas).flatMap((area) => area.labels.map((label) => label.toLowerCase())),
  );
  return labels.some((label) => {
    const lower = label.toLowerCase();
    return lower.startsWith(SERVICE_LABEL_PREFIX) || areaLabels.has(lower);
  });
}

/**
 * The areas an issue (by its labels) or a PR (by its changed files) touches, and who owns each:
 * approvers and reviewers from OWNERS and from the area's config, as `/notify-owners` reads them.
 * Pure.
 *
 * @example
 * findTouchedAreas(areas, { labels: ['service/lambda'] }, index);
 * // [{ name: 'lambda', approvers: ['ana-lambda', 'release-oncall'], reviewers: [] }]
 */
export function findTouchedAreas(
  areas: readonly ServiceArea[],
  subject: { labels: readonly string[] } | { files: readonly string[] },
  owners: OwnersIndex | undefined,
): TouchedArea[] {
  const touched =
    'labels' in subject
      ? matchAreas(areas, { labels: subject.labels })
      : areas.filter((area) => subject.files.some((path) => matchAreas([area], { path }, owners).length > 0));
  return touched.map((area) => {
    const candidates = ownersOfArea(area, owners, { roles: ['approver', 'reviewer'] });
    const names = (role: 'approver' | 'reviewer') => [
      ...new Set(
        candidates
          .filter((candidate) => candidate.role === role)
          .map((candidate) => (candidate.kind === 'login' ? candidate.login : candidate.team)),
      ),
    ];
    return { name: area.name, approvers: names('approver'), reviewers: names('reviewer') };
  });
}
