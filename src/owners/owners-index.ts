import { posix } from 'node:path';
import { type OwnersProblem, ownersProblem } from './owners-problem.js';
import { type OwnersAliases, parseOwnersAliases } from './parse-owners-aliases.js';
import { normalizeLogin, type OwnersFile, type OwnersOptions, parseOwnersFile } from './parse-owners-file.js';

/** The four things an OWNERS entry lists. */
export type OwnersField = 'approvers' | 'reviewers' | 'requiredReviewers' | 'labels';

export interface OwnersIndexOptions {
  /** File names, as Prow's `owners.filenames`. Default `OWNERS` and `OWNERS_ALIASES`. */
  readonly filenames?: { readonly owners: string; readonly ownersAliases: string };
}

/** What one OWNERS file gave to a resolution. */
export interface OwnersFileContribution {
  /** `services/ec2/OWNERS`. */
  readonly path: string;
  readonly approvers: readonly string[];
  readonly reviewers: readonly string[];
  readonly requiredReviewers: readonly string[];
  readonly labels: readonly string[];
  /** `filters` keys that matched and gave something (`.*` included); `[]` for simple files. */
  readonly matchedFilters: readonly string[];
}

/** Everything Prow's `repoowners` can say about one path. Lists are sorted and unique. */
export interface OwnersResolution {
  /** The path as resolved, normalised: `services/lambda/olm/olmconfig.yaml`. */
  readonly path: string;
  /** Prow `Approvers`: every level up to a `no_parent_owners` cut-off. Who can `/approve` it. */
  readonly approvers: readonly string[];
  /** Prow `LeafApprovers`: the nearest level that names any approver. */
  readonly leafApprovers: readonly string[];
  /** Prow `Reviewers`: every level up to a `no_parent_owners` cut-off. */
  readonly reviewers: readonly string[];
  /** Prow `LeafReviewers`: the nearest level that names any reviewer. */
  readonly leafReviewers: readonly string[];
  /** Prow `RequiredReviewers`: every level up to the cut-off. */
  readonly requiredReviewers: readonly string[];
  /** Prow `FindLabelsForFile`: every level up to the cut-off; labels keep their case. */
  readonly labels: readonly string[];
  /** Prow `FindApproverOwnersForFile`: the approval unit's directory, `''` for the root. */
  readonly approverOwnersDir: string;
  /** Prow `FindReviewersOwnersForFile`. */
  readonly reviewerOwnersDir: string;
  /** OWNERS files that gave something to the non-leaf lists, nearest first. */
  readonly ownersFiles: readonly OwnersFileContribution[];
}

interface OwnersEntry {
  /** The OWNERS file it comes from. */
  readonly file: string;
  /** `null` matches everything (simple files and the `.*` filter), as Prow's nil regexp. */
  readonly regexp: RegExp | null;
  /** The `filters` key for full configs, `null` for simple ones. */
  readonly pattern: string | null;
  /** Aliases expanded (labels: as written). Never empty. */
  readonly members: ReadonlySet<string>;
}

interface DirectoryOwners {
  readonly file: string;
  readonly options: OwnersOptions;
  readonly entries: Readonly<Record<OwnersField, readonly OwnersEntry[]>>;
}

type Visitor = (directory: string, entry: OwnersEntry) => void;

const FIELDS: readonly OwnersField[] = ['approvers', 'reviewers', 'requiredReviewers', 'labels'];

/**
 * The OWNERS files of one repository at one commit, answering Prow's `repoowners` questions.
 * Pure and immutable: build it from file contents with {@link OwnersIndex.fromFiles}.
 */
export class OwnersIndex {
  private constructor(
    private readonly directories: ReadonlyMap<string, DirectoryOwners>,
    /** The OWNERS file name (`OWNERS` unless configured otherwise). */
    readonly ownersFilename: string,
    /** Every parsed OWNERS file, by path. */
    readonly ownersFiles: readonly OwnersFile[],
    /** The root OWNERS_ALIASES (empty when missing or invalid). */
    readonly aliases: OwnersAliases,
    /** Files skipped or partly ignored, each naming the file and line. Resolution never stops for them. */
    readonly problems: readonly OwnersProblem[],
  ) {}

