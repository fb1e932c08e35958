import type { AccessRule } from './access-rule.js';
import { allowsAnyone } from './allows-anyone.js';
import { includesLogin } from './github-login.js';

export interface DescribeAccessRuleOptions {
  /**
   * The repository owner, which `orgMembers` refers to. Without it (plugin help, which is not about
   * one repository) the sentence says "members of the repository's organisation".
   */
  owner?: string;
}

export interface DescribeRefusalOptions extends DescribeAccessRuleOptions {
  /** The command refused, as typed (`/notify-owners`); without it the sentence says "do this". */
  command?: string;
}

/**
 * Who may use a command guarded by `rule`, as one sentence for help pages (PluginHelp's
 * WhoCanUse, `/help`, docs). Conditions read in the same order as {@link describeRefusal}.
 *
 * @example
 * describeAccessRule(accessRuleSchema.parse({ minRepoPermission: 'triage', orgMembers: true }), { owner: 'acme' });
 * // 'Collaborators with triage or higher, or members of acme.'
 */
export function describeAccessRule(rule: AccessRule, options: DescribeAccessRuleOptions = {}): string {
  if (allowsAnyone(rule)) return 'Anyone.';
  const who = whoMayUse(rule, options.owner);
  if (who.length === 0) return 'No one: the access rule lists nobody.';
  const sentence = joinPhrases(who);
  // A login keeps its spelling even at the start of the sentence.
  return `${includesLogin(rule.users, who[0]!) ? sentence : capitalise(sentence)}.`;
}

/**
 * The reply to someone a rule refused: what was required, in one sentence that fits after
 * `@login: ` in a bot reply. It names the requirement, not the person's own standing.
 *
 * @example
 * describeRefusal(accessRuleSchema.parse({ minRepoPermission: 'triage', orgMembers: true }),
 *   { owner: 'acme', command: '/notify-owners' });
 * // 'only collaborators with triage or higher, or members of acme, may use /notify-owners.'
 */
export function describeRefusal(rule: AccessRule, options: DescribeRefusalOptions = {}): string {
  const action = options.command ? `use ${options.command}` : 'do this';
  if (allowsAnyone(rule)) return `anyone may ${action}.`;
  const who = whoMayUse(rule, options.owner);
  if (who.length === 0) return `no one may ${action}: the access rule lists nobody.`;
  // A list with its own "or"s inside was written "A, or B"; a comma then closes it before the verb.
  const separator = hasNestedOr(who) ? ', ' : ' ';
  return `only ${joinPhrases(who)}${separator}may ${action}.`;
}

/**
 * The rule's conditions as noun phrases. Logins are written without `@` so that a refusal does not
 * notify everyone it names.
 */
function whoMayUse(rule: AccessRule, owner: string | undefined): string[] {
  const who: string[] = [];
  if (rule.minRepoPermission !== undefined) {
    const higher = rule.minRepoPermission === 'admin' ? '' : ' or higher';
    who.push(`collaborators with ${rule.minRepoPermission}${higher}`);
  }
  const orgs = distinct([
    ...(rule.orgMembers ? [owner ?? "the repository's organisation"] : []),
    ...rule.orgs,
  ]);
  if (orgs.length > 0) who.push(`members of ${joinList(orgs)}`);
  const teams = distinct(rule.teams);
  if (teams.length > 0) who.push(`members of team${teams.length > 1 ? 's' : ''} ${joinList(teams)}`);
  if (rule.ownersApprovers) who.push('OWNERS approvers of the files or area concerned');
  if (rule.author) who.push('the author of the issue or pull request');
  who.push(...distinct(rule.users));
  return who;
}

/**
 * The alternatives as one phrase. When one of them says "or" itself ("triage or higher") the last
 * gets a comma, "A, B, or C", so the reader sees where each ends; otherwise it reads "A, B or C".
 */
function joinPhrases(parts: readonly string[]): string {
  if (parts.length <= 1 || !hasNestedOr(parts)) return joinList(parts);
  return `${parts.slice(0, -1).join(', ')}, or ${parts.at(-1)}`;
}

function hasNestedOr(parts: readonly string[]): boolean {
  return parts.length > 1 && parts.some((part) => part.includes(' or '));
}

/** Plain names: "a", "a or b", "a, b or c". */
function joinList(names: readonly string[]): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} or ${names.at(-1)}`;
}

function distinct(names: readonly string[]): string[] {
  const seen = new Set<string>();
  return names.filter((name) => {
    const key = name.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
