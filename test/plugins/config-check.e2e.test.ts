import type { WorldInput } from '../../src/github-double/world-schema.js';
import { startWorld, type WorldHarness } from '../support/github-world.js';
import { BACKENDS } from '../support/stores.js';
import { webhookExample } from '../support/webhook-examples.js';

const worldWith = (config: string): WorldInput => ({
  orgs: { acme: { members: ['alice'] } },
  repos: { 'acme/widgets': { defaultBranch: 'main', files: { '.github/sheriff.yml': config } } },
});

describe.each(BACKENDS)('config-check on %s', (backend) => {
  let harness: WorldHarness | undefined;
  afterEach(async () => {
    await harness?.close();
  });

  async function pushTouchingConfig(h: WorldHarness): Promise<void> {
    const branch = (await (
      await h.double.fetch('https://api.github.com/repos/acme/widgets/branches/main')
    ).json()) as {
      commit: { sha: string };
    };
    const payload = webhookExample<Record<string, any>>('push'); // eslint-disable-line @typescript-eslint/no-explicit-any
    payload.ref = 'refs/heads/main';
    payload.after = branch.commit.sha;
    payload.deleted = false;
    payload.repository.name = 'widgets';
    payload.repository.full_name = 'acme/widgets';
    payload.repository.owner.login = 'acme';
    payload.repository.owner.name = 'acme';
    payload.repository.default_branch = 'main';
    payload.commits = [
      { ...payload.commits?.[0], added: [], removed: [], modified: ['.github/sheriff.yml'] },
    ];
    delete payload.installation;
    expect((await h.send('push', payload)).status).toBe(202);
    await h.waitFor(() => h.handled.length === 1);
  }

  const checkRuns = (h: WorldHarness) =>
    h.double.actions().filter((action) => action.path.endsWith('/check-runs'));

  it('reports an invalid config as a failed check run naming key path and line', async () => {
    harness = await startWorld(backend, worldWith('plugins:\n  hold:\n    enabled: sometimes\n'));
    await pushTouchingConfig(harness);
    const [run] = checkRuns(harness);
    expect(run?.body).toMatchObject({
      name: 'sheriff/config',
      conclusion: 'failure',
      output: {
        annotations: [
          expect.objectContaining({
            path: '.github/sheriff.yml',
            start_line: 3,
            message: expect.stringContaining('plugins.hold.enabled'),
          }),
        ],
      },
    });
  });

  it('reports a valid config as a successful check run', async () => {
    harness = await startWorld(backend, worldWith('plugins:\n  hold:\n    enabled: false\n'));
    await pushTouchingConfig(harness);
    expect(checkRuns(harness)).toEqual([
      expect.objectContaining({ body: expect.objectContaining({ conclusion: 'success' }) }),
    ]);
  });
});
