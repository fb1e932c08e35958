import { PermissionChecker } from '../../src/permissions/permission-checker.js';
import type { CommandContext } from '../../src/plugins/plugin-definition.js';
import { decideTrackerCommands, renderCommandReply } from './decide-tracker-commands.js';
import type { ReleaseTrackerConfig } from './release-tracker-config.js';
import { StormStore } from './storm-store.js';
import { humanMarkNotice } from './tracker-notices.js';
import { TrackerStore } from './tracker-store.js';

/**
 * `/ack`, `/snooze`, `/mute`, `/unmute` on a tracking issue: find the key by the issue, check who
 * asks, write the marks (columns of their own, so they never race a job's update), assign the
 * `/ack`er, and answer in one reply. The next run's status block shows the change. An `/ack` or
 * `/snooze` on a member of an unresolved storm is published under its umbrella, so it is not
 * sent on its own (the channel heard only of the storm).
 */
export async function runTrackerCommands(context: CommandContext<ReleaseTrackerConfig>): Promise<void> {
  const { comment, commands, config, github } = context;
  const store = new TrackerStore(context.store);
  const tracked = await store.findByIssue(comment.repo.fullName, comment.number);
  const words = [...new Set(commands.map((command) => `/${command.normalizedName}`))].join(', ');
  if (!tracked) {
    await context.reply(`${words} works only on Sheriff's release tracking issues.`);
    return;
  }
  const checker = new PermissionChecker(github, { owner: comment.repo.owner, name: comment.repo.name });
  const access = await checker.evaluate(config.access, {
    login: comment.authorLogin,
    authorLogin: comment.issueAuthorLogin,
    command: words,
  });
  if (!access.allowed) {
    await context.reply(access.because);
    return;
  }

  const now = context.clock();
  const decisions = decideTrackerCommands(commands, {
    commenter: comment.authorLogin,
    now,
    episodeOpen: tracked.current,
  });
  const marksNews =
    tracked.current && decisions.some((decision) => decision.type === 'ack' || decision.type === 'snooze');
  const umbrella = marksNews ? await new StormStore(context.store).openUmbrellaOfMember(tracked.key) : null;
  const notices = [];
  const replies: string[] = [];
  for (const decision of decisions) {
    switch (decision.type) {
      case 'ack':
        await store.setMarks(tracked.key, { acked_by: decision.login });
        await github.rest.issues.addAssignees({
          owner: comment.repo.owner,
          repo: comment.repo.name,
          issue_number: comment.number,
          assignees: [decision.login],
        });
        if (tracked.current)
          notices.push(
            humanMarkNotice(
              tracked.key,
              tracked.state,
              { kind: 'acknowledged', actor: decision.login },
              now.toISOString(),
              umbrella,
            ),
          );
        break;
      case 'snooze':
        await store.setMarks(tracked.key, { snoozed_until: new Date(decision.until) });
        if (tracked.current)
          notices.push(
            humanMarkNotice(
              tracked.key,
              tracked.state,
              { kind: 'snoozed', actor: comment.authorLogin, until: decision.until },
              now.toISOString(),
              umbrella,
            ),
          );
        break;
      case 'mute':
        await store.setMarks(tracked.key, { muted: true });
        break;
      case 'unmute':
        await store.setMarks(tracked.key, { muted: false });
        break;
      case 'refuse':
        break;
    }
    const reply = renderCommandReply(decision, tracked.state.job);
    if (reply !== undefined) replies.push(reply);
  }
  await context.notify(notices.filter((notice) => notice !== null));
  if (replies.length > 0) await context.reply(replies.join('\n\n'));
}
