import type { CommandContext } from '../../src/plugins/plugin-definition.js';
import { RerunAudit } from '../../src/rerun/rerun-audit.js';
import { TrackerStore } from '../release-tracker/tracker-store.js';
import { decideTargets, type RetestContext } from './decide-targets.js';
import { parseRetestRelease, USAGE } from './parse-retest-release.js';
import { isFailed, type ReleaseRun, ReleaseRuns } from './release-runs.js';
import { renderList } from './render-retest-release.js';
import type { RetestReleaseConfig } from './retest-release-config.js';
import { RERUN_JOB, rerunJobKey, type RerunJobData } from './rerun-job-data.js';

/**
 * `/retest-release` on an issue or pull request: work out which failed release runs the comment
 * means (the tracking issue's job, the merge commit's or a named commit's release runs, or named
 * jobs) from the tracker's records, answer `--list`, unknown jobs and "nothing failed" at once,
 * and queue the rest as one job: permission, guard rails, backends, audit and the single reply
 * happen there, where a 5xx can be retried without running the other plugins again.
 */
export async function runRetestRelease(context: CommandContext<RetestReleaseConfig>): Promise<void> {
  const { comment } = context;
  const parsed = parseRetestRelease(context.commands);
  if (!parsed.ok) {
    await context.reply(parsed.error);
    return;
  }
  const runs = new ReleaseRuns(context.store);
  const commits = parsed.request.kind === 'retest' ? parsed.request.commits : [];
  const resolved = await resolveContext(context, runs, commits);

  if (parsed.request.kind === 'list') {
    await context.reply(renderList(resolved.label, resolved.runs.filter(isFailed)));
    return;
  }
  const jobs = parsed.request.jobs;
  const lookups = new Map<string, ReleaseRun | undefined>();
  for (const job of jobs) {
    if (!resolved.runs.some((run) => run.job === job))
      lookups.set(job, await runs.latestOfJob(resolved.repositories, job));
  }
  const unknown = jobs.some((job) => !resolved.runs.some((run) => run.job === job) && !lookups.get(job));
  const known = unknown ? await runs.jobNames(resolved.repositories) : [];
  const decision = decideTargets(jobs, resolved, lookups, known);

  if (decision.targets.length === 0) {
    const usage = resolved.runs.length === 0 && jobs.length === 0 && !resolved.specific;
    await context.reply(
      usage
        ? `${decision.lines.join('\n')}\nOn a release tracking issue, a merged pull request, or with a job name or commit: ${USAGE}.`
        : decision.lines.join('\n'),
    );
    return;
  }
  // A delivery retried for another plugin's sake runs this again: its re-runs are already queued.
  if ((await new RerunAudit(context.store).ofRequest(context.deliveryId)).length > 0) return;
  const data: RerunJobData = {
    requestId: context.deliveryId,
    comment: {
      repository: comment.repo.fullName,
      number: comment.number,
      login: comment.authorLogin,
      body: comment.body,
      url: comment.htmlUrl,
    },
    lines: decision.lines,
    runIds: decision.targets.map((run) => run.runId),
  };
  // `once`: a retried delivery does not queue (and so reply and re-run) a second time.
  await context.enqueue({
    name: RERUN_JOB,
    key: rerunJobKey(decision.targets[0]!.repository),
    data,
    once: context.deliveryId,
  });
  context.log.info({ runs: data.runIds, by: comment.authorLogin }, '/retest-release queued its re-runs');
}

interface ResolvedContext extends RetestContext {
  /** Repositories whose jobs a name may refer to. */
  readonly repositories: string[];
  /** The context was a tracking issue, a pull request or a named commit (not just any issue). */
  readonly specific: boolean;
}

/** The release runs the comment's place means: tracking issue, merged pull request, named commits. */
async function resolveContext(
  context: CommandContext<RetestReleaseConfig>,
  runs: ReleaseRuns,
  commits: readonly string[],
): Promise<ResolvedContext> {
  const { comment } = context;
  const repositories = [comment.repo.fullName];
  const found: ReleaseRun[] = [];
  const notes: string[] = [];
  const labels: string[] = [];
  const tracked = await new TrackerStore(context.store).findByIssue(comment.repo.fullName, comment.number);
  if (tracked) {
    labels.push('this tracking issue');
    if (!repositories.some((repository) => sameRepository(repository, tracked.state.repository)))
      repositories.push(tracked.state.repository);
    found.push(...(await runs.latestOfKey(tracked.key)));
  } else if (comment.isPullRequest && commits.length === 0) {
    const { data: pull } = await context.github.rest.pulls.get({
      owner: comment.repo.owner,
      repo: comment.repo.name,
      pull_number: comment.number,
    });
    if (pull.merged && pull.merge_commit_sha) {
      labels.push(`merge commit \`${pull.merge_commit_sha.slice(0, 12)}\` of this pull request`);
      found.push(...(await runs.latestOfCommit(comment.repo.fullName, pull.merge_commit_sha)));
    } else {
      labels.push('this pull request');
      notes.push('This pull request is not merged: its code has no release runs to re-run.');
    }
  }
  for (const sha of commits) {
    labels.push(`commit \`${sha.slice(0, 12)}\``);
    for (const run of await runs.latestOfCommit(comment.repo.fullName, sha))
      if (!found.some((other) => other.runId === run.runId)) found.push(run);
  }
  return {
    label: labels.length > 0 ? labels.join(' and ') : 'this issue',
    runs: found,
    notes,
    repositories,
    specific: labels.length > 0,
  };
}

function sameRepository(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}
