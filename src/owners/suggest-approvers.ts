import { normalizeRepoPath, type OwnersIndex } from './owners-index.js';

/** The files of one pull request, and who has approved it so far. */
export interface ApprovalRequest {
  /** Changed files, repository-relative, as GitHub lists them. */
  readonly changedFiles: readonly string[];
  /** Logins whose approval currently stands (anyone's; case does not matter). */
  readonly approvals?: Iterable<string>;
}

/** One OWNERS file that must approve the pull request (Prow's unit of approval). */
export interface OwnersFileApproval {
  /** Directory of the unit, `''` for the root. */
  readonly ownersDir: string;
  /** `services/lambda/OWNERS`, as the notifier links it (the file may not exist for the root). */
  readonly ownersFile: string;
  /** Every file under this unit has an approval from someone in its `Approvers(file)`. */
  readonly approved: boolean;
  /** Current approvals by people who can approve some file of this unit, lower-cased, sorted. */
  readonly approvedBy: readonly string[];
  /** Everyone who can approve some file of this unit (Prow `GetApprovers`), sorted. */
  readonly approvers: readonly string[];
  /** The changed files this unit covers, including those of subdirectories it absorbs. */
  readonly files: readonly string[];
}

/** Where a pull request stands on OWNERS approval (not counting `issue_required` or a manual label). */
export interface ApprovalState {
  /** Sorted by directory, like the notifier's list. */
  readonly ownersFiles: readonly OwnersFileApproval[];
  /** `ownersFile` of each unit still waiting for an approver. */
  readonly unapprovedOwnersFiles: readonly string[];
  /** Files that need nobody, thanks to `auto_approve_unowned_subfolders`. */
  readonly autoApprovedFiles: readonly string[];
  /** Prow `AreFilesApproved`: at least one changed file and no unapproved unit. */
  readonly filesApproved: boolean;
}

export interface SuggestApproversRequest extends ApprovalRequest {
  /** Current assignees of the pull request. */
  readonly assignees?: Iterable<string>;
  /**
   * Shuffles equally good candidates, as Prow does with the PR number, so suggestions spread
   * across approvers; the same seed always gives the same answer. Without a seed, ties go to the
   * alphabetically first login.
   */
  readonly seed?: number;
}

/** Prow's `GetCCs`, `AssignedCCs` and `SuggestedCCs`. All lower-cased and sorted. */
export interface ApproverSuggestion {
  /** The approvers to ask so every unit gets approved (`GetCCs`, the notifier's META list). */
  readonly approvers: readonly string[];
  /** Of those, the ones already assigned (`AssignedCCs`). */
  readonly assigned: readonly string[];
  /** Of those, the ones to assign (`SuggestedCCs`). */
  readonly toAssign: readonly string[];
}

/**
 * Which OWNERS files a pull request needs approval from, and which of them the current
 * approvals satisfy, with the rules of Prow's approve plugin (`approvers/owners.go`).
 *
 * @example
 * // OWNERS: approvers [root-a]; docs/OWNERS: [carol]; pkg/OWNERS: [pam, pete]
 * checkApprovals(index, { changedFiles: ['docs/a.md', 'pkg/b.go'], approvals: ['Carol'] });
 * // { unapprovedOwnersFiles: ['pkg/OWNERS'], filesApproved: false, ownersFiles: [...], autoApprovedFiles: [] }
 */
export function checkApprovals(index: OwnersIndex, request: ApprovalRequest): ApprovalState {
  const plan = new ApprovalPlan(index, request.changedFiles);
  const approvals = lowerCased(request.approvals ?? []);
  const unapproved = plan.unapprovedUnits(approvals);
  const approversByUnit = plan.approversByUnit('all');
  const filesByUnit = plan.filesByUnit();
  const ownersFiles = [...plan.units].sort().map((unit) => {
    const approvers = approversByUnit.get(unit) ?? new Set<string>();
    return {
      ownersDir: unit,
      ownersFile: index.ownersFilePath(unit),
      approved: !unapproved.has(unit),
      approvedBy: [...approvals].filter((login) => approvers.has(login)).sort(),
      approvers: [...approvers].sort(),
      files: filesByUnit.get(unit) ?? [],
    };
  });
  return {
    ownersFiles,
    unapprovedOwnersFiles: ownersFiles.filter((unit) => !unit.approved).map((unit) => unit.ownersFile),
    autoApprovedFiles: plan.autoApprovedFiles,
    filesApproved: plan.areFilesApproved(approvals),
  };
}