  /**
   * Builds the index from repository-relative paths and contents: every `OWNERS` file, plus
   * `OWNERS_ALIASES` at the root (one elsewhere is ignored, as Prow does). A file Prow would skip
   * is skipped and reported in `problems`.
   *
   * @example
   * const index = OwnersIndex.fromFiles({
   *   OWNERS: 'approvers: [root-team]\n',
   *   OWNERS_ALIASES: 'aliases:\n  root-team: [Alice, bob]\n',
   *   'docs/OWNERS': 'approvers: [carol]\nlabels: [area/docs]\n',
   * });
   * index.resolve('docs/guide.md').approvers; // ['alice', 'bob', 'carol']
   */
  static fromFiles(
    files: Readonly<Record<string, string>> | ReadonlyMap<string, string>,
    options?: OwnersIndexOptions,
  ): OwnersIndex {
    const ownersName = options?.filenames?.owners ?? 'OWNERS';
    const aliasesName = options?.filenames?.ownersAliases ?? 'OWNERS_ALIASES';
    const problems: OwnersProblem[] = [];
    const byPath = new Map<string, string>();
    const entries = isMapLike(files) ? [...files.entries()] : Object.entries(files);
    for (const [rawPath, contents] of entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      const path = normalizeRepoPath(rawPath);
      const name = posix.basename(path);
      if (byPath.has(path)) {
        problems.push(
          ownersProblem(rawPath, null, 'ignored-file', `ignored: another key also names ${path}`),
        );
      } else if (name === ownersName || path === aliasesName) {
        byPath.set(path, contents);
      } else {
        const why =
          name === aliasesName ? `${aliasesName} is only read at the repository root` : 'not an OWNERS file';
        problems.push(ownersProblem(rawPath, null, 'ignored-file', `ignored: ${why}`));
      }
    }

    let aliases: OwnersAliases = new Map();
    const aliasesContents = byPath.get(aliasesName);
    if (aliasesContents !== undefined) {
      const parsed = parseOwnersAliases(aliasesName, aliasesContents);
      if (parsed.ok) {
        aliases = parsed.aliases;
        problems.push(...parsed.warnings);
      } else {
        problems.push(parsed.problem);
      }
    }

    const ownersFiles: OwnersFile[] = [];
    const directories = new Map<string, DirectoryOwners>();
    for (const [path, contents] of byPath) {
      if (path === aliasesName && posix.basename(path) !== ownersName) continue;
      const parsed = parseOwnersFile(path, contents);
      if (!parsed.ok) {
        problems.push(parsed.problem);
        continue;
      }
      problems.push(...parsed.warnings);
      ownersFiles.push(parsed.ownersFile);
      directories.set(parsed.ownersFile.directory, toDirectoryOwners(parsed.ownersFile, aliases));
    }
    return new OwnersIndex(directories, ownersName, ownersFiles, aliases, problems);
  }

  /**
   * Everything about one path, with Prow's rules. The path is repository-relative; `./a`,
   * `a//b` and `a/` are cleaned first.
   *
   * @example
   * index.resolve('services/iam/pkg/role.go').approvers; // ['ivy-iam', 'jo-iam'] (no_parent_owners)
   */
  resolve(path: string): OwnersResolution {
    const target = normalizeRepoPath(path);
    const contributions = new Map<string, Record<OwnersField | 'filters', Set<string>> & { file: string }>();
    const visitor =
      (field: OwnersField): Visitor =>
      (directory, entry) => {
        let contribution = contributions.get(directory);
        if (contribution === undefined) {
          contribution = {
            file: entry.file,
            approvers: new Set(),
            reviewers: new Set(),
            requiredReviewers: new Set(),
            labels: new Set(),
            filters: new Set(),
          };
          contributions.set(directory, contribution);
        }
        for (const member of entry.members) contribution[field].add(member);
        if (entry.pattern !== null) contribution.filters.add(entry.pattern);
      };
    const all = Object.fromEntries(
      FIELDS.map((field) => [field, sorted(this.collect(target, field, false, visitor(field)))]),
    ) as Record<OwnersField, string[]>;
    const ownersFiles = [...contributions.entries()]
      .sort(([a], [b]) => b.length - a.length)
      .map(([, c]) => ({
        path: c.file,
        approvers: sorted(c.approvers),
        reviewers: sorted(c.reviewers),
        requiredReviewers: sorted(c.requiredReviewers),
        labels: sorted(c.labels),
        matchedFilters: sorted(c.filters),
      }));
    return {
      path: target,
      ...all,
      leafApprovers: sorted(this.collect(target, 'approvers', true)),
      leafReviewers: sorted(this.collect(target, 'reviewers', true)),
      approverOwnersDir: this.findOwnersDir(target, 'approvers'),
      reviewerOwnersDir: this.findOwnersDir(target, 'reviewers'),
      ownersFiles,
    };
  }

