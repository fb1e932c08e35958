import type { OwnersIndex } from './owners-index.js';

/** One element of `sheriff owners --json` output (contract section 3). */
export interface OwnersDescription {
  /** The path exactly as given. */
  readonly path: string;
  /** Prow `Approvers(path)`: everyone whose `/approve` counts for it. */
  readonly approvers: readonly string[];
  /** Prow `LeafReviewers(path)`: the nearest OWNERS level that names reviewers. */
  readonly reviewers: readonly string[];
  /** Prow `FindLabelsForFile(path)`: what owners-label adds. */
  readonly labels: readonly string[];
}

/**
 * The `sheriff owners --dir DIR --json PATH...` answer: one object per path, in the order given.
 * Logins are lower-cased; every list is sorted and unique.
 *
 * @example
 * describeOwnersForPaths(index, ['services/lambda/olm/olmconfig.yaml']);
 * // [{ path: 'services/lambda/olm/olmconfig.yaml',
 * //    approvers: ['ana-lambda', 'bo-lambda', 'kai-release', 'lee-release', 'oli-olm'],
 * //    reviewers: ['cam-lambda'], labels: ['area/olm', 'area/release', 'service/lambda'] }]
 */
export function describeOwnersForPaths(index: OwnersIndex, paths: readonly string[]): OwnersDescription[] {
  return paths.map((path) => {
    const resolution = index.resolve(path);
    return {
      path,
      approvers: resolution.approvers,
      reviewers: resolution.leafReviewers,
      labels: resolution.labels,
    };
  });
}
