import type { Kysely } from 'kysely';
import { type CommandToken, lexCommands } from '../../src/commands/lex-commands.js';
import type { GitHubClient } from '../../src/github/github-app.js';
import type { Logger } from '../../src/logging/logger.js';
import { listPullRequestFiles } from '../../src/owners/list-pull-request-files.js';
import type { GitHubOwnersLoader } from '../../src/owners/load-owners-from-github.js';
import type { Database } from '../../src/store/schema.js';
import {
  type ApprovalEvent,
  approvalEventsFrom,
  type EventCarrier,
  replaceSource,
  reviewStateEvent,
} from './approval-events.js';
import { type ApprovalRecord, ApprovalStateStore } from './approval-state-store.js';
import type { ApproveConfig } from './approve-config.js';
import { decideApprovedLabel, decideApproval } from './decide-approval.js';
import { findAssociatedIssue } from './find-associated-issue.js';
import { foldApprovals } from './fold-approvals.js';
import { loadApprovalHistory } from './load-approval-history.js';
import { fetchPullRequestFacts, type PullRequestFacts } from './pull-request-facts.js';
import { renderApprovalNotifier } from './render-approval-notifier.js';

/** What happened to the PR, as far as approval is concerned. */
export type ApproveTrigger =
  | { kind: 'commands'; carrier: EventCarrier; tokens: readonly CommandToken[] }
  | {
      kind: 'review';
      carrier: Omit<EventCarrier, 'source'>;
      reviewId: number;
      state: string;
      tokens: readonly CommandToken[];
    }
  | { kind: 'review-dismissed'; reviewId: number }
  | { kind: 'comment-deleted'; commentId: number }
  /** `opened`, `reopened`, `synchronize`, `edited`: the PR's facts are in the payload. */
  | { kind: 'pull-updated'; action: string; facts: PullRequestFacts }
  | { kind: 'label'; added: boolean; byPerson: string | null };

export interface ApproveRun {
  github: GitHubClient;
  owners: GitHubOwnersLoader;
  store: Kysely<Database>;
  config: ApproveConfig;
  log: Logger;
  owner: string;
  repo: string;
  number: number;
  /** The PR's assignees when the event was sent: Prow asks assigned approvers first, then suggests others. */
  assignees: readonly string[];
}

/**
 * The side effects around {@link decideApproval}: load the PR's record (rebuilding it from GitHub
 * when there is none), apply what happened, then bring the notifier (edited in place) and the
 * approved label in line. A warm `/approve` reads nothing from GitHub: OWNERS come from the shared
 * cache and the history from the store, so it costs the notifier edit and, when the verdict flips,
 * the label write. Safe to repeat: every event is keyed by what carried it, and writes happen only
 * when the text or the label differ.
 */
export async function runApprove(run: ApproveRun, trigger: ApproveTrigger): Promise<void> {
  const states = new ApprovalStateStore(run.store);
  const repository = `${run.owner}/${run.repo}`;
  let record = await states.get(repository, run.number);
  // A deleted comment of a PR Sheriff never evaluated changes nothing it has said.
  if (!record && trigger.kind === 'comment-deleted') return;
  // Whether the comments were listed (or cannot hold a notifier yet) in this run.
  let notifierSearched = false;
  if (!record || (trigger.kind === 'pull-updated' && trigger.action === 'reopened')) {
    const facts =
      trigger.kind === 'pull-updated' ? trigger.facts : await fetchPullRequestFacts(run.github, target(run));
    if (facts.state !== 'open') return;
    record = await rebuild(run, facts, trigger.kind === 'pull-updated' && trigger.action === 'opened');
    notifierSearched = true;
    // Saved before any write, so a retry after a crash knows a notifier may exist.
    await states.save(record);
  }
  await apply(run, record, trigger);
  // A person taking the label off is left alone until the next event, as in Prow (which does not
  // act on `unlabeled`); Sheriff only notes it.
  if (trigger.kind !== 'label' || trigger.added) await settle(run, record, notifierSearched);
  await states.save(record);
}

/** Forgets a closed PR: its record is rebuilt from GitHub if it reopens. */
export async function forgetApprovals(store: Kysely<Database>, repository: string, number: number) {
  await new ApprovalStateStore(store).delete(repository, number);
}

async function rebuild(run: ApproveRun, facts: PullRequestFacts, opened: boolean): Promise<ApprovalRecord> {
  // A PR being opened has no comments or reviews yet; later ones arrive as their own events.
  const history = opened
    ? {
        events: approvalEventsFrom(lexCommands(facts.body), {
          source: 'description',
          login: facts.author,
          at: facts.createdAt,
          url: facts.htmlUrl,
        }),
        notifier: undefined,
      }
    : await loadApprovalHistory(run.github, { owner: run.owner, repo: run.repo }, facts);
  return {
    repository: `${run.owner}/${run.repo}`.toLowerCase(),
    number: run.number,
    author: facts.author,
    baseRef: facts.baseRef,
    headSha: facts.headSha,
    files: await listPullRequestFiles(run.github, target(run)),
    events: history.events,
    associatedIssue: findAssociatedIssue(facts.body, run.owner),
    manuallyApprovedBy: null,
    labelOn: facts.labels.includes(run.config.label),
    notifierCommentId: history.notifier?.id ?? null,
    notifierBody: history.notifier?.body ?? null,
  };
}

