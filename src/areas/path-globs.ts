import picomatch from 'picomatch';

/** Options shared by every path glob: dot-files and dot-directories match (`.github/**`). */
const GLOB_OPTIONS = { dot: true } as const;

/**
 * Checks one `areas.<name>.paths` entry; `undefined` when it is usable, else why not.
 *
 * @example
 * pathGlobProblem('/services/**'); // 'paths are relative to the repository root: drop the leading /'
 */
export function pathGlobProblem(glob: string): string | undefined {
  const positive = glob.startsWith('!') ? glob.slice(1) : glob;
  if (positive.trim() === '') return 'a path glob must not be empty';
  if (positive.startsWith('/')) return 'paths are relative to the repository root: drop the leading /';
  return undefined;
}

/**
 * A matcher for an area's path globs (picomatch syntax, `dot: true`): a path is in when some glob
 * matches it and no `!glob` does. With no positive glob nothing matches.
 *
 * @example
 * const inLambda = compilePathGlobs(['services/lambda/**', '!services/lambda/docs/**']);
 * inLambda('services/lambda/olm/olmconfig.yaml'); // true
 * inLambda('services/lambda/docs/index.md'); // false
 */
export function compilePathGlobs(globs: readonly string[]): (path: string) => boolean {
  const include = globs.filter((glob) => !glob.startsWith('!'));
  const exclude = globs.filter((glob) => glob.startsWith('!')).map((glob) => glob.slice(1));
  if (include.length === 0) return () => false;
  const included = picomatch(include, GLOB_OPTIONS);
  const excluded = exclude.length === 0 ? () => false : picomatch(exclude, GLOB_OPTIONS);
  return (path) => included(path) && !excluded(path);
}

/**
 * Whether `path` is excluded by a `!glob` of the list: exclusions also apply to paths an area
 * gets from OWNERS labels.
 */
export function compilePathExclusions(globs: readonly string[]): (path: string) => boolean {
  const exclude = globs.filter((glob) => glob.startsWith('!')).map((glob) => glob.slice(1));
  return exclude.length === 0 ? () => false : picomatch(exclude, GLOB_OPTIONS);
}

/**
 * The directory a glob starts in (`services/lambda` for `services/lambda/**`, `''` for `**\/*.go`),
 * or the path itself when it has no magic: where the area's OWNERS owners are looked up.
 *
 * @example
 * globBase('services/*\/helm/**'); // 'services'
 */
export function globBase(glob: string): { path: string; isDirectory: boolean } {
  const scanned = picomatch.scan(glob);
  return scanned.isGlob
    ? { path: scanned.base, isDirectory: true }
    : { path: scanned.base, isDirectory: false };
}
