import { ProbotOctokit } from 'probot';
import { createGitHubDouble, type GitHubDouble } from '../../src/github-double/index.js';
import type { WorldInput } from '../../src/github-double/world-schema.js';
import type { GitHubClient } from '../../src/github/github-app.js';
import { type AccessRule, accessRuleSchema, type RepoPermission } from '../../src/permissions/access-rule.js';
import { PermissionChecker } from '../../src/permissions/permission-checker.js';

const WORLD: WorldInput = {
  orgs: {
    acme: { members: ['alice', 'Bob'], teams: { core: ['carol'], release: ['dave'] } },
    other: { members: ['olga'] },
  },
  repos: {
    'acme/widgets': {
      permissions: { rita: 'read', tom: 'triage', wendy: 'write', max: 'maintain', ada: 'admin' },
    },
  },
};

const PERMISSION_PATH = '/repos/{owner}/{repo}/collaborators/{username}/permission';
const MEMBER_PATH = '/orgs/{org}/members/{username}';
const TEAM_PATH = '/orgs/{org}/teams/{team_slug}/memberships/{username}';

let double: GitHubDouble;
let checker: PermissionChecker;

beforeEach(() => {
  double = createGitHubDouble(WORLD);
  const github = new ProbotOctokit({
    request: { fetch: double.fetch },
    throttle: { enabled: false },
    retry: { enabled: false },
  }) as unknown as GitHubClient;
  checker = new PermissionChecker(github, { owner: 'acme', name: 'widgets' });
});

const rule = (input: Partial<AccessRule> = {}): AccessRule => accessRuleSchema.parse(input);
const requestPaths = () => double.requests.map((request) => request.path);

describe('PermissionChecker.repoPermission', () => {
  it.each<[string, RepoPermission]>([
    ['rita', 'read'],
    ['tom', 'triage'],
    ['wendy', 'write'],
    ['max', 'maintain'],
    ['ada', 'admin'],
    ['stranger', 'none'],
    ['ADA', 'admin'],
  ])('gives %s the role %s', async (login, expected) => {
    await expect(checker.repoPermission(login)).resolves.toBe(expected);
  });

  it('maps the legacy permission when role_name is missing', async () => {
    double.faults.add({ route: PERMISSION_PATH, respond: { status: 200, body: { permission: 'write' } } });
    await expect(checker.repoPermission('someone')).resolves.toBe('write');
  });

  it("reads a custom role's base role from the user's permission flags", async () => {
    double.faults.add({
      route: PERMISSION_PATH,
      respond: {
        status: 200,
        body: {
          permission: 'write',
          role_name: 'release-engineer',
          user: { permissions: { admin: false, maintain: true, push: true, triage: true, pull: true } },
        },
      },
    });
    await expect(checker.repoPermission('someone')).resolves.toBe('maintain');
  });

  it('treats a redirect with no body as none', async () => {
    double.faults.add({ route: PERMISSION_PATH, respond: { status: 302 } });
    await expect(checker.repoPermission('ada')).resolves.toBe('none');
  });

  it('treats a 404 as none', async () => {
    double.faults.add({ route: PERMISSION_PATH, respond: { status: 404 } });
    await expect(checker.repoPermission('ghost')).resolves.toBe('none');
  });
});

describe('PermissionChecker.isOrgMember', () => {
  it.each<[string, string | undefined, boolean]>([
    ['alice', undefined, true],
    ['bob', undefined, true],
    ['ALICE', 'ACME', true],
    ['stranger', undefined, false],
    ['olga', undefined, false],
    ['olga', 'other', true],
    ['alice', 'no-such-org', false],
  ])('says %s in %s is %s', async (login, org, expected) => {
    await expect(checker.isOrgMember(login, org)).resolves.toBe(expected);
  });

  it('treats a 302 (the token cannot see the members) as not a member', async () => {
    double.faults.add({ route: MEMBER_PATH, respond: { status: 302 } });
    await expect(checker.isOrgMember('alice')).resolves.toBe(false);
  });
});

describe('PermissionChecker.isTeamMember', () => {
  it.each<[string, string, boolean]>([
    ['carol', 'acme/core', true],
    ['Carol', 'ACME/Core', true],
    ['dave', 'acme/core', false],
    ['dave', 'acme/release', true],
    ['carol', 'acme/no-such-team', false],
  ])('says %s in %s is %s', async (login, team, expected) => {
    await expect(checker.isTeamMember(login, team)).resolves.toBe(expected);
  });

  it('does not count a pending invitation', async () => {
    double.faults.add({
      route: TEAM_PATH,
      respond: { status: 200, body: { url: 'https://api.github.com/x', role: 'member', state: 'pending' } },
    });
    await expect(checker.isTeamMember('carol', 'acme/core')).resolves.toBe(false);
  });

  it('treats a redirect with no body as not a member', async () => {
    double.faults.add({ route: TEAM_PATH, respond: { status: 302 } });
    await expect(checker.isTeamMember('carol', 'acme/core')).resolves.toBe(false);
  });

  it.each(['core', 'acme/core/extra', '/core', 'acme/'])(
    'rejects the team %j, asking nothing',
    async (team) => {
      await expect(checker.isTeamMember('carol', team)).rejects.toThrow('is not org/team-slug');
      expect(double.requests).toHaveLength(0);
    },
  );
});

