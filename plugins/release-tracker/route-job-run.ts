import { matchAreas } from '../../src/areas/match-areas.js';
import { type OwnerCandidate, ownersOfArea, ownersOfPath } from '../../src/areas/resolve-area-owners.js';
import type { AreaSeverity } from '../../src/areas/service-area-schema.js';
import type { ServiceArea } from '../../src/areas/service-area.js';
import { CONFIG_PATH } from '../../src/config/sheriff-config-schema.js';
import type { OwnersIndex } from '../../src/owners/owners-index.js';
import { isBotLogin } from '../../src/permissions/github-login.js';
import { type JobRun, stageJobName } from './job-run.js';
import { code } from './render-text.js';
import type { OwnerMention, TrackerRouting } from './tracker-state.js';

/**
 * The job's service area and the people to tag, pure. The area is the first (by name) whose
 * `jobs` patterns match the job, else the failing workflow job of the stage (`publish (lambda, *)`).
 * Its approvers come from OWNERS and `areas.<name>.owners`; a job in no area falls back to the
 * approvers of the repository's root OWNERS. Each person is listed once, with every reason.
 *
 * @example
 * routeJobRun(run, areas, index, 'warning');
 * // { area: 'lambda', severity: 'critical', owners: [{ handle: 'kai-release', kind: 'login',
 * //   reason: 'approver of area `lambda` (`OWNERS`)' }, ...] }
 */
export function routeJobRun(
  run: JobRun,
  areas: readonly ServiceArea[],
  owners: OwnersIndex | undefined,
  defaultSeverity: AreaSeverity,
): TrackerRouting {
  const stageJob = stageJobName(run.stage);
  const area =
    matchAreas(areas, { job: run.job })[0] ??
    (stageJob !== null ? matchAreas(areas, { job: stageJob })[0] : undefined);
  const candidates = area
    ? ownersOfArea(area, owners, { roles: ['approver'] })
    : owners
      ? ownersOfPath('OWNERS', owners, ['approver'], null)
      : [];
  return {
    area: area?.name ?? null,
    severity: area?.severity ?? defaultSeverity,
    owners: mentionsOf(candidates),
  };
}

function mentionsOf(candidates: readonly OwnerCandidate[]): OwnerMention[] {
  const reasons = new Map<string, { kind: 'login' | 'team'; reasons: string[] }>();
  for (const candidate of candidates) {
    const handle = candidate.kind === 'login' ? candidate.login : candidate.team;
    if (handle === '' || isBotLogin(handle)) continue;
    const entry = reasons.get(handle) ?? { kind: candidate.kind, reasons: [] };
    const reason = reasonOf(candidate);
    if (!entry.reasons.includes(reason)) entry.reasons.push(reason);
    reasons.set(handle, entry);
  }
  // Logins first (they can be assigned), then teams; each by name.
  return [...reasons]
    .map(([handle, entry]) => ({ handle, kind: entry.kind, reason: entry.reasons.join('; ') }))
    .sort((a, b) => (a.kind === b.kind ? (a.handle < b.handle ? -1 : 1) : a.kind === 'login' ? -1 : 1));
}

function reasonOf(candidate: OwnerCandidate): string {
  const of = candidate.area === null ? 'the repository' : `area ${code(candidate.area)}`;
  const { origin } = candidate;
  if (origin.kind === 'owners-file') return `approver of ${of} (${code(origin.file)})`;
  const via = origin.team
    ? `, team ${code(origin.team)}`
    : origin.alias
      ? `, alias ${code(origin.alias)} of OWNERS_ALIASES`
      : '';
  return `approver of ${of} (${code(CONFIG_PATH)} ${code(`areas.${origin.area}.owners`)}${via})`;
}