async function apply(run: ApproveRun, record: ApprovalRecord, trigger: ApproveTrigger): Promise<void> {
  const replace = (source: string, events: ApprovalEvent[]) => {
    record.events = replaceSource(record.events, source, events);
  };
  switch (trigger.kind) {
    case 'commands':
      replace(trigger.carrier.source, approvalEventsFrom(trigger.tokens, trigger.carrier));
      return;
    case 'review': {
      const state = reviewStateEvent(trigger.state, {
        ...trigger.carrier,
        source: `review:${trigger.reviewId}`,
      });
      replace(`review:${trigger.reviewId}`, state ? [state] : []);
      const body = { ...trigger.carrier, source: `review-body:${trigger.reviewId}` };
      replace(body.source, approvalEventsFrom(trigger.tokens, body));
      return;
    }
    case 'review-dismissed':
      // Prow's recomputation no longer sees a dismissed review's state; its body still counts.
      replace(`review:${trigger.reviewId}`, []);
      return;
    case 'comment-deleted':
      replace(`comment:${trigger.commentId}`, []);
      return;
    case 'pull-updated': {
      const { facts } = trigger;
      record.author = facts.author;
      record.baseRef = facts.baseRef;
      record.associatedIssue = findAssociatedIssue(facts.body, run.owner);
      if (facts.headSha !== record.headSha) {
        record.files = await listPullRequestFiles(run.github, target(run));
        record.headSha = facts.headSha;
      }
      return;
    }
    case 'label':
      record.labelOn = trigger.added;
      record.manuallyApprovedBy = trigger.added ? (trigger.byPerson ?? record.manuallyApprovedBy) : null;
      return;
  }
}

/** Evaluates the record and writes the notifier and the label where they differ. */
async function settle(run: ApproveRun, record: ApprovalRecord, notifierSearched: boolean): Promise<void> {
  const snapshot = await run.owners.load(run.github, {
    owner: run.owner,
    repo: run.repo,
    branch: record.baseRef,
  });
  if (snapshot.incomplete) run.log.warn({ repository: snapshot.repository }, snapshot.incomplete);
  const pullUrl = `https://github.com/${run.owner}/${run.repo}/pull/${run.number}`;
  const approvals = foldApprovals(record.events, { author: record.author, url: pullUrl }, run.config);
  const decision = decideApproval({
    owners: snapshot.index,
    changedFiles: record.files,
    approvals,
    assignees: run.assignees,
    prNumber: run.number,
    issueRequired: run.config.issueRequired,
    associatedIssue: record.associatedIssue,
    manuallyApprovedBy: record.manuallyApprovedBy,
  });
  const body = renderApprovalNotifier(decision, approvals, {
    owner: run.owner,
    repo: run.repo,
    branch: record.baseRef,
    issueRequired: run.config.issueRequired,
    associatedIssue: record.associatedIssue,
    manuallyApprovedBy: record.manuallyApprovedBy,
    commandHelpLink: run.config.commandHelpLink,
    prProcessLink: run.config.prProcessLink,
  });
  if (body !== record.notifierBody || record.notifierCommentId === null) {
    if (record.notifierCommentId === null && !notifierSearched) {
      // A retry after a crash between posting and saving: the notifier may already be there.
      const facts = await fetchPullRequestFacts(run.github, target(run));
      const found = (await loadApprovalHistory(run.github, { owner: run.owner, repo: run.repo }, facts))
        .notifier;
      record.notifierCommentId = found?.id ?? null;
    }
    record.notifierCommentId = await writeNotifier(run, record.notifierCommentId, body);
    record.notifierBody = body;
  }
  const label = decideApprovedLabel(decision.approved, record.labelOn);
  const issue = { owner: run.owner, repo: run.repo, issue_number: run.number };
  if (label === 'add') {
    await run.github.rest.issues.addLabels({ ...issue, labels: [run.config.label] });
    record.labelOn = true;
  } else if (label === 'remove') {
    try {
      await run.github.rest.issues.removeLabel({ ...issue, name: run.config.label });
    } catch (error) {
      // Someone removed it meanwhile: the goal is met.
      if ((error as { status?: number }).status !== 404) throw error;
    }
    record.labelOn = false;
  }
}

/** Edits the notifier in place; posts a new one if there is none or it was deleted. Returns its id. */
async function writeNotifier(run: ApproveRun, id: number | null, body: string): Promise<number> {
  const repo = { owner: run.owner, repo: run.repo };
  if (id !== null) {
    try {
      await run.github.rest.issues.updateComment({ ...repo, comment_id: id, body });
      return id;
    } catch (error) {
      if ((error as { status?: number }).status !== 404) throw error;
    }
  }
  const { data } = await run.github.rest.issues.createComment({ ...repo, issue_number: run.number, body });
  return data.id;
}

function target(run: ApproveRun) {
  return { owner: run.owner, repo: run.repo, number: run.number };
}