describe('bots', () => {
  it('are never members or collaborators, and cost no request', async () => {
    await expect(checker.repoPermission('sheriff[bot]')).resolves.toBe('none');
    await expect(checker.isOrgMember('sheriff[bot]')).resolves.toBe(false);
    await expect(checker.isTeamMember('Dependabot[bot]', 'acme/core')).resolves.toBe(false);
    expect(double.requests).toHaveLength(0);
  });

  it('are let in by name in users', async () => {
    const decision = await checker.evaluate(rule({ users: ['renovate[bot]'], orgMembers: true }), {
      login: 'renovate[bot]',
    });
    expect(decision.allowed).toBe(true);
  });
});

describe('PermissionChecker.evaluate', () => {
  it.each<
    [
      string,
      Partial<AccessRule>,
      { login: string; authorLogin?: string; ownersApprovers?: string[] },
      boolean,
    ]
  >([
    ['allowAnyone lets a stranger in', { allowAnyone: true }, { login: 'stranger' }, true],
    ['minRepoPermission none lets a stranger in', { minRepoPermission: 'none' }, { login: 'stranger' }, true],
    ['users matches ignoring case', { users: ['Zed'] }, { login: 'zED' }, true],
    ['users does not match others', { users: ['zed'] }, { login: 'zedd' }, false],
    ['author lets the author in', { author: true }, { login: 'Erin', authorLogin: 'erin' }, true],
    ['author refuses someone else', { author: true }, { login: 'frank', authorLogin: 'erin' }, false],
    ['author refuses when there is no author', { author: true }, { login: 'frank' }, false],
    ['the author is nobody special without author', {}, { login: 'erin', authorLogin: 'erin' }, false],
    [
      'ownersApprovers lets an approver in',
      { ownersApprovers: true },
      { login: 'Paula', ownersApprovers: ['paula'] },
      true,
    ],
    [
      'ownersApprovers refuses a non-approver',
      { ownersApprovers: true },
      { login: 'quinn', ownersApprovers: ['paula'] },
      false,
    ],
    ['orgMembers lets an owner-org member in', { orgMembers: true }, { login: 'alice' }, true],
    ['orgMembers refuses a non-member', { orgMembers: true }, { login: 'stranger' }, false],
    ['orgs lets a member of a listed org in', { orgs: ['other'] }, { login: 'olga' }, true],
    ['orgs refuses a member of the owner org only', { orgs: ['other'] }, { login: 'alice' }, false],
    ['teams lets a team member in', { teams: ['acme/release'] }, { login: 'dave' }, true],
    ['teams refuses an org member outside the team', { teams: ['acme/release'] }, { login: 'alice' }, false],
    ['minRepoPermission triage lets triage in', { minRepoPermission: 'triage' }, { login: 'tom' }, true],
    ['minRepoPermission triage lets maintain in', { minRepoPermission: 'triage' }, { login: 'max' }, true],
    ['minRepoPermission triage refuses read', { minRepoPermission: 'triage' }, { login: 'rita' }, false],
    ['minRepoPermission admin refuses maintain', { minRepoPermission: 'admin' }, { login: 'max' }, false],
    ['an empty rule refuses everyone', {}, { login: 'ada' }, false],
  ])('%s', async (_name, input, subject, allowed) => {
    const decision = await checker.evaluate(rule(input), subject);
    expect(decision.allowed).toBe(allowed);
  });

  it('says why it allowed', async () => {
    const both = rule({ minRepoPermission: 'write', orgMembers: true });
    await expect(checker.evaluate(both, { login: 'alice' })).resolves.toEqual({
      allowed: true,
      because: 'alice is a member of acme',
    });
    await expect(checker.evaluate(both, { login: 'wendy' })).resolves.toEqual({
      allowed: true,
      because: 'wendy has write on acme/widgets',
    });
  });

  it('refuses with the requirement, naming the command', async () => {
    const decision = await checker.evaluate(rule({ minRepoPermission: 'triage', orgMembers: true }), {
      login: 'rita',
      command: '/notify-owners',
    });
    expect(decision).toEqual({
      allowed: false,
      because: 'only collaborators with triage or higher, or members of acme, may use /notify-owners.',
    });
  });

  it('decides from the subject alone without asking GitHub', async () => {
    const everything = rule({
      users: ['zed'],
      author: true,
      ownersApprovers: true,
      orgMembers: true,
      minRepoPermission: 'read',
    });
    await checker.evaluate(everything, { login: 'zed' });
    await checker.evaluate(everything, { login: 'erin', authorLogin: 'erin' });
    await checker.evaluate(everything, { login: 'paula', ownersApprovers: ['paula'] });
    await checker.evaluate(rule({ allowAnyone: true, orgMembers: true }), { login: 'stranger' });
    expect(double.requests).toHaveLength(0);
  });

  it('checks org membership before the repository permission, and stops at the first yes', async () => {
    const both = rule({ minRepoPermission: 'read', orgMembers: true, teams: ['acme/core'] });
    await checker.evaluate(both, { login: 'alice' });
    expect(requestPaths()).toEqual(['/orgs/acme/members/alice']);
  });

  it('asks org, then teams, then the repository permission for someone who passes none', async () => {
    const all = rule({
      minRepoPermission: 'write',
      orgMembers: true,
      orgs: ['other', 'ACME'],
      teams: ['acme/core'],
    });
    await checker.evaluate(all, { login: 'rita' });
    expect(requestPaths()).toEqual([
      '/orgs/acme/members/rita',
      '/orgs/other/members/rita',
      '/orgs/acme/teams/core/memberships/rita',
      '/repos/acme/widgets/collaborators/rita/permission',
    ]);
  });
});

