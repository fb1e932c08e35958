import type { OwnersIndex } from '../owners/owners-index.js';
import {
  AREA_NAME_PATTERN,
  type AreaOwnersConfig,
  type AreaSeverity,
  type AreasConfig,
} from './service-area-schema.js';

/** The label prefix that names an area: `service/<name>` belongs to area `<name>`. */
export const SERVICE_LABEL_PREFIX = 'service/';

/** One service area: config and OWNERS merged. */
export interface ServiceArea {
  readonly name: string;
  /** Path globs from config. */
  readonly paths: readonly string[];
  /** Job-name patterns from config. */
  readonly jobs: readonly string[];
  /** Config labels, plus `service/<name>`, which always belongs to the area. */
  readonly labels: readonly string[];
  readonly owners: AreaOwnersConfig;
  readonly slack: string | undefined;
  readonly severity: AreaSeverity;
  /** Whether `areas.<name>` is in the config (else the area comes from OWNERS labels only). */
  readonly configured: boolean;
  /** OWNERS files that list one of the area's labels: where its OWNERS owners are read. */
  readonly ownersFiles: readonly string[];
}

const NO_OWNERS: AreaOwnersConfig = { mode: 'add', approvers: [], reviewers: [] };

/**
 * Every service area of a repository: those `areas` in `.github/sheriff.yml` defines, plus one per
 * `service/<name>` label in an OWNERS file (any rule, filters included) that config does not
 * define. A configured area also owns the OWNERS files listing one of its labels. Sorted by name.
 *
 * @example
 * const areas = buildServiceAreas({ prow: { labels: ['area/prow'], ... } }, index);
 * areas.map((area) => area.name); // ['ec2', 'iam', 'lambda', 'prow', 'rds', 's3']
 */
export function buildServiceAreas(config: AreasConfig, owners?: OwnersIndex): ServiceArea[] {
  const drafts = new Map<string, Omit<ServiceArea, 'ownersFiles'>>();
  for (const [name, area] of Object.entries(config)) {
    drafts.set(name, {
      name,
      paths: area.paths,
      jobs: area.jobs,
      labels: withServiceLabel(area.labels, name),
      owners: area.owners,
      slack: area.slack,
      severity: area.severity,
      configured: true,
    });
  }
  const ownersLabels = ownersFileLabels(owners);
  for (const labels of ownersLabels.values()) {
    for (const label of labels) {
      const name = areaNameOfLabel(label);
      if (name === undefined || drafts.has(name)) continue;
      drafts.set(name, {
        name,
        paths: [],
        jobs: [],
        labels: [label],
        owners: NO_OWNERS,
        slack: undefined,
        severity: 'warning',
        configured: false,
      });
    }
  }
  return [...drafts.values()]
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .map((draft) => {
      const wanted = new Set(draft.labels.map((label) => label.toLowerCase()));
      const ownersFiles = [...ownersLabels]
        .filter(([, labels]) => labels.some((label) => wanted.has(label.toLowerCase())))
        .map(([file]) => file);
      return { ...draft, ownersFiles };
    });
}

/**
 * The area a `service/<name>` label names, if the rest is a valid area name (compared
 * lower-cased, as labels are case-insensitive on GitHub).
 *
 * @example
 * areaNameOfLabel('service/Lambda'); // 'lambda'
 * areaNameOfLabel('area/prow'); // undefined
 */
export function areaNameOfLabel(label: string): string | undefined {
  const lower = label.toLowerCase();
  if (!lower.startsWith(SERVICE_LABEL_PREFIX)) return undefined;
  const name = lower.slice(SERVICE_LABEL_PREFIX.length);
  return AREA_NAME_PATTERN.test(name) ? name : undefined;
}

function withServiceLabel(labels: readonly string[], name: string): string[] {
  const own = `${SERVICE_LABEL_PREFIX}${name}`;
  return labels.some((label) => label.toLowerCase() === own) ? [...labels] : [...labels, own];
}

/** OWNERS file path → every label it lists, in any rule; sorted by path. */
function ownersFileLabels(owners: OwnersIndex | undefined): Map<string, string[]> {
  const byFile = new Map<string, string[]>();
  for (const file of owners?.ownersFiles ?? []) {
    const labels = [...new Set(file.rules.flatMap((rule) => rule.config.labels))];
    if (labels.length > 0) byFile.set(file.path, labels);
  }
  return new Map([...byFile].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
