import { BUILTIN_PLUGINS } from '../../plugins/index.js';
import { buildConfigSchema } from '../../src/config/sheriff-config-schema.js';
import { validateConfigText } from '../../src/config/validate-config.js';

const schema = buildConfigSchema(BUILTIN_PLUGINS);

describe('areas in .github/sheriff.yml', () => {
  it('fills every default of an area', () => {
    const result = validateConfigText(schema, 'areas:\n  lambda:\n    labels: [service/lambda]\n');
    expect(result.ok && result.config.areas).toEqual({
      lambda: {
        paths: [],
        jobs: [],
        labels: ['service/lambda'],
        owners: { mode: 'add', approvers: [], reviewers: [] },
        severity: 'warning',
      },
    });
  });

  it.each([
    ['areas:\n  Lambda: {}\n', 'areas.Lambda', 2, /lower-case/],
    [
      'areas:\n  lambda:\n    jobs: ["/^lambda-[/"]\n',
      'areas.lambda.jobs.0',
      3,
      /Invalid regular expression/,
    ],
    ['areas:\n  lambda:\n    jobs: ["/lambda"]\n', 'areas.lambda.jobs.0', 3, /must end with \//],
    [
      'areas:\n  lambda:\n    paths: [/services/lambda/**]\n',
      'areas.lambda.paths.0',
      3,
      /drop the leading \//,
    ],
    ['areas:\n  lambda:\n    severity: urgent\n', 'areas.lambda.severity', 3, /critical/],
    ['areas:\n  lambda:\n    owners:\n      mode: replace\n', 'areas.lambda.owners.mode', 4, /add/],
    [
      'areas:\n  lambda:\n    owners:\n      approvers: ["ana lambda"]\n',
      'areas.lambda.owners.approvers.0',
      4,
      /login/,
    ],
    ['areas:\n  lambda:\n    slak: "#lambda"\n', 'areas.lambda.slak', 3, /Unrecognized key/],
  ])('refuses %j at %s (line %i)', (text, path, line, message) => {
    const result = validateConfigText(schema, text);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.problems).toEqual([expect.objectContaining({ path, line })]);
      expect(result.problems[0]!.message).toMatch(message);
    }
  });
});
