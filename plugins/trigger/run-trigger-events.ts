import { isBotUser } from '../../src/commands/generic-comment.js';
import type { EventContext } from '../../src/plugins/plugin-definition.js';
import { welcomeUntrustedMessage } from './render-welcome.js';
import { removeLabel } from './remove-label.js';
import type { TriggerConfig } from './trigger-config.js';
import { TriggerPullStates } from './trigger-pull-states.js';
import { trustedUserCheck } from './trusted-user.js';

interface PullRequestPayload {
  action?: string;
  label?: { name?: string };
  sender?: { login: string; type?: string | null };
  repository?: { name?: string; full_name?: string; owner?: { login?: string } };
  pull_request?: {
    number: number;
    state: string;
    head: { sha: string };
    user: { login: string } | null;
    labels?: Array<{ name?: string }>;
  };
}

/**
 * Prow's trigger on PR events, bound to head SHAs: an untrusted author's new PR gets
 * `needs-ok-to-test` and a welcome; every push is noted as the head commenters now see, and a
 * push to an untrusted author's PR that was cleared for an earlier commit swaps `ok-to-test` back
 * to `needs-ok-to-test` (Prow keeps it); a person adding `ok-to-test` by hand clears the current
 * head. Costs nothing unless a trust check or a label change is needed.
 */
export async function runTriggerEvents(context: EventContext<TriggerConfig>): Promise<void> {
  const { event, config, github } = context;
  const payload = event.payload as PullRequestPayload;
  const pull = payload.pull_request;
  const owner = payload.repository?.owner?.login;
  const repo = payload.repository?.name;
  if (event.name !== 'pull_request' || !github || !pull || !owner || !repo) return;
  const repository = `${owner}/${repo}`;
  const states = new TriggerPullStates(context.store);
  const action = payload.action ?? '';
  if (action === 'closed') {
    await states.delete(repository, pull.number);
    return;
  }
  if (pull.state !== 'open') return;
  const labels = (pull.labels ?? []).flatMap((label) => (label.name ? [label.name] : []));
  const issue = { owner, repo, issue_number: pull.number };
  const authorTrusted = async () =>
    pull.user !== null && (await trustedUserCheck(github, { owner, name: repo }, config)(pull.user.login));

  switch (action) {
    case 'opened':
    case 'reopened':
    case 'synchronize': {
      const before = await states.get(repository, pull.number);
      await states.seeHead(repository, pull.number, pull.head.sha);
      if (action === 'opened') {
        if (labels.includes(config.okToTestLabel) || (await authorTrusted())) return;
        if (!labels.includes(config.needsOkToTestLabel))
          await github.rest.issues.addLabels({ ...issue, labels: [config.needsOkToTestLabel] });
        if (config.welcomeUntrusted && pull.user) {
          await github.rest.issues.createComment({
            ...issue,
            body: welcomeUntrustedMessage(pull.user.login, owner),
          });
        }
        return;
      }
      // Only a label given for another commit needs a look, and only for an untrusted author.
      if (!labels.includes(config.okToTestLabel) || before?.grantedHeadSha === pull.head.sha) return;
      if (await authorTrusted()) return;
      await states.revoke(repository, pull.number);
      await removeLabel(github, issue, config.okToTestLabel);
      if (!labels.includes(config.needsOkToTestLabel))
        await github.rest.issues.addLabels({ ...issue, labels: [config.needsOkToTestLabel] });
      return;
    }
    case 'labeled':
    case 'unlabeled': {
      // Sheriff's own label changes were recorded when it made them.
      if (payload.label?.name !== config.okToTestLabel || !payload.sender || isBotUser(payload.sender))
        return;
      if (action === 'unlabeled') {
        await states.revoke(repository, pull.number);
        return;
      }
      await states.grant(repository, pull.number, pull.head.sha, payload.sender.login);
      if (labels.includes(config.needsOkToTestLabel))
        await removeLabel(github, issue, config.needsOkToTestLabel);
      return;
    }
  }
}