  /**
   * Prow `Approvers(path)`: approvers from the path's directory up to the root, stopping at a
   * directory with `no_parent_owners` once someone has been found.
   *
   * @example
   * index.approvers('docs/guide.md'); // Set { 'alice', 'bob', 'carol' }
   */
  approvers(path: string): ReadonlySet<string> {
    return this.collect(normalizeRepoPath(path), 'approvers', false);
  }

  /** Prow `LeafApprovers(path)`: the nearest level with approvers. @example index.leafApprovers('docs/a.md') // Set { 'carol' } */
  leafApprovers(path: string): ReadonlySet<string> {
    return this.collect(normalizeRepoPath(path), 'approvers', true);
  }

  /** Prow `Reviewers(path)`. @example index.reviewers('docs/a.md') // Set { ... } */
  reviewers(path: string): ReadonlySet<string> {
    return this.collect(normalizeRepoPath(path), 'reviewers', false);
  }

  /** Prow `LeafReviewers(path)`. @example index.leafReviewers('docs/a.md') // Set { ... } */
  leafReviewers(path: string): ReadonlySet<string> {
    return this.collect(normalizeRepoPath(path), 'reviewers', true);
  }

  /** Prow `RequiredReviewers(path)`. @example index.requiredReviewers('api/v1.go') // Set { 'api-lead' } */
  requiredReviewers(path: string): ReadonlySet<string> {
    return this.collect(normalizeRepoPath(path), 'requiredReviewers', false);
  }

  /** Prow `FindLabelsForFile(path)`. @example index.labels('docs/a.md') // Set { 'area/docs' } */
  labels(path: string): ReadonlySet<string> {
    return this.collect(normalizeRepoPath(path), 'labels', false);
  }

  /**
   * Prow `FindApproverOwnersForFile(path)`: the deepest directory, walking up from the path,
   * with approvers that apply to it; `''` (the root) by default. Ignores `no_parent_owners`.
   *
   * @example
   * index.findApproverOwnersDir('docs/api/v1.md'); // 'docs'
   */
  findApproverOwnersDir(path: string): string {
    return this.findOwnersDir(normalizeRepoPath(path), 'approvers');
  }

  /** Prow `FindReviewersOwnersForFile(path)`. @example index.findReviewerOwnersDir('docs/a.md') // 'docs' */
  findReviewerOwnersDir(path: string): string {
    return this.findOwnersDir(normalizeRepoPath(path), 'reviewers');
  }

  /**
   * The path of the OWNERS file of a directory, as the approve notifier links it.
   *
   * @example
   * index.ownersFilePath(''); // 'OWNERS'
   * index.ownersFilePath('docs'); // 'docs/OWNERS'
   */
  ownersFilePath(directory: string): string {
    return directory === '' ? this.ownersFilename : `${directory}/${this.ownersFilename}`;
  }

  /** Prow `IsNoParentOwners(dir)`. @example index.isNoParentOwners('services/iam') // true */
  isNoParentOwners(directory: string): boolean {
    return this.directories.get(directory)?.options.noParentOwners === true;
  }

  /** Prow `IsAutoApproveUnownedSubfolders(dir)`. @example index.isAutoApproveUnownedSubfolders('vendor') // false */
  isAutoApproveUnownedSubfolders(directory: string): boolean {
    return this.directories.get(directory)?.options.autoApproveUnownedSubfolders === true;
  }

  /**
   * Prow's collaborator filter: a copy whose approvers and reviewers keep only these logins
   * (required reviewers and labels are untouched). Prow applies it unless `skip_collaborators`.
   *
   * @example
   * index.withCollaborators(['alice']).approvers('docs/a.md'); // Set { 'alice' }
   */
  withCollaborators(logins: Iterable<string>): OwnersIndex {
    const keep = new Set([...logins].map(normalizeLogin));
    const filter = (entries: readonly OwnersEntry[]) =>
      entries
        .map((entry) => ({ ...entry, members: new Set([...entry.members].filter((m) => keep.has(m))) }))
        .filter((entry) => entry.members.size > 0);
    const directories = new Map(
      [...this.directories].map(([directory, owners]) => [
        directory,
        {
          ...owners,
          entries: {
            ...owners.entries,
            approvers: filter(owners.entries.approvers),
            reviewers: filter(owners.entries.reviewers),
          },
        },
      ]),
    );
    return new OwnersIndex(directories, this.ownersFilename, this.ownersFiles, this.aliases, this.problems);
  }

