import type { GitHubClient } from '../../src/github/github-app.js';
import { PermissionChecker } from '../../src/permissions/permission-checker.js';
import type { CommandContext } from '../../src/plugins/plugin-definition.js';
import { decideLabels, labelLookups } from './decide-labels.js';
import type { LabelConfig } from './label-config.js';
import { parseLabels } from './parse-labels.js';

/**
 * The side effects around {@link decideLabels}: look up only what the decision needs (each label
 * to add, org membership for `triage/accepted`, teams of restricted labels), then add every label
 * in one request, remove each, assign `assignOn` watchers, and post at most one reply. The labels
 * on the issue come from the webhook, not from a read.
 */
export async function runLabel(context: CommandContext<LabelConfig>): Promise<void> {
  const { comment, commands, config, github } = context;
  const repo = { owner: comment.repo.owner, name: comment.repo.name };
  const supported = [
    ...config.additionalLabels,
    ...config.restrictedLabels.map((restricted) => restricted.label),
  ];
  const request = parseLabels(commands, supported);
  const lookups = labelLookups(request, comment.labels, config, comment.authorLogin);

  const checker = new PermissionChecker(github, repo);
  const [repoLabels, commenterIsOrgMember, teamAllowed] = await Promise.all([
    findRepoLabels(github, repo, lookups.repoLabels),
    lookups.orgMembership ? checker.isOrgMember(comment.authorLogin) : Promise.resolve(undefined),
    allowedByTeams(
      checker,
      comment.authorLogin,
      lookups.restrictedTeams.map((restricted) => ({
        label: restricted.label,
        teams: restricted.allowedTeams,
      })),
    ),
  ]);
  const decision = decideLabels(
    request,
    {
      labels: comment.labels,
      repoLabels,
      commenter: comment.authorLogin,
      assignees: comment.assignees,
      teamAllowed,
      ...(commenterIsOrgMember === undefined ? {} : { commenterIsOrgMember }),
    },
    config,
  );

  const issue = { owner: repo.owner, repo: repo.name, issue_number: comment.number };
  if (decision.add.length > 0) await github.rest.issues.addLabels({ ...issue, labels: [...decision.add] });
  for (const name of decision.remove) {
    try {
      await github.rest.issues.removeLabel({ ...issue, name });
    } catch (error) {
      // Removed by someone else meanwhile: the goal is met.
      if ((error as { status?: unknown }).status !== 404) throw error;
    }
  }
  if (decision.assign.length > 0)
    await github.rest.issues.addAssignees({ ...issue, assignees: [...decision.assign] });
  if (decision.reply !== undefined) await context.reply(decision.reply);
}

/** Each label's spelling in the repository (`GET /labels/{name}`, one request each), keyed lower-cased. */
async function findRepoLabels(
  github: GitHubClient,
  repo: { owner: string; name: string },
  names: readonly string[],
): Promise<Map<string, string>> {
  const found = await Promise.all(
    names.map(async (name) => {
      try {
        const { data } = await github.rest.issues.getLabel({ owner: repo.owner, repo: repo.name, name });
        return [name.toLowerCase(), data.name] as const;
      } catch (error) {
        if ((error as { status?: unknown }).status === 404) return undefined;
        throw error;
      }
    }),
  );
  return new Map(found.filter((entry) => entry !== undefined));
}

/** The restricted labels (lower-cased) one of whose teams has the login as a member. */
async function allowedByTeams(
  checker: PermissionChecker,
  login: string,
  restricted: ReadonlyArray<{ label: string; teams: readonly string[] }>,
): Promise<Set<string>> {
  const allowed = new Set<string>();
  for (const { label, teams } of restricted) {
    for (const team of teams) {
      if (await checker.isTeamMember(login, team)) {
        allowed.add(label.toLowerCase());
        break;
      }
    }
  }
  return allowed;
}
