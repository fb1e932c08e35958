import type { GitHubClient } from '../../src/github/github-app.js';
import { PermissionChecker } from '../../src/permissions/permission-checker.js';
import type { CommandContext } from '../../src/plugins/plugin-definition.js';
import { type CheckAction, decideTrigger, mayRun } from './decide-trigger.js';
import { type HeadCheck, listHeadChecks } from './head-checks.js';
import { TriggerPullStates } from './trigger-pull-states.js';
import { asksAnything, parseTriggerCommands, runsJobs } from './parse-trigger-commands.js';
import { headMovedMessage } from './render-head-moved.js';
import { removeLabel } from './remove-label.js';
import type { TriggerConfig } from './trigger-config.js';

/**
 * The side effects around {@link decideTrigger}. Trust is read fresh at command time (the
 * commenter's and the author's standing now, not when they commented), and what runs is bound to
 * the head the commenter could have seen: the head the PR's events showed up to this comment. If
 * GitHub's head is newer (a push landed after the comment), nothing runs and the reply says so.
 * Requests: one or two trust checks, the PR, the head's workflow runs and check runs when
 * something may run, then one write per run and per label change, and one reply if needed.
 */
export async function runTriggerCommands(context: CommandContext<TriggerConfig>): Promise<void> {
  const { comment, config, github } = context;
  if (comment.issueState !== 'open') return;
  const intent = parseTriggerCommands(context.commands);
  if (!asksAnything(intent)) return;
  const repo = { owner: comment.repo.owner, repo: comment.repo.name };
  const repository = comment.repo.fullName;
  const states = new TriggerPullStates(context.store);

  const checker = new PermissionChecker(github, { owner: repo.owner, name: repo.repo });
  const trusted = async (login: string) =>
    (await checker.evaluate(config.trust, { login, command: '/test' })).allowed;
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
  const checks: HeadCheck[] = needChecks ? await listHeadChecks(github, repo, headSha) : [];
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
  const reply = [plan.reply, ...refused].filter((part): part is string => part !== null).join('\n\n');
  if (reply !== '') await context.reply(reply);
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
