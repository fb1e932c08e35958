import type { GitHubClient } from '../../src/github/github-app.js';
import type { CommandContext } from '../../src/plugins/plugin-definition.js';
import { type CheckAction, decideTrigger, mayRun } from './decide-trigger.js';
import { type HeadCheck, listHeadChecks } from './head-checks.js';
import { listHeadStatuses } from './head-statuses.js';
import { needsChangedFiles, type ProwJob, readProwJobs } from './prow-jobs.js';
import { type PresubmitRun, presubmitRunKey, RUN_PRESUBMIT } from './run-presubmit-job.js';
import { TriggerPullStates } from './trigger-pull-states.js';
import {
  asksAnything,
  parseTriggerCommands,
  runsJobs,
  type TriggerIntent,
} from './parse-trigger-commands.js';
import { headMovedMessage } from './render-head-moved.js';
import { removeLabel } from './remove-label.js';
import type { TriggerConfig } from './trigger-config.js';
import { trustedUserCheck } from './trusted-user.js';

/**
 * The side effects around {@link decideTrigger}. Trust is read fresh at command time (the
 * commenter's and the author's standing now, not when they commented), and what runs is bound to
 * the head the commenter could have seen: the head the PR's events showed up to this comment. If
 * GitHub's head is newer (a push landed after the comment), nothing runs and the reply says so.
 * Requests: one or two trust checks, the PR, the head's workflow runs, check runs and commit
 * statuses when something may run (and its changed files when a listed presubmit has file
 * conditions), the base branch when a Prow job is to start, then one write per run and per label
 * change, and one reply if needed. Prow jobs start in jobs of their own (one per Prow job), which
 * retry Gangway's failures and say so on the PR when they give up.
 */
export async function runTriggerCommands(context: CommandContext<TriggerConfig>): Promise<void> {
  const { comment, config, github } = context;
  if (comment.issueState !== 'open') return;
  const intent = parseTriggerCommands(context.commands);
  if (!asksAnything(intent)) return;
  const repo = { owner: comment.repo.owner, repo: comment.repo.name };
  const repository = comment.repo.fullName;
  const states = new TriggerPullStates(context.store);

  const trusted = trustedUserCheck(github, { owner: repo.owner, name: repo.repo }, config, '/test');
  const commenterTrusted = await trusted(comment.authorLogin);
  const { data: pull } = await github.rest.pulls.get({ ...repo, pull_number: comment.number });
  if (pull.state !== 'open') return;
  const headSha = pull.head.sha;
  const labels = pull.labels.map((label) => label.name);
  const state = await states.get(repository, comment.number);

  if ((runsJobs(intent) || intent.okToTest) && state?.seenHeadSha && state.seenHeadSha !== headSha) {
    // Seen now: asked again, the command applies to this head.
    await states.seeHead(repository, comment.number, headSha);
    await context.reply(headMovedMessage(state.seenHeadSha, headSha));
    return;
  }

  // First sight of this PR (opened before Sheriff watched it): its head now is what was seen.
  if (!state?.seenHeadSha) await states.seeHead(repository, comment.number, headSha);

  let pullTrusted = false;
  let okToTestStale = false;
  if (!commenterTrusted) {
    if (labels.includes(config.okToTestLabel)) {
      // The label clears only the commit it was given for.
      pullTrusted = state?.grantedHeadSha === headSha;
      okToTestStale = !pullTrusted;
    }
    if (!pullTrusted && pull.user && (await trusted(pull.user.login))) {
      pullTrusted = true;
      okToTestStale = false;
    }
  }

  const needChecks =
    (runsJobs(intent) && mayRun({ commenterTrusted, pullTrusted })) || (intent.okToTest && commenterTrusted);
  const readProw = needChecks && config.prowJobs === 'auto';
  const [checks, statuses, changedFiles] = await Promise.all([
    needChecks ? listHeadChecks(github, repo, headSha) : ([] as HeadCheck[]),
    readProw ? listHeadStatuses(github, repo, headSha) : [],
    readProw && needsChangedFiles(config.presubmits) && needsAutoRunSet(intent)
      ? listChangedFiles(github, repo, comment.number)
      : undefined,
  ]);
  const prowJobs: ProwJob[] = readProw
    ? readProwJobs({
        presubmits: config.presubmits,
        statuses,
        changedFiles,
        requiredChecks: config.requiredChecks,
      })
    : [];
  const plan = decideTrigger({
    intent,
    commenterTrusted,
    pullTrusted,
    okToTestStale,
    labels,
    okToTestLabel: config.okToTestLabel,
    needsOkToTestLabel: config.needsOkToTestLabel,
    headSha,
    checks,
    requiredChecks: config.requiredChecks,
    prowJobs,
    gangway: context.gangway !== undefined,
  });

  const issue = { ...repo, issue_number: comment.number };
  if (plan.addLabels.length > 0)
    await github.rest.issues.addLabels({ ...issue, labels: [...plan.addLabels] });
  for (const name of plan.removeLabels) await removeLabel(github, issue, name);
  if (plan.grant === 'record') await states.grant(repository, comment.number, headSha, comment.authorLogin);
  if (plan.grant === 'revoke') await states.revoke(repository, comment.number);

  const refused: string[] = [];
  for (const action of plan.actions) {
    const refusal = await runCheckAction(github, repo, action);
    if (refusal) refused.push(refusal);
  }
  if (plan.prowRuns.length > 0) {
    const baseSha = await currentBaseSha(github, repo, pull.base.ref, pull.base.sha);
    for (const prowRun of plan.prowRuns) {
      const run: PresubmitRun = {
        repository,
        number: comment.number,
        job: prowRun.name,
        retest: prowRun.retest,
        refs: {
          org: repo.owner,
          repo: repo.repo,
          base_ref: pull.base.ref,
          base_sha: baseSha,
          pulls: [
            { number: comment.number, author: pull.user?.login ?? comment.issueAuthorLogin, sha: headSha },
          ],
        },
        comment: { login: comment.authorLogin, body: comment.body, url: comment.htmlUrl },
      };
      // `once`: if this handler fails after queuing and is retried, the job is not started twice.
      await context.enqueue({
        name: RUN_PRESUBMIT,
        key: presubmitRunKey(run),
        data: run,
        once: `${context.deliveryId}:${run.job}`,
      });
    }
  }
  const reply = [plan.reply, ...refused].filter((part): part is string => part !== null).join('\n\n');
  if (reply !== '') await context.reply(reply);
}