/**
 * The approvers to ask for a pull request, with Prow's `GetCCs`: a greedy set cover over the
 * *leaf* approvers of each unit still unapproved (counting current approvals and assignees),
 * plus the assignees who would still be useful against the full (inherited) approver lists.
 * Deterministic for a given `seed`.
 *
 * @example
 * // OWNERS: approvers [root-a]; docs/OWNERS: [carol]; pkg/OWNERS: [pam, pete]
 * suggestApprovers(index, { changedFiles: ['docs/a.md', 'pkg/b.go'], assignees: ['carol'] });
 * // { approvers: ['carol', 'pam'], assigned: ['carol'], toAssign: ['pam'] }
 * suggestApprovers(index, { changedFiles: ['docs/a.md', 'pkg/b.go'], assignees: ['root-a'] });
 * // { approvers: ['root-a'], assigned: ['root-a'], toAssign: [] }
 */
export function suggestApprovers(index: OwnersIndex, request: SuggestApproversRequest): ApproverSuggestion {
  const plan = new ApprovalPlan(index, request.changedFiles);
  const approvals = lowerCased(request.approvals ?? []);
  const assignees = lowerCased(request.assignees ?? []);

  const leafByUnit = plan.approversByUnit('leaf');
  const candidates = [...new Set([...leafByUnit.values()].flatMap((set) => [...set]))].sort();
  const ordered = request.seed === undefined ? candidates : shuffle(candidates, request.seed);

  const suggested = plan.keepCoveringApprovers(reverseMap(leafByUnit), union(approvals, assignees), ordered);
  const approvalsAndSuggested = union(approvals, suggested);
  const everyone = [...union(approvalsAndSuggested, assignees)].sort();
  const fullReverseMap = reverseMap(plan.approversByUnit('all'));
  const usefulAssignees = plan.keepCoveringApprovers(fullReverseMap, approvalsAndSuggested, everyone);

  const approvers = [...union(suggested, usefulAssignees)].sort();
  return {
    approvers,
    assigned: approvers.filter((login) => assignees.has(login)),
    toAssign: approvers.filter((login) => !assignees.has(login)),
  };
}

interface ChangedFile {
  readonly path: string;
  /** `FindApproverOwnersForFile(path)`. */
  readonly unit: string;
  /** `Approvers(path)`. */
  readonly approvers: ReadonlySet<string>;
  /** `LeafApprovers(path)`. */
  readonly leafApprovers: ReadonlySet<string>;
}

/** Prow's `Owners` for one pull request, with each file's owners looked up once. */
class ApprovalPlan {
  readonly files: readonly ChangedFile[];
  /** Prow `GetOwnersSet`: the units that need approval. */
  readonly units: ReadonlySet<string>;
  readonly autoApprovedFiles: readonly string[];

  constructor(
    private readonly index: OwnersIndex,
    changedFiles: readonly string[],
  ) {
    this.files = [...new Set(changedFiles.map(normalizeRepoPath))].map((path) => ({
      path,
      unit: index.findApproverOwnersDir(path),
      approvers: index.approvers(path),
      leafApprovers: index.leafApprovers(path),
    }));
    const units = new Set<string>();
    const autoApproved: string[] = [];
    for (const file of this.files) {
      // Prow's test, quirks included: a substring check, so with a root OWNERS ('') that sets
      // auto_approve_unowned_subfolders every file it owns is auto-approved, even top-level ones.
      if (goDir(goDir(file.path)).includes(file.unit) && index.isAutoApproveUnownedSubfolders(file.unit)) {
        autoApproved.push(file.path);
        continue;
      }
      units.add(file.unit);
    }
    this.removeSubdirs(units);
    this.units = units;
    this.autoApprovedFiles = autoApproved.sort();
  }

  /** Prow `GetApprovers` (`all`) or `GetLeafApprovers` (`leaf`): unit → union over its files. */
  approversByUnit(kind: 'all' | 'leaf'): Map<string, Set<string>> {
    const byUnit = new Map<string, Set<string>>();
    for (const file of this.files) {
      if (!this.units.has(file.unit)) continue;
      const set = byUnit.get(file.unit) ?? new Set<string>();
      for (const login of kind === 'all' ? file.approvers : file.leafApprovers) set.add(login);
      byUnit.set(file.unit, set);
    }
    return byUnit;
  }

  /**
   * Prow `UnapprovedFiles`: a unit is unapproved while one of its files has no approval from
   * its own `Approvers(file)`. Files of absorbed subdirectories are not checked, as in Prow.
   */
  unapprovedUnits(approvals: ReadonlySet<string>): Set<string> {
    const unapproved = new Set<string>();
    for (const file of this.files) {
      if (!this.units.has(file.unit) || unapproved.has(file.unit)) continue;
      if (!intersects(file.approvers, approvals)) unapproved.add(file.unit);
    }
    return unapproved;
  }

