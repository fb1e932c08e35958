import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { GitHubClient } from '../../src/github/github-app.js';
import type { ReleaseNotice } from '../../src/notifications/release-notice.js';
import { PermanentJobError } from '../../src/pipeline/job-errors.js';
import type { BackgroundContext, PluginJobRun } from '../../src/plugins/plugin-definition.js';
import type { Database } from '../../src/store/schema.js';
import { type ActiveStorm, decideStorm, type StormJob } from './decide-storm.js';
import { ensureLabels } from './execute-tracker-actions.js';
import { findMarkedIssue, readTrackingIssue, splitRepository } from './read-tracking-issue.js';
import type { ReleaseTrackerConfig, StormPolicy } from './release-tracker-config.js';
import {
  renderStormBlock,
  renderStormBody,
  renderStormLink,
  renderStormResolved,
  renderStormTitle,
  stormKey,
  stormLinkMarker,
  type StormText,
} from './render-storm-issue.js';
import { type StormRow, StormStore } from './storm-store.js';
import { durationMs } from './tracker-duration.js';
import { stormNotice } from './tracker-notices.js';
import type { TrackingIssueRef } from './tracker-state.js';
import { spliceStatusBlock } from './tracking-marker.js';

/** The plugin job that keeps an org's storm current after each applied release run. */
export const STORM_CHECK_JOB = 'storm-check';

const stormCheckData = z.strictObject({
  org: z.string().min(1),
  /** The job's repository: its config says whether and how storms are handled. */
  repository: z.string().regex(/^[^/]+\/[^/]+$/),
  trackingKey: z.string().min(1),
  /** The run's own finish time: the storm window ends there. */
  finishedAt: z.string().nullable(),
});
export type StormCheckData = z.infer<typeof stormCheckData>;

/**
 * The queue key of an org's storm checks: one at a time per org, across workers and replicas, so
 * the umbrella is opened once and its member list is never rewritten by two checks at once. (The
 * store's one-open-storm-per-org index guards the same rule a second time.)
 */
export function stormQueueKey(org: string): string {
  return `release-tracker:storm:${org.toLowerCase()}`;
}

/**
 * The shell around `decideStorm` for one applied run: read the job and the org's storm, decide,
 * then open, join, update or resolve the umbrella on GitHub and in the store, publishing the
 * storm's notices with the store change.
 */
export async function runStormCheck(context: BackgroundContext & PluginJobRun): Promise<void> {
  const parsed = stormCheckData.safeParse(context.data);
  if (!parsed.success) throw new PermanentJobError(`storm-check job data: ${parsed.error.message}`);
  const data = parsed.data;
  const repo = await context.repositoryContext(data.repository);
  if (!repo?.enabled) return;
  const config = repo.config as ReleaseTrackerConfig;
  const policy = config.storm;
  if (!policy) return;

  const store = new StormStore(context.store);
  const [job] = await store.describeJobs([data.trackingKey]);
  if (!job) return;
  const active = await store.activeStorm(data.org);
  const until = data.finishedAt ? new Date(data.finishedAt) : context.now;
  const failing =
    !active && job.failing
      ? await store.failingJobs(data.org, new Date(until.getTime() - durationMs(policy.window)), until)
      : [];
  const decision = decideStorm({ job, active: active?.storm ?? null, failing }, policy);
  context.log.info(
    { org: data.org, key: data.trackingKey, decision: decision.type, reason: decision.reason },
    'storm check',
  );
  if (decision.type === 'none') return;

  const shell = new StormShell(context, repo.github, store, config, policy);
  const now = context.now.toISOString();
  let row = active?.row;
  if (decision.type === 'open') {
    row = await shell.open(data, decision.members, now);
  } else if (decision.type === 'join' && row) {
    const storm = row;
    await store.join(storm.id, decision.member, async (trx) => {
      const members = [...(active?.storm.members ?? []), decision.member];
      const notice = stormNotice('storm-updated', shell.noticeTarget(storm), storm.issue!, members, now);
      await shell.holdStormNotice(trx, storm, notice, until);
    });
  }
  if (!row) return;
  const current = await store.activeStorm(data.org);
  if (!current || current.row.id !== row.id) return;
  if (decision.type === 'resolve') await shell.resolve(current.row, current.storm, now, until);
  else await shell.sync(current.row, current.storm);
}

/** GitHub and store writes for one storm check. */
class StormShell {
  constructor(
    private readonly context: BackgroundContext & PluginJobRun,
    private readonly github: GitHubClient,
    private readonly store: StormStore,
    private readonly config: ReleaseTrackerConfig,
    private readonly policy: StormPolicy,
  ) {}

