import { stringify } from 'yaml';
import { usagesInTable } from '../../plugins/sheriff-commands/render-sheriff-commands.js';
import type { WorldInput } from '../../src/github-double/world-schema.js';
import { startWorld, type WorldHarness } from '../support/github-world.js';
import { BACKENDS } from '../support/stores.js';
import { deliver, pluginCalls, threadComment } from './support/prow-deliveries.js';
import { REGISTRY } from './support/prow-comments.js';

const SHERIFF_YML = stringify({
  areas: { prow: { labels: ['area/prow'], owners: { mode: 'override', approvers: ['@acme/prow-oncall'] } } },
  plugins: { hold: { enabled: false }, lgtm: { reviewersFromOwners: true } },
});

const world: WorldInput = {
  repos: {
    'acme/widgets': {
      defaultBranch: 'main',
      files: {
        '.github/sheriff.yml': SHERIFF_YML,
        OWNERS: 'approvers: [root-lead]\n',
        'services/lambda/OWNERS':
          'approvers: [ana-lambda]\nreviewers: [bo-lambda]\nlabels: [service/lambda]\n',
      },
      issues: [
        {
          number: 9,
          title: 'Lambda is slow',
          user: 'erin',
          state: 'open',
          labels: ['service/lambda', 'area/prow'],
        },
        { number: 10, title: 'Typo', user: 'erin', state: 'open', labels: ['kind/bug'] },
        {
          number: 7,
          title: 'Fix bundle',
          user: 'erin',
          state: 'open',
          pull: true,
          files: ['services/lambda/main.go'],
        },
      ],
    },
  },
};

describe.each(BACKENDS)('/sheriff commands end to end on %s', (backend) => {
  let harness: WorldHarness;
  beforeEach(async () => {
    harness = await startWorld(backend, world);
  });
  afterEach(async () => {
    await harness.close();
  });
  const answer = () => (harness.double.actions().at(-1)?.body as { body: string }).body;

  it("answers with this repository's commands, who may use them here, and the owners of the issue's areas", async () => {
    await deliver(
      harness,
      'issue_comment',
      threadComment({
        number: 9,
        body: '/sheriff commands',
        author: 'mallory',
        association: 'NONE',
        labels: ['service/lambda', 'area/prow'],
      }),
    );
    expect(harness.double.actions().map((action) => `${action.method} ${action.path}`)).toEqual([
      'POST /repos/acme/widgets/issues/9/comments',
    ]);
    const body = answer();
    expect(body).toMatch(/^@mallory: these commands are enabled in acme\/widgets:\n/);
    const enabled = REGISTRY.plugins
      .filter((plugin) => !['hold', 'merge'].includes(plugin.name))
      .flatMap((plugin) => plugin.commands.map((spec) => spec.help.usage));
    expect(usagesInTable(body)).toEqual(enabled);
    expect(body).toContain('| `/[remove-]lgtm [cancel]` | PRs | OWNERS approvers and reviewers');
    expect(body).toMatch(/Turned off here in `\.github\/sheriff\.yml`: .*hold/);
    expect(body).toContain(
      '- `lambda`: approvers `ana-lambda`; reviewers `bo-lambda`\n- `prow`: approvers `acme/prow-oncall`',
    );
  });

  it('costs one comment on an issue no area can own (OWNERS is not read)', async () => {
    await deliver(
      harness,
      'issue_comment',
      threadComment({
        number: 10,
        body: '/Sheriff Commands',
        author: 'ana',
        association: 'NONE',
        labels: ['kind/bug'],
      }),
    );
    expect(pluginCalls(harness)).toEqual(['issues/create-comment 201']);
    expect(answer()).toContain('No service area owns this issue (by its labels).');
  });

  it("finds a PR's areas from its changed files", async () => {
    await deliver(
      harness,
      'issue_comment',
      threadComment({
        number: 7,
        body: '/sheriff commands',
        author: 'ana',
        association: 'NONE',
        pullRequest: true,
      }),
    );
    expect(answer()).toContain(
      'Areas of this PR (by its changed files), and their owners:\n\n- `lambda`: approvers `ana-lambda`; reviewers `bo-lambda`',
    );
  });

  it('names the one subcommand when asked for another', async () => {
    await deliver(
      harness,
      'issue_comment',
      threadComment({ number: 10, body: '/sheriff status', author: 'ana', association: 'NONE' }),
    );
    expect(answer()).toMatch(/^@ana: Sheriff does not know `\/sheriff status`\. Try `\/sheriff commands`\./);
  });
});
