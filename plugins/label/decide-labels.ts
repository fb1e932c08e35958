import { includesLogin } from '../../src/permissions/github-login.js';
import type { LabelConfig, RestrictedLabel } from './label-config.js';
import type { LabelRequest } from './parse-labels.js';

/** The one label only org members may add (Prow's label plugin hard-codes it). */
export const TRIAGE_ACCEPTED = 'triage/accepted';

/** Categories with a `needs-<category>` label that comes back when the last one is removed. */
const NEEDS_CATEGORIES = ['kind', 'priority', 'sig', 'triage'] as const;

/** What the plugin must find out before deciding; each item costs requests, so only what matters. */
export interface LabelLookups {
  /** Labels whose existence in the repository matters (look up each). */
  readonly repoLabels: readonly string[];
  /** Whether the commenter's org membership matters (`triage/accepted` is added). */
  readonly orgMembership: boolean;
  /** Restricted labels the comment touches whose allowed users do not name the commenter: check their teams. */
  readonly restrictedTeams: readonly RestrictedLabel[];
}

/** What was found out. */
export interface LabelFacts {
  /** Labels on the issue or PR when the comment was made (from the webhook). */
  readonly labels: readonly string[];
  /** Lower-cased name → the repository's spelling, for every label looked up that exists. */
  readonly repoLabels: ReadonlyMap<string, string>;
  readonly commenter: string;
  /** Assignees when the comment was made (from the webhook). */
  readonly assignees: readonly string[];
  readonly commenterIsOrgMember?: boolean;
  /** Restricted labels (lower-cased) whose teams include the commenter. */
  readonly teamAllowed?: ReadonlySet<string>;
}

export interface LabelDecision {
  /** Labels to add, as the repository spells them. */
  readonly add: readonly string[];
  /** Labels to remove, as the issue carries them. */
  readonly remove: readonly string[];
  /** People to assign because a label they watch (`assignOn`) was added. */
  readonly assign: readonly string[];
  /** Prow posts only the first problem, in a fixed order. */
  readonly reply?: string;
}

/**
 * The lookups {@link decideLabels} needs for `request` on an issue carrying `labels`. Pure.
 *
 * @example
 * labelLookups({ add: ['kind/bug'], remove: [], unsupported: [] }, [], config, 'ana');
 * // { repoLabels: ['kind/bug'], orgMembership: false, restrictedTeams: [] }
 */
export function labelLookups(
  request: LabelRequest,
  labels: readonly string[],
  config: LabelConfig,
  commenter: string,
): LabelLookups {
  const { toAdd, removable } = sortRequest(request, labels);
  const touched = [...toAdd, ...removable];
  return {
    repoLabels: [...(config.createMissingLabels ? [] : toAdd), ...needsLabelsFor(request, labels, removable)],
    orgMembership: toAdd.some((label) => isLabel(label, TRIAGE_ACCEPTED)),
    restrictedTeams: config.restrictedLabels.filter(
      (restricted) =>
        restricted.allowedTeams.length > 0 &&
        !includesLogin(restricted.allowedUsers, commenter) &&
        touched.some((label) => isLabel(label, restricted.label)),
    ),
  };
}

/**
 * Prow's label plugin, given what was looked up. Adding: a label already present is skipped; one
 * the repository lacks is refused (unless `createMissingLabels`); a restricted one needs an allowed
 * user or team; `triage/accepted` needs an org member. Removing: a label not on the issue is
 * refused; a restricted one needs an allowed user or team. Removing the last `kind`, `priority`,
 * `sig` or `triage` label without adding one brings back `needs-<category>` if the repository has
 * it. Replies, first applicable only: unsupported `/label`, missing from the repository, not on
 * the issue, `triage/accepted`, restricted. Pure.
 *
 * @example
 * decideLabels(parseLabels(lexCommands('/kind bug'), []), { labels: [], repoLabels: new Map([['kind/bug', 'kind/bug']]), ... }, config);
 * // { add: ['kind/bug'], remove: [], assign: [] }
 */