  /** Prow's `entriesForFile`: starts at the path itself, then each parent directory. */
  private collect(path: string, field: OwnersField, leafOnly: boolean, visit?: Visitor): Set<string> {
    const out = new Set<string>();
    let directory = path;
    for (;;) {
      const owners = this.directories.get(directory);
      if (owners !== undefined) {
        const entries = owners.entries[field];
        if (entries.length > 0) {
          const relative = relativePath(directory, path);
          for (const entry of entries) {
            if (entry.regexp !== null && !entry.regexp.test(relative)) continue;
            for (const member of entry.members) out.add(member);
            visit?.(directory, entry);
          }
        }
      }
      if (leafOnly && out.size > 0) break;
      if (directory === '') break;
      // no_parent_owners only cuts once this field has found someone at or below here.
      if (owners?.options.noParentOwners === true && out.size > 0) break;
      directory = parentDirectory(directory);
    }
    return out;
  }

  /** Prow's `findOwnersForFile`. */
  private findOwnersDir(path: string, field: OwnersField): string {
    for (let directory = path; directory !== ''; directory = parentDirectory(directory)) {
      const entries = this.directories.get(directory)?.entries[field];
      if (entries === undefined) continue;
      const relative = relativePath(directory, path);
      if (entries.some((entry) => entry.regexp === null || entry.regexp.test(relative))) return directory;
    }
    return '';
  }
}

/**
 * Cleans a repository-relative path the way GitHub writes changed files: no `./`, no `//`,
 * no leading or trailing `/`; the root is `''`.
 *
 * @example
 * normalizeRepoPath('./docs//api/'); // 'docs/api'
 */
export function normalizeRepoPath(path: string): string {
  const clean = posix.normalize(path).replace(/^\/+/, '').replace(/\/+$/, '');
  return clean === '.' ? '' : clean;
}

/** Go's `canonicalize(filepath.Dir(d))`. */
function parentDirectory(directory: string): string {
  const slash = directory.lastIndexOf('/');
  return slash === -1 ? '' : directory.slice(0, slash);
}

/** Go's `filepath.Rel(directory, path)` for a directory on the path's own chain. */
function relativePath(directory: string, path: string): string {
  if (directory === path) return '.';
  return directory === '' ? path : path.slice(directory.length + 1);
}

function isMapLike(
  files: Readonly<Record<string, string>> | ReadonlyMap<string, string>,
): files is ReadonlyMap<string, string> {
  return typeof files.entries === 'function' && typeof files.get === 'function';
}

function sorted(values: Iterable<string>): string[] {
  return [...values].sort();
}

function toDirectoryOwners(file: OwnersFile, aliases: OwnersAliases): DirectoryOwners {
  const entries: Record<OwnersField, OwnersEntry[]> = {
    approvers: [],
    reviewers: [],
    requiredReviewers: [],
    labels: [],
  };
  for (const rule of file.rules) {
    const regexp = rule.filter.kind === 'pattern' ? rule.filter.regexp : null;
    const pattern =
      file.shape === 'simple' ? null : rule.filter.kind === 'pattern' ? rule.filter.pattern : '.*';
    for (const field of FIELDS) {
      const names = rule.config[field];
      // Prow records an entry whenever the list is non-empty; an entry whose aliases expand to
      // nobody changes nothing, so it is left out.
      const members = field === 'labels' ? new Set(names) : expandAliases(aliases, names);
      if (members.size > 0) entries[field].push({ file: file.path, regexp, pattern, members });
    }
  }
  return { file: file.path, options: file.options, entries };
}

/**
 * Prow's `ExpandAliases`, step for step: each name written in the OWNERS entry that is an alias
 * is replaced by its members, one level only, walking the names in sorted order.
 */
function expandAliases(aliases: OwnersAliases, logins: readonly string[]): Set<string> {
  const out = new Set(logins);
  for (const login of [...logins].sort()) {
    const members = aliases.get(login);
    if (members === undefined) continue;
    out.delete(login);
    for (const member of members) out.add(member);
  }
  return out;
}