/** Whether the intent asks for jobs that run without being asked (file conditions matter). */
function needsAutoRunSet(intent: TriggerIntent): boolean {
  return intent.retest || intent.retestRequired || intent.testAll || intent.okToTest;
}

/** The PR's changed files (GitHub lists at most 3,000), for `runIfChanged` and `skipIfOnlyChanged`. */
async function listChangedFiles(
  github: GitHubClient,
  repo: { owner: string; repo: string },
  number: number,
): Promise<string[]> {
  const files = await github.paginate(github.rest.pulls.listFiles, {
    ...repo,
    pull_number: number,
    per_page: 100,
  });
  return files.map((file) => file.filename);
}

/**
 * The base branch's head now, as Prow's trigger reads it for a presubmit's refs; the PR's own
 * `base.sha` (its base when last computed) if the branch cannot be read.
 */
async function currentBaseSha(
  github: GitHubClient,
  repo: { owner: string; repo: string },
  baseRef: string,
  fallback: string,
): Promise<string> {
  try {
    const { data } = await github.rest.git.getRef({ ...repo, ref: `heads/${baseRef}` });
    return data.object.sha;
  } catch (error) {
    if ((error as { status?: number }).status !== 404) throw error;
    return fallback;
  }
}

/**
 * Asks GitHub to run one check. GitHub's refusals (403: already running, too old, too many
 * attempts; 404: gone) come back as a sentence for the reply; other errors fail the job.
 */
async function runCheckAction(
  github: GitHubClient,
  repo: { owner: string; repo: string },
  action: CheckAction,
): Promise<string | undefined> {
  try {
    switch (action.kind) {
      case 'rerun-failed-jobs':
        await github.rest.actions.reRunWorkflowFailedJobs({ ...repo, run_id: action.runId });
        break;
      case 'rerun-workflow':
        await github.rest.actions.reRunWorkflow({ ...repo, run_id: action.runId });
        break;
      case 'approve-run':
        await github.rest.actions.approveWorkflowRun({ ...repo, run_id: action.runId });
        break;
      case 'rerequest-suite':
        await github.rest.checks.rerequestSuite({ ...repo, check_suite_id: action.suiteId });
        break;
    }
    return undefined;
  } catch (error) {
    const status = (error as { status?: number }).status;
    if (status !== 403 && status !== 404 && status !== 422) throw error;
    const message = (error as { response?: { data?: { message?: string } } }).response?.data?.message;
    return `GitHub refused to run \`${action.name}\`${message ? `: ${message}` : ''}.`;
  }
}
