import { matchAreas } from '../../src/areas/match-areas.js';
import {
  type OwnerCandidate,
  type OwnerOrigin,
  type OwnerRole,
  ownersOfArea,
  ownersOfPath,
} from '../../src/areas/resolve-area-owners.js';
import type { ServiceArea } from '../../src/areas/service-area.js';
import { normalizeRepoPath, type OwnersIndex } from '../../src/owners/owners-index.js';
import { isBotLogin } from '../../src/permissions/github-login.js';
import type { NotifyOwnersConfig } from './notify-owners-config.js';
import type { NotifyOwnersRequest } from './parse-notify-owners.js';

/** Everything the decision needs, gathered by the plugin beforehand. */
export interface NotifyOwnersInput {
  readonly request: NotifyOwnersRequest;
  readonly areas: readonly ServiceArea[];
  readonly owners: OwnersIndex;
  readonly isPullRequest: boolean;
  /** Labels on the issue or PR. */
  readonly labels: readonly string[];
  /** The PR's changed files; needed only for a PR and no targets (see {@link needsChangedFiles}). */
  readonly changedFiles?: readonly string[];
  readonly commenter: string;
  readonly issueAuthor: string;
  /** Members of each `org/team` an area's config names (lower-cased key); `null`: could not be listed. */
  readonly teamMembers?: ReadonlyMap<string, readonly string[] | null>;
  /** Lower-cased login → when a posted notification last pinged them on this issue, within the cool-down. */
  readonly recentPings?: ReadonlyMap<string, Date>;
  readonly config: Pick<NotifyOwnersConfig, 'mentionReviewers' | 'maxMentions' | 'ignoreLogins'>;
}

/** Why one person is mentioned (one line of the notification per reason). */
export interface MentionReason {
  /** `null` for a path that belongs to no area. */
  readonly area: string | null;
  /** Set for a path target. */
  readonly path?: string;
  readonly role: OwnerRole;
  readonly origin: OwnerOrigin;
}

export interface Mention {
  /** Lower-cased, as OWNERS normalises logins. */
  readonly login: string;
  readonly reasons: readonly MentionReason[];
}

export type NotifyOwnersDecision =
  /** A target is neither an area nor a path: nothing is sent, the known areas are listed. */
  | {
      readonly kind: 'unknown-targets';
      readonly unknown: readonly string[];
      readonly knownAreas: readonly string[];
    }
  /** No target, and the labels (issue) or changed files (PR) belong to no area. */
  | {
      readonly kind: 'no-areas';
      readonly from: 'labels' | 'changed-files';
      readonly knownAreas: readonly string[];
    }
  | {
      readonly kind: 'notify';
      /** What was asked about, for the heading: area names, then paths outside every area. */
      readonly subjects: readonly string[];
      /** Who gets an @-mention now, approvers first, then by login. */
      readonly mentions: readonly Mention[];
      /** Owners pinged on this issue within the cool-down: named without a mention. */
      readonly coolingDown: ReadonlyArray<{ readonly login: string; readonly pingedAt: Date }>;
      /** Owners over `maxMentions`: named without a mention. */
      readonly overLimit: readonly string[];
      /** Config teams whose members could not be listed. */
      readonly unlistedTeams: readonly string[];
      readonly message: string | undefined;
    };

interface Selection {
  readonly area: ServiceArea | null;
  /** A path target (OWNERS read for that path); absent for an area as a whole. */
  readonly path?: string;
}

/**
 * Whether the plugin must list the PR's changed files first: on a PR, with no targets.
 *
 * @example
 * needsChangedFiles({ targets: [], message: undefined }, true); // true
 */
export function needsChangedFiles(request: NotifyOwnersRequest, isPullRequest: boolean): boolean {
  return isPullRequest && request.targets.length === 0;
}

/**
 * The `org/team` entries the selected areas' config names, lower-cased: the plugin lists their
 * members before {@link decideNotifyOwners}. Empty when targets are unknown.
 */
export function teamsToExpand(input: NotifyOwnersInput): string[] {
  const selected = select(input);
  if (!Array.isArray(selected)) return [];
  const teams = candidatesOf(selected, input)
    .filter((candidate) => candidate.kind === 'team')
    .map((candidate) => candidate.team);
  return [...new Set(teams)].sort();
}

/**
 * The approvers (of OWNERS and of config) of what the command concerns: for an access rule with
 * `ownersApprovers`. Teams are not expanded.
 */
export function approversConcerned(input: NotifyOwnersInput): string[] {
  const selected = select(input);
  if (!Array.isArray(selected)) return [];
  const logins = candidatesOf(selected, input).flatMap((candidate) =>
    candidate.kind === 'login' && candidate.role === 'approver' ? [candidate.login] : [],
  );
  return [...new Set(logins)].sort();
}

/**
 * Decides one `/notify-owners`: which areas (targets, else the issue's labels or the PR's changed
 * files), whom to mention and why, and who is left out. Left out silently: the commenter, the
 * issue author, GitHub Apps (`[bot]`) and `ignoreLogins`. Left out and named: people pinged on this
 * issue within the cool-down, and people over `maxMentions`. Pure.
 *
 * @example
 * decideNotifyOwners({ request: { targets: ['s3'] }, areas, owners, commenter: 'ana-lambda', ... });
 * // { kind: 'notify', subjects: ['s3'], mentions: [{ login: 'cy-s3', reasons: [...] }, { login: 'dee-s3', ... }], ... }
 */
