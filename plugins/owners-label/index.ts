import { z } from 'zod';
import type { GitHubClient } from '../../src/github/github-app.js';
import { listPullRequestFiles } from '../../src/owners/list-pull-request-files.js';
import { definePlugin } from '../../src/plugins/plugin-definition.js';
import { decideOwnersLabels, labelsForChangedFiles } from './decide-owners-labels.js';

/** The PR actions Prow's owners-label acts on. */
const ACTIONS = new Set(['opened', 'reopened', 'synchronize']);

interface PullRequestPayload {
  action?: string;
  number?: number;
  pull_request?: { number?: number; base?: { ref?: string }; labels?: Array<{ name?: string }> };
  repository?: { name?: string; owner?: { login?: string } };
}

/**
 * owners-label, as Prow's: when a PR is opened, reopened or updated, add the OWNERS `labels` of
 * the files it changes (read at the PR's base branch). Labels the repository lacks are skipped;
 * labels are never removed.
 */
export default definePlugin({
  name: 'owners-label',
  description:
    'Adds the OWNERS labels of the files a pull request changes when it is opened, reopened or updated (labels missing from the repository are skipped; none is removed).',
  configSchema: z.strictObject({}),
  events: ['pull_request'],
  commands: [],
  async handleEvent({ event, github, owners, log }) {
    const payload = event.payload as PullRequestPayload;
    if (event.name !== 'pull_request' || !ACTIONS.has(payload.action ?? '') || !github) return;
    const owner = payload.repository?.owner?.login;
    const repo = payload.repository?.name;
    const number = payload.pull_request?.number ?? payload.number;
    if (!owner || !repo || number === undefined) return;

    const changedFiles = await listPullRequestFiles(github, { owner, repo, number });
    const branch = payload.pull_request?.base?.ref;
    const snapshot = await owners.load(github, { owner, repo, ...(branch ? { branch } : {}) });
    const needed = labelsForChangedFiles(snapshot.index, changedFiles);
    // As Prow: no OWNERS label applies, so the repository's labels are not even listed.
    if (needed.length === 0) return;
    const current = (payload.pull_request?.labels ?? []).flatMap((label) => (label.name ? [label.name] : []));
    const decision = decideOwnersLabels(needed, current, await listRepoLabels(github, owner, repo));
    if (decision.missing.length > 0) {
      log.warn(
        { repository: `${owner}/${repo}`, labels: decision.missing },
        'OWNERS labels missing from the repository',
      );
    }
    if (decision.add.length === 0) return;
    await github.rest.issues.addLabels({ owner, repo, issue_number: number, labels: [...decision.add] });
  },
});

async function listRepoLabels(github: GitHubClient, owner: string, repo: string): Promise<string[]> {
  const labels = await github.paginate(github.rest.issues.listLabelsForRepo, { owner, repo, per_page: 100 });
  return labels.map((label) => label.name);
}