export function decideLabels(request: LabelRequest, facts: LabelFacts, config: LabelConfig): LabelDecision {
  const { toAdd, removable, notOnIssue } = sortRequest(request, facts.labels);
  const allowed = (label: string): boolean => {
    const restricted = restrictionOf(label, config);
    if (!restricted) return true;
    return (
      includesLogin(restricted.allowedUsers, facts.commenter) ||
      (facts.teamAllowed?.has(restricted.label.toLowerCase()) ?? false)
    );
  };

  const add: string[] = [];
  const missing: string[] = [];
  const unauthorized: string[] = [];
  let triageRefused = false;
  for (const label of toAdd) {
    const spelled =
      facts.repoLabels.get(label.toLowerCase()) ?? (config.createMissingLabels ? label : undefined);
    if (spelled === undefined) missing.push(label);
    else if (!allowed(label)) unauthorized.push(label);
    else if (isLabel(label, TRIAGE_ACCEPTED) && facts.commenterIsOrgMember !== true) triageRefused = true;
    else add.push(spelled);
  }
  const remove: string[] = [];
  for (const label of removable) {
    if (allowed(label)) remove.push(facts.labels.find((present) => isLabel(present, label))!);
    else unauthorized.push(label);
  }
  for (const needs of needsLabelsFor(request, facts.labels, remove)) {
    const spelled = facts.repoLabels.get(needs);
    if (spelled !== undefined) add.push(spelled);
  }
  const assign = [
    ...new Set(
      config.restrictedLabels
        .filter((restricted) => restricted.assignOn.some((on) => add.some((label) => isLabel(label, on))))
        .flatMap((restricted) => restricted.allowedUsers)
        .filter((login) => !includesLogin(facts.assignees, login)),
    ),
  ];
  const reply = firstReply(request, config, missing, notOnIssue, triageRefused, unauthorized);
  return { add, remove, assign, ...(reply === undefined ? {} : { reply }) };
}

function firstReply(
  request: LabelRequest,
  config: LabelConfig,
  missing: readonly string[],
  notOnIssue: readonly string[],
  triageRefused: boolean,
  unauthorized: readonly string[],
): string | undefined {
  if (request.unsupported.length > 0) {
    const supported = [
      ...config.additionalLabels,
      ...config.restrictedLabels.map((restricted) => restricted.label),
    ];
    return `The label(s) \`${request.unsupported.join(', ')}\` cannot be applied. These labels are supported: \`${supported.join(', ')}\`. Is this label configured under \`plugins.label.additionalLabels\` or \`plugins.label.restrictedLabels\` in \`.github/sheriff.yml\`?`;
  }
  if (missing.length > 0)
    return `The label(s) \`${missing.join(', ')}\` cannot be applied, because the repository doesn't have them.`;
  if (notOnIssue.length > 0) return `Those labels are not set on the issue: \`${notOnIssue.join(', ')}\``;
  if (triageRefused)
    return `The label \`${TRIAGE_ACCEPTED}\` cannot be applied. Only GitHub organization members can add the label.`;
  if (unauthorized.length > 0)
    return `The label(s) \`${unauthorized.join(', ')}\` cannot be applied or removed, because you are not in one of the allowed teams and are not an allowed user.`;
  return undefined;
}

/** Splits the request against the labels present: what to add, what can be removed, what cannot. */
function sortRequest(request: LabelRequest, labels: readonly string[]) {
  const present = (label: string) => labels.some((existing) => isLabel(existing, label));
  return {
    toAdd: request.add.filter((label) => !present(label)),
    removable: request.remove.filter(present),
    notOnIssue: request.remove.filter((label) => !present(label)),
  };
}

/**
 * `needs-<category>` (lower-cased) for each category whose last label this comment removes
 * without asking for another, when the issue lacks it.
 */
function needsLabelsFor(
  request: LabelRequest,
  labels: readonly string[],
  removed: readonly string[],
): string[] {
  const inCategory = (category: string) => (label: string) => label.toLowerCase().startsWith(`${category}/`);
  return NEEDS_CATEGORIES.filter((category) => {
    const had = labels.filter(inCategory(category));
    return (
      had.length > 0 &&
      had.every((label) => removed.some((gone) => isLabel(gone, label))) &&
      !request.add.some(inCategory(category)) &&
      !labels.some((label) => isLabel(label, `needs-${category}`))
    );
  }).map((category) => `needs-${category}`);
}

function restrictionOf(label: string, config: LabelConfig): RestrictedLabel | undefined {
  return config.restrictedLabels.find((restricted) => isLabel(restricted.label, label));
}

/** GitHub label names compare case-insensitively. */
function isLabel(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}