export function decideNotifyOwners(input: NotifyOwnersInput): NotifyOwnersDecision {
  const selected = select(input);
  if (!Array.isArray(selected)) return selected;

  const unlistedTeams = new Set<string>();
  const reasonsByLogin = new Map<string, Map<string, MentionReason>>();
  for (const candidate of candidatesOf(selected, input)) {
    const logins =
      candidate.kind === 'login' ? [candidate.login] : (input.teamMembers?.get(candidate.team) ?? null);
    if (logins === null) {
      if (candidate.kind === 'team') unlistedTeams.add(candidate.team);
      continue;
    }
    const reason: MentionReason = {
      area: candidate.area,
      role: candidate.role,
      origin: candidate.origin,
      ...(candidate.path === undefined ? {} : { path: candidate.path }),
    };
    for (const raw of logins) {
      const login = raw.toLowerCase();
      const reasons = reasonsByLogin.get(login) ?? new Map<string, MentionReason>();
      reasons.set(JSON.stringify(reason), reason);
      reasonsByLogin.set(login, reasons);
    }
  }

  const excluded = new Set(
    [input.commenter, input.issueAuthor, ...input.config.ignoreLogins].map((login) => login.toLowerCase()),
  );
  const eligible = [...reasonsByLogin]
    .filter(([login]) => !excluded.has(login) && !isBotLogin(login) && login !== '')
    .map(([login, reasons]) => ({ login, reasons: [...reasons.values()] }))
    .sort(byApproverThenLogin);

  const coolingDown: Array<{ login: string; pingedAt: Date }> = [];
  const due: Mention[] = [];
  for (const mention of eligible) {
    const pingedAt = input.recentPings?.get(mention.login);
    if (pingedAt) coolingDown.push({ login: mention.login, pingedAt });
    else due.push(mention);
  }
  const mentions = due.slice(0, input.config.maxMentions);
  const overLimit = due.slice(input.config.maxMentions).map((mention) => mention.login);

  return {
    kind: 'notify',
    subjects: subjectsOf(selected),
    mentions,
    coolingDown,
    overLimit,
    unlistedTeams: [...unlistedTeams].sort(),
    message: input.request.message,
  };
}

/** The areas and paths the command is about, or why there are none. */
function select(input: NotifyOwnersInput): Selection[] | Exclude<NotifyOwnersDecision, { kind: 'notify' }> {
  const knownAreas = input.areas.map((area) => area.name);
  const { targets } = input.request;
  if (targets.length > 0) {
    const selected: Selection[] = [];
    const unknown: string[] = [];
    for (const target of targets) {
      const area = findArea(input.areas, target);
      if (area) {
        selected.push({ area });
      } else if (looksLikePath(target)) {
        const path = normalizeRepoPath(target);
        const areas = matchAreas(input.areas, { path }, input.owners);
        if (areas.length === 0) selected.push({ area: null, path });
        for (const match of areas) selected.push({ area: match, path });
      } else {
        unknown.push(target);
      }
    }
    return unknown.length > 0 ? { kind: 'unknown-targets', unknown, knownAreas } : selected;
  }
  if (input.isPullRequest) {
    const areas = new Map<string, ServiceArea>();
    for (const file of input.changedFiles ?? []) {
      for (const area of matchAreas(input.areas, { path: file }, input.owners)) areas.set(area.name, area);
    }
    if (areas.size === 0) return { kind: 'no-areas', from: 'changed-files', knownAreas };
    return [...areas.values()].sort((a, b) => (a.name < b.name ? -1 : 1)).map((area) => ({ area }));
  }
  const areas = matchAreas(input.areas, { labels: input.labels });
  if (areas.length === 0) return { kind: 'no-areas', from: 'labels', knownAreas };
  return areas.map((area) => ({ area }));
}

/** An area by name, or by one of its labels (`service/lambda`), ignoring case. */
function findArea(areas: readonly ServiceArea[], target: string): ServiceArea | undefined {
  const wanted = target.toLowerCase();
  return (
    areas.find((area) => area.name === wanted) ??
    areas.find((area) => area.labels.some((label) => label.toLowerCase() === wanted))
  );
}

/** Area names have neither `/` nor `.`; a root file without a dot is written `./Makefile`. */
function looksLikePath(target: string): boolean {
  return target.includes('/') || target.includes('.');
}

type PathCandidate = OwnerCandidate & { readonly path?: string };

function candidatesOf(selected: readonly Selection[], input: NotifyOwnersInput): PathCandidate[] {
  const roles: OwnerRole[] = input.config.mentionReviewers ? ['approver', 'reviewer'] : ['approver'];
  return selected.flatMap(({ area, path }): PathCandidate[] => {
    const found =
      area === null
        ? ownersOfPath(path!, input.owners, roles, null)
        : ownersOfArea(area, input.owners, { roles, ...(path === undefined ? {} : { path }) });
    return path === undefined ? found : found.map((candidate) => ({ ...candidate, path }));
  });
}

function subjectsOf(selected: readonly Selection[]): string[] {
  const areas = selected.flatMap(({ area }) => (area ? [area.name] : []));
  const paths = selected.flatMap(({ area, path }) => (area === null && path !== undefined ? [path] : []));
  return [...new Set([...areas, ...paths])];
}

function byApproverThenLogin(a: Mention, b: Mention): number {
  const rank = (mention: Mention) => (mention.reasons.some((reason) => reason.role === 'approver') ? 0 : 1);
  return rank(a) - rank(b) || (a.login < b.login ? -1 : a.login > b.login ? 1 : 0);
}