describe('caching per checker', () => {
  it('asks once for two identical checks', async () => {
    await checker.repoPermission('tom');
    await checker.repoPermission('TOM');
    await checker.isOrgMember('alice');
    await checker.isOrgMember('Alice', 'ACME');
    await checker.isTeamMember('carol', 'acme/core');
    await checker.isTeamMember('carol', 'Acme/Core');
    expect(requestPaths()).toEqual([
      '/repos/acme/widgets/collaborators/tom/permission',
      '/orgs/acme/members/alice',
      '/orgs/acme/teams/core/memberships/carol',
    ]);
  });

  it('shares one in-flight request between concurrent checks', async () => {
    double.faults.add({ route: PERMISSION_PATH, respond: { delayMs: 20 } });
    const answers = await Promise.all([
      checker.repoPermission('tom'),
      checker.repoPermission('tom'),
      checker.evaluate(rule({ minRepoPermission: 'triage' }), { login: 'Tom' }),
    ]);
    expect(answers.slice(0, 2)).toEqual(['triage', 'triage']);
    expect(double.requests).toHaveLength(1);
  });

  it('caches a refusal too', async () => {
    const orgOnly = rule({ orgMembers: true });
    await checker.evaluate(orgOnly, { login: 'stranger' });
    await checker.evaluate(orgOnly, { login: 'stranger' });
    expect(double.requests).toHaveLength(1);
  });

  it('is per checker, so a new delivery asks again', async () => {
    await checker.isOrgMember('alice');
    const next = new PermissionChecker(
      new ProbotOctokit({
        request: { fetch: double.fetch },
        throttle: { enabled: false },
        retry: { enabled: false },
      }) as unknown as GitHubClient,
      { owner: 'acme', name: 'widgets' },
    );
    await next.isOrgMember('alice');
    expect(double.requests).toHaveLength(2);
  });
});

describe('errors', () => {
  it.each<[string, string, (checker: PermissionChecker) => Promise<unknown>]>([
    ['repoPermission', PERMISSION_PATH, (c) => c.repoPermission('ada')],
    ['isOrgMember', MEMBER_PATH, (c) => c.isOrgMember('alice')],
    ['isTeamMember', TEAM_PATH, (c) => c.isTeamMember('carol', 'acme/core')],
  ])('%s propagates a 500', async (_name, route, check) => {
    double.faults.add({ route, respond: { status: 500 } });
    await expect(check(checker)).rejects.toMatchObject({ status: 500 });
  });

  it('evaluate propagates a 500 instead of allowing or refusing', async () => {
    double.faults.add({ route: PERMISSION_PATH, respond: { status: 500 } });
    await expect(
      checker.evaluate(rule({ minRepoPermission: 'read' }), { login: 'ada', command: '/retest' }),
    ).rejects.toMatchObject({ status: 500 });
  });

  it('propagates a 403 (for example a missing App permission) rather than reading it as no', async () => {
    double.faults.add({ route: MEMBER_PATH, respond: { status: 403 } });
    await expect(checker.evaluate(rule({ orgMembers: true }), { login: 'alice' })).rejects.toMatchObject({
      status: 403,
    });
  });

  it('shares the failure with concurrent callers and forgets it, so a retry asks again', async () => {
    double.faults.add({ route: MEMBER_PATH, respond: { status: 502, delayMs: 20 } });
    const results = await Promise.allSettled([checker.isOrgMember('alice'), checker.isOrgMember('alice')]);
    expect(results.map((result) => result.status)).toEqual(['rejected', 'rejected']);
    await expect(checker.isOrgMember('alice')).resolves.toBe(true);
    expect(double.requests).toHaveLength(2);
  });
});
