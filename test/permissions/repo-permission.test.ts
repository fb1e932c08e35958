import type { RepoPermission } from '../../src/permissions/access-rule.js';
import { includesLogin, isBotLogin, sameLogin } from '../../src/permissions/github-login.js';
import {
  type CollaboratorPermissionBody,
  hasRepoPermission,
  repoPermissionFrom,
} from '../../src/permissions/repo-permission.js';
import { parseTeamRef } from '../../src/permissions/team-ref.js';

describe('hasRepoPermission', () => {
  it.each<[RepoPermission, RepoPermission, boolean]>([
    ['admin', 'maintain', true],
    ['maintain', 'write', true],
    ['write', 'triage', true],
    ['triage', 'triage', true],
    ['read', 'triage', false],
    ['none', 'read', false],
    ['none', 'none', true],
    ['maintain', 'admin', false],
  ])('%s meets %s: %s', (actual, required, expected) => {
    expect(hasRepoPermission(actual, required)).toBe(expected);
  });
});

describe('repoPermissionFrom', () => {
  const flags = (strongest: 'admin' | 'maintain' | 'push' | 'triage' | 'pull' | 'nothing') => {
    const order = ['pull', 'triage', 'push', 'maintain', 'admin'];
    const rank = order.indexOf(strongest);
    return Object.fromEntries(order.map((flag, index) => [flag, index <= rank]));
  };

  it.each<[string, CollaboratorPermissionBody | null, RepoPermission]>([
    ['role_name triage over legacy read', { permission: 'read', role_name: 'triage' }, 'triage'],
    ['role_name maintain over legacy write', { permission: 'write', role_name: 'maintain' }, 'maintain'],
    ['role_name none', { permission: 'none', role_name: 'none' }, 'none'],
    ['legacy admin', { permission: 'admin' }, 'admin'],
    ['legacy write', { permission: 'write' }, 'write'],
    ['legacy read', { permission: 'read' }, 'read'],
    ['legacy none', { permission: 'none' }, 'none'],
    [
      'custom role, flags say maintain',
      { permission: 'write', role_name: 'releaser', user: { permissions: flags('maintain') } },
      'maintain',
    ],
    [
      'custom role, flags say triage',
      { permission: 'read', role_name: 'helper', user: { permissions: flags('triage') } },
      'triage',
    ],
    ['custom role, no flags', { permission: 'read', role_name: 'helper' }, 'read'],
    ['an unknown value grants nothing', { permission: 'superuser' }, 'none'],
    ['no body', null, 'none'],
  ])('%s', (_name, body, expected) => {
    expect(repoPermissionFrom(body)).toBe(expected);
  });
});

describe('parseTeamRef', () => {
  it('splits org/team-slug', () => {
    expect(parseTeamRef('acme/release-managers')).toEqual({ org: 'acme', slug: 'release-managers' });
  });

  it.each(['core', 'a/b/c', '/core', 'acme/', '', 'acme / core'])('rejects %j', (team) => {
    expect(() => parseTeamRef(team)).toThrow(`teams: "${team}" is not org/team-slug`);
  });
});

describe('logins', () => {
  it('compare without case', () => {
    expect(sameLogin('Alice', 'aLICE')).toBe(true);
    expect(includesLogin(['Bob', 'alice'], 'ALICE')).toBe(true);
    expect(includesLogin(['alice'], 'alic')).toBe(false);
  });

  it.each<[string, boolean]>([
    ['sheriff[bot]', true],
    ['Dependabot[BOT]', true],
    ['robot', false],
    ['bot', false],
  ])('%s is a bot: %s', (login, expected) => {
    expect(isBotLogin(login)).toBe(expected);
  });
});
