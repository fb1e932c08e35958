import type { GitHubClient } from '../github/github-app.js';
import type { AccessDecision, AccessRule, AccessSubject, RepoPermission } from './access-rule.js';
import { allowsAnyone } from './allows-anyone.js';
import { describeRefusal } from './describe-access-rule.js';
import { includesLogin, isBotLogin, sameLogin } from './github-login.js';
import { hasRepoPermission, repoPermissionFrom } from './repo-permission.js';
import { parseTeamRef } from './team-ref.js';

export interface RepositoryName {
  owner: string;
  name: string;
}

/**
 * Answers "may this person do that here?" for one repository, at the time of the command (a
 * permission granted or revoked since is honoured by the next delivery). Make one per delivery:
 * answers are cached for its lifetime only, in-flight requests included, so checking the same login
 * twice, even concurrently, costs one request.
 *
 * Any GitHub error other than the "no" each endpoint answers with (404, and 302 for org membership)
 * propagates, so a 5xx or a network failure fails the job, which is retried: an error never allows.
 *
 * GitHub App logins (`name[bot]`) are never org or team members nor collaborators; they get `none`
 * and `false` without a request, and are let in only by `users`, `author`, `ownersApprovers` or
 * `allowAnyone`.
 *
 * @example
 * const checker = new PermissionChecker(github, { owner: 'acme', name: 'widgets' });
 * const decision = await checker.evaluate(rule, { login: 'alice', command: '/notify-owners' });
 * if (!decision.allowed) await reply(decision.because);
 */
export class PermissionChecker {
  private readonly permissions = new Map<string, Promise<RepoPermission>>();
  private readonly orgMemberships = new Map<string, Promise<boolean>>();
  private readonly teamMemberships = new Map<string, Promise<boolean>>();

  constructor(
    private readonly github: GitHubClient,
    readonly repo: RepositoryName,
  ) {}

  /**
   * The login's role on the repository, from every source of grants (direct, team, org base role).
   * On a public repository GitHub reports `read` for everyone, so `read` does not mean "invited".
   *
   * @example
   * await checker.repoPermission('Carol'); // 'triage'
   */
  async repoPermission(login: string): Promise<RepoPermission> {
    if (!canHoldAccess(login)) return 'none';
    return remember(this.permissions, login.toLowerCase(), async () => {
      try {
        const { data } = await this.github.rest.repos.getCollaboratorPermissionLevel({
          owner: this.repo.owner,
          repo: this.repo.name,
          username: login,
        });
        return repoPermissionFrom(data);
      } catch (error) {
        if (statusOf(error) === 404) return 'none';
        throw error;
      }
    });
  }

  /**
   * Whether the login is a member of `org` (by default the repository owner). An installation token
   * of an App installed on that org also sees private members; elsewhere only public ones.
   *
   * @example
   * await checker.isOrgMember('alice'); // true: a member of acme
   * await checker.isOrgMember('alice', 'other-org'); // false
   */
  async isOrgMember(login: string, org: string = this.repo.owner): Promise<boolean> {
    if (!canHoldAccess(login)) return false;
    return remember(this.orgMemberships, `${org}/${login}`.toLowerCase(), async () => {
      try {
        const response = await this.github.rest.orgs.checkMembershipForUser({ org, username: login });
        // Only 204 means yes. A 302 (the token may not list members; fetch normally follows it to
        // the public list) resolves without an error in Octokit, and must not count as a yes.
        return (response.status as number) === 204;
      } catch (error) {
        const status = statusOf(error);
        if (status === 404 || status === 302) return false;
        throw error;
      }
    });
  }

