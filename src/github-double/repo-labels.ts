import type { LabelRecord, RepoRecord } from './double-state.js';
import { stableId } from './identity.js';

/** Labels GitHub creates without a colour get this one. */
const DEFAULT_LABEL_COLOR = 'ededed';

/** Finds a label by name, case-insensitively, creating it (as GitHub does when labelling) if missing. */
export function ensureLabel(
  repo: RepoRecord,
  name: string,
  color?: string,
  description: string | null = null,
) {
  const existing = repo.labels.get(name.toLowerCase());
  if (existing) return existing;
  const label: LabelRecord = {
    id: stableId('label', `${repo.fullName.toLowerCase()}#${name.toLowerCase()}`),
    name,
    color: (color ?? DEFAULT_LABEL_COLOR).toLowerCase(),
    description,
    default: false,
  };
  repo.labels.set(name.toLowerCase(), label);
  return label;
}
