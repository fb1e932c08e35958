/** A compiled job-name pattern of a service area. */
export type JobPatternResult =
  | { readonly ok: true; readonly test: (jobName: string) => boolean }
  | { readonly ok: false; readonly error: string };

/** `/body/` or `/body/i`: the whole pattern between slashes, then optional flags. */
const REGEX_FORM = /^\/(.+)\/([a-z]*)$/s;

/**
 * Compiles a job-name pattern as `areas.<name>.jobs` writes it. Two forms:
 *
 * - a **glob**, matched against the whole name, case-sensitively: `*` is any run of characters
 *   (slashes, spaces and parentheses included, as job names contain them), `?` is one character,
 *   everything else is literal. `post-*-release` matches `post-lambda-controller-release`.
 * - a **regular expression** between slashes, JavaScript syntax, unanchored unless it says `^`/`$`,
 *   with the optional flag `i`: `/^(pull|post)-lambda-/`, `/release/i`.
 *
 * @example
 * compileJobPattern('publish (lambda, *)').ok; // true
 * compileJobPattern('/^lambda-[/').ok; // false: the error says why
 */
export function compileJobPattern(pattern: string): JobPatternResult {
  if (pattern.trim() === '') return { ok: false, error: 'a job pattern must not be empty' };
  if (pattern.startsWith('/')) {
    const form = REGEX_FORM.exec(pattern);
    if (!form)
      return {
        ok: false,
        error: `${pattern}: a pattern starting with / is a regular expression and must end with /`,
      };
    const [, body, flags] = form as unknown as [string, string, string];
    if (!/^i?$/.test(flags)) return { ok: false, error: `${pattern}: the only flag allowed is i` };
    try {
      const regexp = new RegExp(body, flags);
      return { ok: true, test: (jobName) => regexp.test(jobName) };
    } catch (error) {
      return { ok: false, error: `${pattern}: ${(error as Error).message}` };
    }
  }
  const glob = [...pattern];
  return { ok: true, test: (jobName) => matchesGlob(glob, [...jobName]) };
}

/**
 * Wildcard matching of `*` and `?` over code points, by the greedy two-pointer method: it remembers
 * only the last `*`, so it takes at most `pattern × name` steps and never backtracks further (a
 * regular expression built from `a*a*a*…b` could take exponential time).
 */
function matchesGlob(glob: readonly string[], name: readonly string[]): boolean {
  let g = 0;
  let n = 0;
  let star = -1;
  let resume = 0;
  while (n < name.length) {
    if (g < glob.length && (glob[g] === '?' || (glob[g] !== '*' && glob[g] === name[n]))) {
      g += 1;
      n += 1;
    } else if (g < glob.length && glob[g] === '*') {
      star = g;
      resume = n;
      g += 1;
    } else if (star !== -1) {
      g = star + 1;
      resume += 1;
      n = resume;
    } else {
      return false;
    }
  }
  while (g < glob.length && glob[g] === '*') g += 1;
  return g === glob.length;
}
