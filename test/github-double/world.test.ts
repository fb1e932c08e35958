import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createGitHubDouble,
  loadWorld,
  parseWorld,
  WorldValidationError,
} from '../../src/github-double/index.js';
import { acmeWorld } from './support.js';

/** The world example of contract section 3, verbatim. */
const CONTRACT_EXAMPLE = `now: 2025-05-14T10:00:00Z          # the clock at the start (optional)
orgs:
  acme:
    members: [alice, bob]          # org members
    teams: {core: [alice]}         # team slug -> member logins
repos:
  acme/widgets:
    defaultBranch: main
    files:                         # files at the default branch head; or \`dir: PATH\` (relative to the world file)
      OWNERS: "approvers: [alice]\\n"
      .github/sheriff.yml: "..."
    permissions: {alice: admin, bob: write, carol: read}   # absent: none
    labels: [lgtm, approved]       # labels that exist
    issues:                        # issues and pull requests that exist (pull: true for a PR)
      - {number: 7, title: "Fix bundle", user: erin, state: open, pull: true, labels: [],
         assignees: [], files: [services/lambda/bundle.go], headSha: abc123, body: ""}
    workflowRuns:                  # GitHub Actions runs (for /retest-release, backfill)
      - {id: 42, name: release, headSha: abc123, headBranch: main, event: push, status: completed, conclusion: failure}
    statuses:                      # commit statuses (Prow contexts)
      - {sha: abc123, context: post-lambda-release, state: failure, targetUrl: "https://..."}
`;

describe('world files', () => {
  const dir = mkdtempSync(join(tmpdir(), 'github-double-world-test-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  function write(name: string, text: string): string {
    const file = join(dir, name);
    writeFileSync(file, text);
    return file;
  }

  it('loads the contract example', () => {
    const world = loadWorld(write('contract.yaml', CONTRACT_EXAMPLE));
    const double = createGitHubDouble(world);
    expect(double.now().toISOString()).toBe('2025-05-14T10:00:00.000Z');
    expect(double.issue('acme/widgets', 7)).toMatchObject({
      title: 'Fix bundle',
      body: '',
      pull: { headSha: 'abc123' },
    });
    expect(double.workflowRun('acme/widgets', 42)).toMatchObject({
      status: 'completed',
      conclusion: 'failure',
    });
    expect(double.commitStatuses('acme/widgets', 'abc123')).toMatchObject([
      { context: 'post-lambda-release' },
    ]);
    expect(double.labels('acme/widgets').map((label) => label.name)).toEqual(['lgtm', 'approved']);
  });

  it('loads JSON worlds too', () => {
    const world = loadWorld(write('world.json', JSON.stringify(acmeWorld())));
    expect(createGitHubDouble(world).issue('acme/widgets', 8)?.title).toBe('Release job fails');
  });

  it('names the key path and line of each problem', () => {
    const file = write(
      'bad.yaml',
      [
        'repos:',
        '  acme/widgets:',
        '    issues:',
        '      - number: seven',
        '        title: x',
        '        user: erin',
        '    permisions: {}',
        '',
      ].join('\n'),
    );
    let error: unknown;
    try {
      loadWorld(file);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(WorldValidationError);
    const lines = (error as Error).message.split('\n');
    expect(lines).toContainEqual(
      expect.stringMatching(new RegExp(`^${file}:4: repos\\["acme/widgets"\\]\\.issues\\[0\\]\\.number: `)),
    );
    expect(lines).toContain(`${file}:7: repos["acme/widgets"].permisions: unknown key`);
  });

  it('reports YAML syntax errors with their line', () => {
    expect(() => loadWorld(write('syntax.yaml', 'repos:\n  acme/widgets: [\n'))).toThrow(
      /syntax\.yaml:\d+: /,
    );
  });

  it('refuses duplicate issue numbers', () => {
    const result = parseWorld({
      repos: {
        'acme/widgets': {
          issues: [
            { number: 1, title: 'a', user: 'x' },
            { number: 1, title: 'b', user: 'y' },
          ],
        },
      },
    });
    expect(result).toMatchObject({
      ok: false,
      problems: [{ path: 'repos["acme/widgets"].issues[1].number' }],
    });
  });

  it('refuses installations naming repositories the world lacks', () => {
    const result = parseWorld({ installations: [{ id: 1, account: 'acme', repositories: ['acme/nope'] }] });
    expect(result).toMatchObject({ ok: false, problems: [{ path: 'installations[0].repositories[0]' }] });
  });

  it('applies the documented defaults', () => {
    const result = parseWorld({
      repos: { 'acme/widgets': { issues: [{ number: 3, title: 't', user: 'u' }] } },
    });
    if (!result.ok) throw new Error('expected a valid world');
    expect(result.world.definition.app).toEqual({ slug: 'sheriff', id: 1 });
    expect(result.world.definition.repos['acme/widgets']).toMatchObject({
      defaultBranch: 'main',
      labels: [],
    });
    const double = createGitHubDouble(result.world);
    expect(double.now().toISOString()).toBe('2025-01-01T00:00:00.000Z');
    expect(double.issue('acme/widgets', 3)).toMatchObject({ state: 'open', pull: null, body: null });
  });

  it('lets the options override the clock', () => {
    const double = createGitHubDouble(acmeWorld(), { now: '2026-01-01T00:00:00Z' });
    expect(double.now().toISOString()).toBe('2026-01-01T00:00:00.000Z');
  });
});
