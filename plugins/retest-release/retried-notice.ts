import type { ReleaseNotice } from '../../src/notifications/release-notice.js';
import { episodeNotice } from '../release-tracker/tracker-notices.js';
import type { TrackerState } from '../release-tracker/tracker-state.js';

/**
 * The `retried` notice of a re-run, pure: built like the tracker's own notices (same key,
 * episode and routing), so receivers thread it under the tracking issue's messages. None when the
 * key has no open episode (nothing is being tracked to tell about).
 *
 * @example
 * retriedNotice(key, state, { actor: 'ana-lambda', rerunId: 7, url, at }).summary;
 * // 'ana-lambda re-ran post-lambda-controller-release'
 */
export function retriedNotice(
  key: string,
  state: TrackerState,
  retry: { actor: string; rerunId: number; url: string | null; at: string },
): ReleaseNotice | null {
  const ep = state.episode;
  if (!ep) return null;
  return {
    ...episodeNotice(key, state, ep, {
      kind: 'retried',
      discriminator: retry.rerunId,
      summary: `${retry.actor} re-ran ${state.job}`,
      at: retry.at,
    }),
    logsUrl: retry.url ?? ep.lastFailure.url,
    actor: retry.actor,
  };
}
