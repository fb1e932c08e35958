import { ProbotOctokit } from 'probot';
import { BUILTIN_PLUGINS } from '../../plugins/index.js';
import { RepoConfigSource } from '../../src/config/repo-config-source.js';
import { buildConfigSchema } from '../../src/config/sheriff-config-schema.js';
import { createGitHubDouble } from '../../src/github-double/index.js';
import type { WorldInput } from '../../src/github-double/world-schema.js';
import type { GitHubClient } from '../../src/github/github-app.js';
import { createLogger } from '../../src/logging/logger.js';
import type { Store } from '../../src/store/open-store.js';
import { BACKENDS, openScratchStore } from '../support/stores.js';

const log = createLogger('silent');
const schema = buildConfigSchema(BUILTIN_PLUGINS);

function clientFor(world: WorldInput): GitHubClient {
  const double = createGitHubDouble(world);
  return new ProbotOctokit({
    request: { fetch: double.fetch },
    throttle: { enabled: false },
    retry: { enabled: false },
  }) as unknown as GitHubClient;
}

const hold = (loaded: { config: { plugins: Record<string, unknown> } }) =>
  loaded.config.plugins.hold as { enabled: boolean; label: string };
const repo = (files: Record<string, string> = {}) => ({ defaultBranch: 'main', files });

describe.each(BACKENDS)('RepoConfigSource on %s', (backend) => {
  let store: Store;
  let source: RepoConfigSource;

  beforeEach(async () => {
    store = await openScratchStore(backend);
    source = new RepoConfigSource(schema, store.db, 0);
  });
  afterEach(async () => {
    await store.close();
  });

  it('uses the defaults when neither the repository nor the org has a config (a missing file is valid)', async () => {
    const client = clientFor({ repos: { 'acme/widgets': repo() } });
    const loaded = await source.load(client, 'acme', 'widgets', log);
    expect(loaded).toEqual({ config: schema.parse({}), origin: 'valid', problems: [] });
  });

  it("falls back to the org's .github repository", async () => {
    const client = clientFor({
      repos: {
        'acme/widgets': repo(),
        'acme/.github': repo({ '.github/sheriff.yml': 'plugins:\n  hold:\n    label: org/hold\n' }),
      },
    });
    const loaded = await source.load(client, 'acme', 'widgets', log);
    expect(loaded.origin).toBe('valid');
    expect(hold(loaded)).toEqual({ enabled: true, label: 'org/hold' });
  });

  it('follows _extends and lets the repository override the base', async () => {
    const client = clientFor({
      repos: {
        'acme/widgets': repo({
          '.github/sheriff.yml': '_extends: shared\nplugins:\n  hold:\n    label: mine\n',
        }),
        'acme/shared': repo({
          '.github/sheriff.yml': 'plugins:\n  hold:\n    enabled: false\n    label: theirs\n',
        }),
      },
    });
    const loaded = await source.load(client, 'acme', 'widgets', log);
    expect(hold(loaded)).toEqual({ enabled: false, label: 'mine' });
  });

  it('keeps the last valid config in force while the file is invalid, and says what is wrong', async () => {
    const good = clientFor({
      repos: { 'acme/widgets': repo({ '.github/sheriff.yml': 'plugins:\n  hold:\n    label: good\n' }) },
    });
    await source.load(good, 'acme', 'widgets', log);

    const broken = clientFor({
      repos: { 'acme/widgets': repo({ '.github/sheriff.yml': 'plugins:\n  hold:\n    labl: typo\n' }) },
    });
    const loaded = await source.load(broken, 'acme', 'widgets', log);
    expect(loaded.origin).toBe('last-valid');
    expect(hold(loaded).label).toBe('good');
    expect(loaded.problems).toEqual([expect.objectContaining({ path: 'plugins.hold.labl' })]);

    const unparseable = clientFor({
      repos: { 'acme/widgets': repo({ '.github/sheriff.yml': 'plugins: [\n' }) },
    });
    expect(hold(await source.load(unparseable, 'acme', 'widgets', log)).label).toBe('good');
  });

  it('rejects a __proto__ key from a repository file without polluting anything', async () => {
    const client = clientFor({
      repos: { 'acme/widgets': repo({ '.github/sheriff.yml': '__proto__:\n  polluted: true\n' }) },
    });
    const loaded = await source.load(client, 'acme', 'widgets', log);
    expect(loaded.origin).toBe('default');
    expect(loaded.problems[0]!.path).toBe('__proto__');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
