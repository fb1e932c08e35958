import { stringify } from 'yaml';
import { OwnersIndex } from '../../src/owners/owners-index.js';

/** The keys of an OWNERS file, spelled as in the file. */
export interface OwnersKeys {
  approvers?: string[];
  reviewers?: string[];
  required_reviewers?: string[];
  labels?: string[];
  emeritus_approvers?: string[];
}

export interface OwnersSpec extends OwnersKeys {
  options?: { no_parent_owners?: boolean; auto_approve_unowned_subfolders?: boolean };
  filters?: Record<string, OwnersKeys>;
}

/** The text of an OWNERS file. */
export function ownersYaml(spec: OwnersSpec): string {
  return stringify(spec);
}

/**
 * Repository files for a tree of OWNERS, keyed by directory (`''` is the root). A string is used
 * as the file's raw text, for malformed files.
 */
export function ownersTree(
  tree: Record<string, OwnersSpec | string>,
  aliases?: Record<string, string[]> | string,
): Record<string, string> {
  const files: Record<string, string> = {};
  for (const [directory, spec] of Object.entries(tree)) {
    files[directory === '' ? 'OWNERS' : `${directory}/OWNERS`] =
      typeof spec === 'string' ? spec : ownersYaml(spec);
  }
  if (aliases !== undefined) {
    files.OWNERS_ALIASES = typeof aliases === 'string' ? aliases : stringify({ aliases });
  }
  return files;
}

/** An index over {@link ownersTree}. */
export function indexOwners(
  tree: Record<string, OwnersSpec | string>,
  aliases?: Record<string, string[]> | string,
): OwnersIndex {
  return OwnersIndex.fromFiles(ownersTree(tree, aliases));
}

/** A set as a sorted array, for readable expectations. */
export function list(values: ReadonlySet<string>): string[] {
  return [...values].sort();
}
