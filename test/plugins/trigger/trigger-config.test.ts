import { triggerConfigSchema } from '../../../plugins/trigger/trigger-config.js';

/** Each problem as `path: message`, as `sheriff validate-config` names keys. */
function problems(input: unknown): string[] {
  const result = triggerConfigSchema.safeParse(input);
  return result.success
    ? []
    : result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
}

describe('plugins.trigger config', () => {
  it('defaults: Prow jobs on, no trusted apps, no listed presubmits', () => {
    expect(triggerConfigSchema.parse({})).toMatchObject({
      prowJobs: 'auto',
      trustedApps: [],
      presubmits: [],
    });
  });

  it.each([
    [{ trustedApps: ['dependabot', 'renovate[bot]'] }, []],
    [{ trustedApps: ['not an app'] }, ['trustedApps.0: must be a GitHub App slug, e.g. dependabot']],
    [{ prowJobs: 'gangway' }, ['prowJobs: Invalid option: expected one of "auto"|"off"']],
    [
      { presubmits: [{ name: 'pull-unit' }, { name: 'pull-unit', optional: true }] },
      ['presubmits.1.name: duplicate job name pull-unit'],
    ],
    [
      { presubmits: [{ name: 'pull-unit', runIfChanged: '[' }] },
      ['presubmits.0.runIfChanged: must be a valid regular expression'],
    ],
  ])('%j: %j', (input, expected) => {
    expect(problems(input)).toEqual(expected);
  });
});
