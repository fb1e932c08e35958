import { type AccessRule, accessRuleSchema } from '../../src/permissions/access-rule.js';
import { describeAccessRule, describeRefusal } from '../../src/permissions/describe-access-rule.js';

const rule = (input: Partial<AccessRule> = {}): AccessRule => accessRuleSchema.parse(input);

describe('describeAccessRule', () => {
  it.each<[Partial<AccessRule>, string]>([
    [{ allowAnyone: true }, 'Anyone.'],
    [{ allowAnyone: true, orgMembers: true }, 'Anyone.'],
    [{ minRepoPermission: 'none' }, 'Anyone.'],
    [{}, 'No one: the access rule lists nobody.'],
    [{ minRepoPermission: 'read' }, 'Collaborators with read or higher.'],
    [{ minRepoPermission: 'admin' }, 'Collaborators with admin.'],
    [
      { minRepoPermission: 'triage', orgMembers: true },
      'Collaborators with triage or higher, or members of acme.',
    ],
    [{ orgMembers: true, orgs: ['Acme', 'kubernetes'] }, 'Members of acme or kubernetes.'],
    [{ orgs: ['a', 'b', 'c'] }, 'Members of a, b or c.'],
    [{ teams: ['acme/core'] }, 'Members of team acme/core.'],
    [{ teams: ['acme/core', 'acme/release'] }, 'Members of teams acme/core or acme/release.'],
    [{ users: ['alice'] }, 'alice.'],
    [{ users: ['alice', 'bob'] }, 'alice or bob.'],
    [{ teams: ['acme/core'], users: ['alice'] }, 'Members of team acme/core or alice.'],
    [{ author: true }, 'The author of the issue or pull request.'],
    [{ ownersApprovers: true }, 'OWNERS approvers of the files or area concerned.'],
    [
      {
        minRepoPermission: 'write',
        orgMembers: true,
        teams: ['acme/release'],
        ownersApprovers: true,
        author: true,
        users: ['alice', 'Alice', 'bob'],
      },
      'Collaborators with write or higher, members of acme, members of team acme/release, OWNERS approvers of ' +
        'the files or area concerned, the author of the issue or pull request, alice, or bob.',
    ],
  ])('describes %j', (input, expected) => {
    expect(describeAccessRule(rule(input), { owner: 'acme' })).toBe(expected);
  });

  it('says "the repository\'s organisation" when no repository is known (plugin help)', () => {
    expect(describeAccessRule(rule({ orgMembers: true }))).toBe("Members of the repository's organisation.");
  });

  it('writes logins without @, so a reply notifies no one it names', () => {
    expect(describeAccessRule(rule({ users: ['alice', 'bob'] }))).not.toContain('@');
  });
});

describe('describeRefusal', () => {
  it.each<[Partial<AccessRule>, string | undefined, string]>([
    [
      { minRepoPermission: 'triage', orgMembers: true },
      '/notify-owners',
      'only collaborators with triage or higher, or members of acme, may use /notify-owners.',
    ],
    [{ orgMembers: true }, '/ok-to-test', 'only members of acme may use /ok-to-test.'],
    [{ teams: ['acme/release'] }, undefined, 'only members of team acme/release may do this.'],
    [
      { author: true, minRepoPermission: 'write' },
      '/close',
      'only collaborators with write or higher, or the author of the issue or pull request, may use /close.',
    ],
    [{ users: ['alice', 'bob'] }, '/retest-release', 'only alice or bob may use /retest-release.'],
    [
      { orgMembers: true, author: true },
      '/reopen',
      'only members of acme, or the author of the issue or pull request, may use /reopen.',
    ],
    [{}, '/retest-release', 'no one may use /retest-release: the access rule lists nobody.'],
  ])('refuses %j for %s', (input, command, expected) => {
    expect(describeRefusal(rule(input), { owner: 'acme', command })).toBe(expected);
  });

  it('never starts with a slash, so the reply line cannot be read as a command', () => {
    expect(describeRefusal(rule({ users: ['/lgtm'] }), { command: '/x' })).toMatch(/^only /);
  });
});
