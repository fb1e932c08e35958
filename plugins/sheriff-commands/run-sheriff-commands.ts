import { buildServiceAreas } from '../../src/areas/service-area.js';
import { listPullRequestFiles } from '../../src/owners/list-pull-request-files.js';
import type { CommandContext } from '../../src/plugins/plugin-definition.js';
import { findTouchedAreas, mayTouchAreas, type TouchedArea } from './find-touched-areas.js';
import { disabledPlugins, listEnabledCommands } from './list-enabled-commands.js';
import { parseSheriffCommand } from './parse-sheriff-command.js';
import { renderSheriffCommands } from './render-sheriff-commands.js';

/**
 * `/sheriff commands`: lists what works in this repository from the registry and this
 * repository's config, then the areas the issue (labels) or PR (changed files) touches with their
 * owners. OWNERS is read only when an area may be touched.
 */
export async function runSheriffCommands(context: CommandContext<object>): Promise<void> {
  const { comment, github, repoConfig, registry } = context;
  const request = parseSheriffCommand(context.commands);
  if (request === undefined) return;
  if (request.kind === 'unknown') {
    await context.reply(`Sheriff does not know \`/sheriff ${request.asked}\`. Try \`/sheriff commands\`.`);
    return;
  }
  const repository = { owner: comment.repo.owner, name: comment.repo.name };
  const target = { owner: repository.owner, repo: repository.name };

  let areas: TouchedArea[] = [];
  if (comment.isPullRequest) {
    const files = await listPullRequestFiles(github, { ...target, number: comment.number });
    if (files.length > 0) {
      const { index } = await context.owners.load(github, target);
      areas = findTouchedAreas(buildServiceAreas(repoConfig.areas, index), { files }, index);
    }
  } else if (mayTouchAreas(comment.labels, repoConfig.areas)) {
    const { index } = await context.owners.load(github, target);
    areas = findTouchedAreas(buildServiceAreas(repoConfig.areas, index), { labels: comment.labels }, index);
  }

  await context.reply(
    renderSheriffCommands({
      repository: comment.repo.fullName,
      commands: listEnabledCommands(registry.plugins, repoConfig, repository),
      disabled: disabledPlugins(registry.plugins, repoConfig),
      areas,
      isPullRequest: comment.isPullRequest,
    }),
  );
}
