import { compileJobPattern } from '../../src/areas/job-pattern.js';

const matches = (pattern: string, job: string) => {
  const compiled = compileJobPattern(pattern);
  if (!compiled.ok) throw new Error(compiled.error);
  return compiled.test(job);
};

describe('job-name patterns', () => {
  it.each([
    // Globs match the whole name; * crosses anything, job names included.
    ['post-lambda-controller-release', 'post-lambda-controller-release', true],
    ['post-*-release', 'post-lambda-controller-release', true],
    ['post-*-release', 'post-lambda-controller-release-v2', false],
    ['*-release', 'ci/lambda-release', true],
    ['publish (lambda, *)', 'publish (lambda, helm-chart)', true],
    ['publish (lambda, *)', 'publish (s3, helm-chart)', false],
    ['lambda-?', 'lambda-1', true],
    ['lambda-?', 'lambda-10', false],
    ['lambda.release', 'lambdaXrelease', false],
    ['Post-*', 'post-lambda', false],
    ['a***b', 'a-b', true],
    // Regular expressions are unanchored unless anchored, case-sensitive unless /i.
    ['/lambda/', 'post-lambda-controller-release', true],
    ['/^lambda-/', 'post-lambda-controller-release', false],
    ['/^(pull|post)-lambda-/', 'pull-lambda-e2e', true],
    ['/RELEASE$/i', 'post-lambda-controller-release', true],
    ['/RELEASE$/', 'post-lambda-controller-release', false],
    ['/a/b/', 'xa/bx', true],
  ])('%s against %s: %s', (pattern, job, expected) => {
    expect(matches(pattern, job)).toBe(expected);
  });

  it.each([
    ['', 'a job pattern must not be empty'],
    ['/lambda', '/lambda: a pattern starting with / is a regular expression and must end with /'],
    ['/lambda/g', '/lambda/g: the only flag allowed is i'],
    ['/[a/', expect.stringMatching(/^\/\[a\/: Invalid regular expression/)],
  ])('refuses %j', (pattern, error) => {
    expect(compileJobPattern(pattern)).toEqual({ ok: false, error });
  });

  it('stays fast on a pathological glob', () => {
    const started = Date.now();
    expect(matches(`${'a*'.repeat(30)}b`, 'a'.repeat(5000))).toBe(false);
    expect(Date.now() - started).toBeLessThan(1000);
  });
});
