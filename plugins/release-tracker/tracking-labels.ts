import type { CiSystem } from './job-run.js';
import type { LabelPolicy } from './release-tracker-config.js';
import type { TrackerRouting } from './tracker-state.js';

/**
 * The labels a new tracking issue gets: `always`, the CI system's, the area's service label, the
 * severity's priority label, and the Sheriff label, without repeats (case-insensitive).
 *
 * @example
 * trackingLabels('prow', { area: 'lambda', severity: 'critical', ... }, policy);
 * // ['kind/tests/failing', 'area/prow', 'service/lambda', 'priority/critical-urgent', 'sheriff/tracking']
 */
export function trackingLabels(system: CiSystem, routing: TrackerRouting, policy: LabelPolicy): string[] {
  const bySystem = system === 'prow' ? policy.prow : system === 'actions' ? policy.actions : [];
  const service = routing.area && policy.service ? [policy.service.replaceAll('{area}', routing.area)] : [];
  const all = [...policy.always, ...bySystem, ...service, policy.priority[routing.severity], policy.sheriff];
  const seen = new Set<string>();
  return all.filter((label) => {
    const key = label.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * Colour and description for a label Sheriff creates, by its prefix (ACK's label_sync colours).
 *
 * @example
 * labelStyle('service/lambda'); // { color: 'f59745', description: 'Issues about the lambda service area.' }
 */
export function labelStyle(name: string): { color: string; description: string } {
  const [prefix, ...rest] = name.split('/');
  const value = rest.join('/');
  switch (prefix) {
    case 'kind':
      return { color: 'e11d21', description: `Categorizes the issue as ${value}.` };
    case 'priority':
      return { color: 'd93f0b', description: `Priority: ${value}.` };
    case 'service':
      return { color: 'f59745', description: `Issues about the ${value} service area.` };
    case 'area':
      return { color: 'bfdadc', description: `Issues about ${value}.` };
    case 'sheriff':
      return { color: '5319e7', description: 'A Sheriff tracking issue: one per failing release job.' };
    default:
      return { color: 'ededed', description: 'Added by Sheriff.' };
  }
}
