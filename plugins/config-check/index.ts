import { z } from 'zod';
import { CONFIG_PATH, buildConfigSchema } from '../../src/config/sheriff-config-schema.js';
import { validateConfigText } from '../../src/config/validate-config.js';
import { definePlugin, type PluginDefinition } from '../../src/plugins/plugin-definition.js';
import { decideConfigCheck } from './decide-config-check.js';

interface PushPayload {
  ref: string;
  after: string;
  deleted?: boolean;
  repository: { name: string; owner: { login?: string; name?: string }; default_branch?: string };
  commits?: Array<{ added?: string[]; modified?: string[]; removed?: string[] }>;
}

/**
 * Reports an invalid `.github/sheriff.yml` where the maintainer will see it: a failed check run
 * on the commit that changed the file, naming each key path and line. Needs the plugin list to
 * validate against, so it is built from it.
 */
export function createConfigCheckPlugin(plugins: () => readonly PluginDefinition[]) {
  return definePlugin({
    name: 'config-check',
    description:
      'Validates .github/sheriff.yml on every push that changes it and reports the result as a check run.',
    configSchema: z.strictObject({}),
    events: ['push'],
    commands: [],
    async handleEvent({ event, github }) {
      const push = event.payload as PushPayload;
      const defaultBranch = push.repository.default_branch;
      if (!github || push.deleted || !defaultBranch || push.ref !== `refs/heads/${defaultBranch}`) return;
      const touched = (push.commits ?? []).some((commit) =>
        [...(commit.added ?? []), ...(commit.modified ?? []), ...(commit.removed ?? [])].includes(
          CONFIG_PATH,
        ),
      );
      if (!touched) return;
      const owner = push.repository.owner.login ?? push.repository.owner.name ?? '';
      const repo = push.repository.name;
      let text: string | undefined;
      try {
        const response = await github.rest.repos.getContent({
          owner,
          repo,
          path: CONFIG_PATH,
          ref: push.after,
          mediaType: { format: 'raw' },
        });
        text = String(response.data);
      } catch (error) {
        if ((error as { status?: number }).status !== 404) throw error;
      }
      const result = text === undefined ? undefined : validateConfigText(buildConfigSchema(plugins()), text);
      const run = decideConfigCheck(
        CONFIG_PATH,
        result === undefined
          ? { kind: 'removed' }
          : result.ok
            ? { kind: 'valid' }
            : { kind: 'invalid', problems: result.problems },
      );
      await github.rest.checks.create({
        owner,
        repo,
        name: 'sheriff/config',
        head_sha: push.after,
        status: 'completed',
        conclusion: run.conclusion,
        output: { title: run.title, summary: run.summary, annotations: run.annotations },
      });
    },
  });
}
