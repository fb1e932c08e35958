import type { OwnersIndex } from '../owners/owners-index.js';
import { compileJobPattern } from './job-pattern.js';
import { compilePathExclusions, compilePathGlobs } from './path-globs.js';
import type { ServiceArea } from './service-area.js';

/** What can belong to an area: a repository path, a release job's name, or an issue's labels. */
export type AreaSubject =
  { readonly path: string } | { readonly job: string } | { readonly labels: readonly string[] };

interface AreaMatchers {
  readonly path: (path: string) => boolean;
  readonly excluded: (path: string) => boolean;
  readonly jobs: ReadonlyArray<(job: string) => boolean>;
  readonly labels: ReadonlySet<string>;
}

// Areas are immutable values; their compiled globs and patterns are kept beside them.
const compiled = new WeakMap<ServiceArea, AreaMatchers>();

/**
 * The areas something belongs to, sorted by name (an empty list when none):
 *
 * - a **path** is in an area when one of its path globs matches, or when OWNERS gives the path one
 *   of the area's labels (the labels owners-label would put on a PR touching it), and no `!glob`
 *   of the area excludes it;
 * - a **job** is in an area when one of its job patterns matches the name;
 * - **labels** are in an area when one of them is an area label (case-insensitive).
 *
 * @example
 * matchAreas(areas, { path: 'services/s3/pkg/bucket.go' }, index).map((a) => a.name); // ['s3']
 * matchAreas(areas, { job: 'post-lambda-controller-release' }).map((a) => a.name); // ['lambda']
 * matchAreas(areas, { labels: ['service/lambda', 'area/prow'] }).map((a) => a.name); // ['lambda', 'prow']
 */
export function matchAreas(
  areas: readonly ServiceArea[],
  subject: AreaSubject,
  owners?: OwnersIndex,
): ServiceArea[] {
  if ('path' in subject) {
    const ownersLabels = owners ? lowerCased(owners.labels(subject.path)) : new Set<string>();
    return areas.filter((area) => {
      const matchers = matchersOf(area);
      if (matchers.excluded(subject.path)) return false;
      return matchers.path(subject.path) || [...matchers.labels].some((label) => ownersLabels.has(label));
    });
  }
  if ('job' in subject) {
    return areas.filter((area) => matchersOf(area).jobs.some((test) => test(subject.job)));
  }
  const labels = lowerCased(subject.labels);
  return areas.filter((area) => [...matchersOf(area).labels].some((label) => labels.has(label)));
}

function matchersOf(area: ServiceArea): AreaMatchers {
  let matchers = compiled.get(area);
  if (matchers === undefined) {
    matchers = {
      path: compilePathGlobs(area.paths),
      excluded: compilePathExclusions(area.paths),
      // The config schema has refused bad patterns; one that still fails to compile matches nothing.
      jobs: area.jobs.map((pattern) => {
        const job = compileJobPattern(pattern);
        return job.ok ? job.test : () => false;
      }),
      labels: lowerCased(area.labels),
    };
    compiled.set(area, matchers);
  }
  return matchers;
}

function lowerCased(labels: Iterable<string>): Set<string> {
  return new Set([...labels].map((label) => label.toLowerCase()));
}