  /**
   * Claims the org's storm and opens its umbrella, or adopts the one an interrupted attempt
   * opened (found by its marker), then records it with its members and the `storm-opened` notice.
   */
  async open(data: StormCheckData, members: readonly StormJob[], now: string): Promise<StormRow> {
    const startedAt = members
      .map((member) => member.failedAt)
      .filter((at): at is string => at !== null)
      .sort()[0];
    const { row } = await this.store.claimStorm({
      org: data.org,
      repository: data.repository,
      issueRepository: this.config.issueRepo ?? data.repository,
      startedAt: startedAt ? new Date(startedAt) : new Date(now),
    });
    if (row.issue) return row;
    const text = this.text(row);
    const labels = [...this.policy.labels, this.config.labels.sheriff];
    if (this.config.labels.create) await ensureLabels(this.github, row.issueRepository, labels);
    const existing = await findMarkedIssue(
      this.github,
      row.issueRepository,
      text.key,
      this.config.labels.sheriff,
    );
    let issue: TrackingIssueRef;
    if (existing) {
      issue = { repository: row.issueRepository, number: existing.number };
    } else {
      const [owner, repo] = splitRepository(row.issueRepository);
      const { data: created } = await this.github.rest.issues.create({
        owner,
        repo,
        title: renderStormTitle(row.org, members.length, startedAt ?? null),
        body: renderStormBody(text, members),
        labels,
      });
      issue = { repository: row.issueRepository, number: created.number };
    }
    const opened = { ...row, issue };
    await this.store.recordOpened(row.id, issue, members, (trx) =>
      this.context.notify([stormNotice('storm-opened', this.noticeTarget(opened), issue, members, now)], trx),
    );
    return opened;
  }

  /**
   * Brings the umbrella's member list up to date and links the members' own issues to it. A
   * person who closed the umbrella is left alone (the storm still holds its members' notices).
   */
  async sync(row: StormRow, storm: ActiveStorm): Promise<void> {
    if (!row.issue) return;
    const umbrella = await readTrackingIssue(this.github, row.issue);
    if (umbrella.state === 'closed') return;
    const text = this.text(row);
    const spliced = spliceStatusBlock(umbrella.body, renderStormBlock(text, storm.members), text.key);
    if (spliced !== umbrella.body)
      await this.github.rest.issues.update({ ...target(row.issue), body: spliced });
    const unlinked = new Set(await this.store.unlinkedMembers(row.id));
    for (const member of storm.members) {
      if (!unlinked.has(member.key) || !member.issue) continue;
      // An issue opened while the storm was open names the umbrella already: no comment needed.
      const named =
        member.umbrella?.number === row.issue.number && sameRepository(member.umbrella, row.issue);
      if (named) {
        await this.store.markLinked(row.id, member.key);
        continue;
      }
      const marker = stormLinkMarker(text.key);
      // Only a retried check can have posted it already.
      if (this.context.attempt === 1 || !(await hasComment(this.github, member.issue, marker)))
        await this.github.rest.issues.createComment({
          ...target(member.issue),
          body: renderStormLink(text, row.issue, member.issue),
        });
      await this.store.markLinked(row.id, member.key);
    }
  }

  /** Every member passes again: a closing comment, close the umbrella, and `storm-resolved`. */
  async resolve(row: StormRow, storm: ActiveStorm, now: string, until: Date): Promise<void> {
    if (!row.issue) return;
    const umbrella = await readTrackingIssue(this.github, row.issue);
    if (umbrella.state === 'open') {
      const text = this.text(row);
      const spliced = spliceStatusBlock(umbrella.body, renderStormBlock(text, storm.members), text.key);
      if (spliced !== umbrella.body)
        await this.github.rest.issues.update({ ...target(row.issue), body: spliced });
      const body = renderStormResolved(text, storm.members);
      if (this.context.attempt === 1 || !(await hasComment(this.github, row.issue, body.split('\n')[0]!)))
        await this.github.rest.issues.createComment({ ...target(row.issue), body });
      await this.github.rest.issues.update({
        ...target(row.issue),
        state: 'closed',
        state_reason: 'completed',
      });
    }
    const issue = row.issue;
    await this.store.resolve(row.id, (trx) =>
      this.holdStormNotice(
        trx,
        row,
        stormNotice('storm-resolved', this.noticeTarget(row), issue, storm.members, now),
        until,
      ),
    );
  }

  /**
   * Storm news after the opening is held like the jobs' notices: a burst of joins then goes out
   * as one `storm-updated` (the held ones are collapsed on release), after the opening, in order.
   */
  async holdStormNotice(
    trx: Kysely<Database>,
    row: StormRow,
    notice: ReleaseNotice,
    until: Date,
  ): Promise<void> {
    const releaseAt = new Date(until.getTime() + durationMs(this.policy.hold));
    await new StormStore(trx).hold(trx, row.org, stormKey(row.org, row.id), [notice], releaseAt);
  }

  noticeTarget(row: StormRow) {
    return { id: row.id, org: row.org, repository: row.repository, key: stormKey(row.org, row.id) };
  }

  private text(row: StormRow): StormText {
    return {
      org: row.org,
      key: stormKey(row.org, row.id),
      threshold: this.policy.threshold,
      window: this.policy.window,
      issueRepository: row.issueRepository,
    };
  }
}

async function hasComment(github: GitHubClient, issue: TrackingIssueRef, marker: string): Promise<boolean> {
  const comments = await github.paginate(github.rest.issues.listComments, {
    ...target(issue),
    per_page: 100,
  });
  return comments.some((comment) => comment.body?.startsWith(marker));
}

function target(issue: TrackingIssueRef) {
  const [owner, repo] = splitRepository(issue.repository);
  return { owner, repo, issue_number: issue.number };
}

function sameRepository(a: TrackingIssueRef, b: TrackingIssueRef): boolean {
  return a.repository.toLowerCase() === b.repository.toLowerCase();
}
