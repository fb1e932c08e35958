export { compileJobPattern, type JobPatternResult } from './job-pattern.js';
export { type AreaSubject, matchAreas } from './match-areas.js';
export { compilePathGlobs, globBase, pathGlobProblem } from './path-globs.js';
export {
  type AreaOwnersOptions,
  type OwnerCandidate,
  type OwnerOrigin,
  type OwnerRole,
  ownersOfArea,
  ownersOfPath,
} from './resolve-area-owners.js';
export {
  areaNameOfLabel,
  buildServiceAreas,
  SERVICE_LABEL_PREFIX,
  type ServiceArea,
} from './service-area.js';
export {
  AREA_NAME_PATTERN,
  AREA_SEVERITIES,
  type AreaOwnersConfig,
  type AreaSeverity,
  type AreasConfig,
  areasConfigSchema,
  type ServiceAreaConfig,
} from './service-area-schema.js';
