import { isTrustedApp } from '../../../plugins/trigger/trusted-user.js';

describe("trusted_apps (prow.md 1.7 'Who may trigger')", () => {
  it.each([
    ['dependabot[bot]', ['dependabot'], true],
    ['dependabot[bot]', ['dependabot[bot]'], true],
    ['Dependabot[bot]', ['dependabot'], true],
    ['dependabot', ['dependabot'], false],
    ['renovate[bot]', ['dependabot'], false],
    ['dependabot[bot]', [], false],
    ['evil-dependabot[bot]', ['dependabot'], false],
  ])('%s with %j: %s', (login, apps, expected) => {
    expect(isTrustedApp(login, apps)).toBe(expected);
  });
});
