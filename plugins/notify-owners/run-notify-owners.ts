import { buildServiceAreas } from '../../src/areas/service-area.js';
import { listPullRequestFiles } from '../../src/owners/list-pull-request-files.js';
import { PermissionChecker } from '../../src/permissions/permission-checker.js';
import type { CommandContext } from '../../src/plugins/plugin-definition.js';
import {
  approversConcerned,
  decideNotifyOwners,
  needsChangedFiles,
  type NotifyOwnersInput,
  teamsToExpand,
} from './decide-notify-owners.js';
import { listTeamMembers } from './list-team-members.js';
import type { NotifyOwnersConfig } from './notify-owners-config.js';
import { OwnerPingLog } from './owner-ping-log.js';
import { parseNotifyOwners } from './parse-notify-owners.js';
import { renderNotifyOwners } from './render-notify-owners.js';

/**
 * The side effects around {@link decideNotifyOwners}: check who asks, load OWNERS and areas, list
 * the PR's files and config teams when needed, read the cool-down, then post one reply and record
 * whom it pinged. A retried delivery whose reply is already posted does nothing.
 */
export async function runNotifyOwners(context: CommandContext<NotifyOwnersConfig>): Promise<void> {
  const { comment, config, github, log, deliveryId } = context;
  const pings = new OwnerPingLog(context.store);
  if (await pings.postedBy(deliveryId)) {
    log.info({ deliveryId }, '/notify-owners already answered this delivery');
    return;
  }
  const repo = { owner: comment.repo.owner, repo: comment.repo.name };
  const request = parseNotifyOwners(context.commands);

  const gather = async (): Promise<NotifyOwnersInput> => {
    const snapshot = await context.owners.load(github, repo);
    if (snapshot.incomplete) log.warn({ repository: snapshot.repository }, snapshot.incomplete);
    return {
      request,
      areas: buildServiceAreas(context.repoConfig.areas, snapshot.index),
      owners: snapshot.index,
      isPullRequest: comment.isPullRequest,
      labels: comment.labels,
      ...(needsChangedFiles(request, comment.isPullRequest)
        ? { changedFiles: await listPullRequestFiles(github, { ...repo, number: comment.number }) }
        : {}),
      commenter: comment.authorLogin,
      issueAuthor: comment.issueAuthorLogin,
      config,
    };
  };

  // OWNERS is read before the access check only when the rule itself needs OWNERS approvers.
  let input = config.access.ownersApprovers ? await gather() : undefined;
  const checker = new PermissionChecker(github, { owner: repo.owner, name: repo.repo });
  const access = await checker.evaluate(config.access, {
    login: comment.authorLogin,
    authorLogin: comment.issueAuthorLogin,
    command: '/notify-owners',
    ...(input ? { ownersApprovers: approversConcerned(input) } : {}),
  });
  if (!access.allowed) {
    await context.reply(access.because);
    return;
  }
  input ??= await gather();

  const teams = teamsToExpand(input);
  const teamMembers = new Map(
    await Promise.all(teams.map(async (team) => [team, await listTeamMembers(github, team)] as const)),
  );
  // A first decision without the cool-down says whom to look up in the store.
  const eligible = decideNotifyOwners({ ...input, teamMembers });
  const render = { cooldownMinutes: config.cooldownMinutes };
  if (eligible.kind !== 'notify') {
    await context.reply(renderNotifyOwners(eligible, render));
    return;
  }
  const issue = { repository: comment.repo.fullName, number: comment.number };
  const now = new Date();
  const recentPings =
    config.cooldownMinutes === 0
      ? new Map<string, Date>()
      : await pings.pingedSince(
          issue,
          [...eligible.mentions.map((mention) => mention.login), ...eligible.overLimit],
          new Date(now.getTime() - config.cooldownMinutes * 60_000),
          deliveryId,
        );
  const decision = decideNotifyOwners({ ...input, teamMembers, recentPings });
  const mentioned = decision.kind === 'notify' ? decision.mentions.map((mention) => mention.login) : [];
  await pings.recordPending(issue, mentioned, now, deliveryId);
  await context.reply(renderNotifyOwners(decision, render));
  await pings.markPosted(deliveryId);
}
