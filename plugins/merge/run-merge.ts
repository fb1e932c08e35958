import type { GitHubClient } from '../../src/github/github-app.js';
import type { EventContext } from '../../src/plugins/plugin-definition.js';
import { decideMergeChecks, decideMergeLabels, type MergePull } from './decide-merge.js';
import { findMergeCandidates } from './find-merge-candidates.js';
import type { MergeConfig } from './merge-config.js';
import { readHeadCheckResults } from './head-check-results.js';
import { reportMergeFailure } from './report-merge-failure.js';

type Repo = { owner: string; repo: string };

/**
 * A small Tide, driven by events: find the PRs an event may have made mergeable, drop those whose
 * webhook labels already say no (no request), then for each one read the PR and its head's checks
 * fresh, decide, and merge at exactly that head (`sha`, so a push in between makes GitHub refuse).
 * A refused merge is reported on the PR once per head and reason; a server error fails the job,
 * which is retried.
 */
export async function runMerge(context: EventContext<MergeConfig>): Promise<void> {
  const { event, config, github, log } = context;
  const payload = event.payload as { repository?: { name?: string; owner?: { login?: string } } };
  const owner = payload.repository?.owner?.login;
  const name = payload.repository?.name;
  if (!github || !owner || !name) return;
  const repo = { owner, repo: name };
  const candidates = findMergeCandidates(event.name, event.payload);
  if (candidates.kind === 'none') return;

  const numbers =
    candidates.kind === 'pulls'
      ? candidates.pulls
          .filter((pull) => !pull.labels || labelsMayPass(pull.labels, config))
          .map((pull) => pull.number)
      : await openPullsWithHead(github, repo, candidates.sha, config);
  for (const number of numbers) {
    const outcome = await considerMerge(github, repo, number, config);
    log.info({ pull: number, outcome }, 'merge considered');
  }
}

/** The webhook's labels, as a first check that costs nothing. */
function labelsMayPass(labels: readonly string[], config: MergeConfig): boolean {
  return decideMergeLabels({ state: 'open', draft: false, merged: false, labels }, config).merge;
}

/** Open PRs at `sha` whose labels may pass: one request per 100 open PRs. */
async function openPullsWithHead(github: GitHubClient, repo: Repo, sha: string, config: MergeConfig) {
  const pulls = await github.paginate(github.rest.pulls.list, { ...repo, state: 'open', per_page: 100 });
  return pulls
    .filter((pull) => pull.head.sha === sha)
    .filter((pull) =>
      labelsMayPass(
        pull.labels.map((label) => label.name),
        config,
      ),
    )
    .map((pull) => pull.number);
}

/** Fresh reads, the decision, and the merge of one PR; returns what happened, for the log. */
async function considerMerge(github: GitHubClient, repo: Repo, number: number, config: MergeConfig) {
  const { data } = await github.rest.pulls.get({ ...repo, pull_number: number });
  const pull: MergePull = {
    state: data.state,
    draft: data.draft ?? false,
    merged: data.merged,
    labels: data.labels.map((label) => label.name),
    mergeable: data.mergeable,
  };
  const labels = decideMergeLabels(pull, config);
  if (!labels.merge) return labels.reason;
  const checks = decideMergeChecks(
    pull,
    await readHeadCheckResults(github, repo, data.head.sha),
    config.requiredChecks,
  );
  if (!checks.merge) return checks.reason;
  try {
    await github.rest.pulls.merge({
      ...repo,
      pull_number: number,
      sha: data.head.sha,
      merge_method: config.method,
    });
    return 'merged';
  } catch (error) {
    const status = (error as { status?: number }).status;
    if (status === undefined || status >= 500) throw error;
    // Merged meanwhile (another event got there first): nothing failed.
    const { data: now } = await github.rest.pulls.get({ ...repo, pull_number: number });
    if (now.merged) return 'merged by another event';
    const message = (error as { response?: { data?: { message?: string } } }).response?.data?.message;
    const reason = `${message ?? 'GitHub refused the merge'} (HTTP ${status})`;
    await reportMergeFailure(github, { ...repo, number }, data.head.sha, reason);
    return `merge refused: ${reason}`;
  }
}