  /**
   * Whether the login is an active member of `team` (`org/team-slug`); an invitation not yet
   * accepted (`pending`) does not count. Throws on a team that is not `org/team-slug`.
   *
   * @example
   * await checker.isTeamMember('alice', 'acme/release-managers'); // true
   */
  async isTeamMember(login: string, team: string): Promise<boolean> {
    const { org, slug } = parseTeamRef(team);
    if (!canHoldAccess(login)) return false;
    return remember(this.teamMemberships, `${org}/${slug}/${login}`.toLowerCase(), async () => {
      try {
        const { data } = await this.github.rest.teams.getMembershipForUserInOrg({
          org,
          team_slug: slug,
          username: login,
        });
        // `data?.`: a redirect that reached here has no body, and that is no answer of membership.
        return data?.state === 'active';
      } catch (error) {
        if (statusOf(error) === 404) return false;
        throw error;
      }
    });
  }

  /**
   * Whether `rule` lets `subject` in. Conditions run cheapest first and the first that allows wins:
   * the rule itself (anyone), then what the subject carries (users, author, OWNERS approvers), then
   * org membership (one answer serves every repository of the org), then teams, then the repository
   * permission. A refusal's `because` is the reply: what the rule requires, naming the command.
   *
   * @example
   * await checker.evaluate(accessRuleSchema.parse({ minRepoPermission: 'triage', orgMembers: true }),
   *   { login: 'mallory', command: '/notify-owners' });
   * // { allowed: false,
   * //   because: 'only collaborators with triage or higher, or members of acme, may use /notify-owners.' }
   */
  async evaluate(rule: AccessRule, subject: AccessSubject): Promise<AccessDecision> {
    const { login } = subject;
    if (allowsAnyone(rule)) return allow('anyone may use it');
    if (includesLogin(rule.users, login)) return allow(`${login} is listed in users`);
    if (rule.author && subject.authorLogin !== undefined && sameLogin(subject.authorLogin, login)) {
      return allow(`${login} is the author`);
    }
    if (rule.ownersApprovers && includesLogin(subject.ownersApprovers ?? [], login)) {
      return allow(`${login} is an OWNERS approver`);
    }
    for (const org of orgsOf(rule, this.repo.owner)) {
      if (await this.isOrgMember(login, org)) return allow(`${login} is a member of ${org}`);
    }
    for (const team of rule.teams) {
      if (await this.isTeamMember(login, team)) return allow(`${login} is a member of team ${team}`);
    }
    if (rule.minRepoPermission !== undefined) {
      const permission = await this.repoPermission(login);
      if (hasRepoPermission(permission, rule.minRepoPermission)) {
        return allow(`${login} has ${permission} on ${this.repo.owner}/${this.repo.name}`);
      }
    }
    return {
      allowed: false,
      because: describeRefusal(rule, { owner: this.repo.owner, command: subject.command }),
    };
  }
}

function allow(because: string): AccessDecision {
  return { allowed: true, because };
}

/** Bots and empty logins (a deleted account's) hold no membership; asking would only cost a request. */
function canHoldAccess(login: string): boolean {
  return login.trim() !== '' && !isBotLogin(login);
}

/** The owner's org first (`orgMembers`), then the listed ones, each once. */
function orgsOf(rule: AccessRule, owner: string): string[] {
  const orgs = [...(rule.orgMembers ? [owner] : []), ...rule.orgs];
  return orgs.filter((org, index) => orgs.findIndex((other) => sameLogin(other, org)) === index);
}

/**
 * The cached answer for `key`, or a new one from `load`. The promise is cached, not the value, so
 * concurrent callers share one request; a failure is forgotten so a later call may try again.
 */
function remember<T>(cache: Map<string, Promise<T>>, key: string, load: () => Promise<T>): Promise<T> {
  const cached = cache.get(key);
  if (cached) return cached;
  const answer = load();
  cache.set(key, answer);
  answer.catch(() => {
    if (cache.get(key) === answer) cache.delete(key);
  });
  return answer;
}

/** Octokit's RequestError carries the HTTP status; a network failure reaches here as a 500. */
function statusOf(error: unknown): number | undefined {
  const status = (error as { status?: unknown } | null)?.status;
  return typeof status === 'number' ? status : undefined;
}