  /** Prow `AreFilesApproved`. */
  areFilesApproved(approvals: ReadonlySet<string>): boolean {
    return this.files.length > 0 && this.unapprovedUnits(approvals).size === 0;
  }

  /**
   * Prow `KeepCoveringApprovers`: run the greedy cover from scratch, then keep only the people
   * who cover a unit that `known` leaves unapproved.
   */
  keepCoveringApprovers(
    reverse: ReadonlyMap<string, ReadonlySet<string>>,
    known: ReadonlySet<string>,
    candidates: readonly string[],
  ): Set<string> {
    const unapproved = this.unapprovedUnits(known);
    const kept = new Set<string>();
    for (const login of [...this.greedyCover(reverse, candidates)].sort()) {
      if (intersects(reverse.get(login) ?? new Set(), unapproved)) kept.add(login);
    }
    return kept;
  }

  /** Changed files (auto-approved ones excepted) by the unit that covers them. */
  filesByUnit(): Map<string, string[]> {
    const byUnit = new Map<string, string[]>();
    for (const file of this.files) {
      const unit = this.coveringUnit(file.unit);
      if (unit === undefined) continue;
      byUnit.set(unit, [...(byUnit.get(unit) ?? []), file.path]);
    }
    for (const files of byUnit.values()) files.sort();
    return byUnit;
  }

  /**
   * Prow `GetSuggestedApprovers`: repeatedly add the candidate who can approve the most
   * still-unapproved units, first one wins a tie, until all are approved or nobody helps.
   */
  private greedyCover(
    reverse: ReadonlyMap<string, ReadonlySet<string>>,
    candidates: readonly string[],
  ): Set<string> {
    const chosen = new Set<string>();
    while (!this.areFilesApproved(chosen)) {
      const unapproved = this.unapprovedUnits(chosen);
      let best: string | undefined;
      let bestCovered = 0;
      for (const candidate of candidates) {
        if (chosen.has(candidate)) continue;
        let covered = 0;
        for (const unit of reverse.get(candidate) ?? []) if (unapproved.has(unit)) covered++;
        // Prow compares against the candidate's *total* unit count here (a known quirk); the
        // count of still-unapproved units is what a greedy cover means, and gives smaller sets.
        if (covered > bestCovered) {
          best = candidate;
          bestCovered = covered;
        }
      }
      if (best === undefined) break;
      chosen.add(best);
    }
    return chosen;
  }

  /** Prow `removeSubdirs`: drop units below another unit unless `no_parent_owners` intervenes. */
  private removeSubdirs(units: Set<string>): void {
    for (const unit of [...units].sort()) {
      let path = unit;
      while (!this.index.isNoParentOwners(path) && canonical(path) !== '') {
        path = goDir(path);
        if (units.has(canonical(path))) {
          units.delete(unit);
          break;
        }
      }
    }
  }

  private coveringUnit(unit: string): string | undefined {
    if (this.units.has(unit)) return unit;
    let path = unit;
    while (!this.index.isNoParentOwners(path) && canonical(path) !== '') {
      path = canonical(goDir(path));
      if (this.units.has(path)) return path;
    }
    return undefined;
  }
}

function reverseMap(byUnit: ReadonlyMap<string, ReadonlySet<string>>): Map<string, Set<string>> {
  const reverse = new Map<string, Set<string>>();
  for (const [unit, logins] of byUnit) {
    for (const login of logins) {
      const units = reverse.get(login) ?? new Set<string>();
      units.add(unit);
      reverse.set(login, units);
    }
  }
  return reverse;
}

/**
 * Go's `rand.Perm` shuffle (inside-out Fisher–Yates) driven by mulberry32 instead of Go's
 * generator: deterministic per seed, but not the same order Prow would produce.
 */
function shuffle(values: readonly string[], seed: number): string[] {
  let state = seed >>> 0;
  const random = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const order: number[] = [];
  for (let i = 0; i < values.length; i++) {
    const j = Math.floor(random() * (i + 1));
    order[i] = order[j]!;
    order[j] = i;
  }
  return order.map((i) => values[i]!);
}

/** Go's `filepath.Dir` for clean relative paths: `'a/b'` → `'a'`, `'a'` → `'.'`. */
function goDir(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash === -1 ? '.' : path.slice(0, slash);
}

function canonical(path: string): string {
  return path === '.' ? '' : path;
}

function lowerCased(logins: Iterable<string>): Set<string> {
  return new Set([...logins].map((login) => login.toLowerCase()));
}

function union(a: ReadonlySet<string>, b: ReadonlySet<string>): Set<string> {
  return new Set([...a, ...b]);
}

function intersects(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  for (const item of small) if (large.has(item)) return true;
  return false;
}
