import { readFileSync } from 'node:fs';
import { findTouchedAreas, mayTouchAreas } from '../../../plugins/sheriff-commands/find-touched-areas.js';
import {
  disabledPlugins,
  listEnabledCommands,
} from '../../../plugins/sheriff-commands/list-enabled-commands.js';
import { parseSheriffCommand } from '../../../plugins/sheriff-commands/parse-sheriff-command.js';
import {
  renderSheriffCommands,
  usagesInTable,
} from '../../../plugins/sheriff-commands/render-sheriff-commands.js';
import { buildServiceAreas } from '../../../src/areas/service-area.js';
import { areasConfigSchema } from '../../../src/areas/service-area-schema.js';
import { lexCommands } from '../../../src/commands/lex-commands.js';
import { OwnersIndex } from '../../../src/owners/owners-index.js';
import { buildPluginHelp } from '../../../src/plugins/plugin-help.js';
import { commandsFor, genericComment, REGISTRY, sheriffConfig } from '../support/prow-comments.js';

const REPO = { owner: 'acme', name: 'widgets' };
const render = (config = sheriffConfig()) =>
  renderSheriffCommands({
    repository: 'acme/widgets',
    commands: listEnabledCommands(REGISTRY.plugins, config, REPO),
    disabled: disabledPlugins(REGISTRY.plugins, config),
    isPullRequest: false,
  });

describe('one list of commands everywhere', () => {
  it('docs/commands.md, /sheriff commands, PluginHelp and the registry list the same commands', () => {
    const registry = REGISTRY.plugins.flatMap((plugin) => plugin.commands.map((spec) => spec.help.usage));
    const pluginHelp = buildPluginHelp(REGISTRY, [{ Org: 'acme', Repo: 'widgets' }]).Commands.map(
      (command) => command.Usage,
    );
    const docs = [
      ...readFileSync(new URL('../../../docs/commands.md', import.meta.url), 'utf8').matchAll(
        /^### `(.+)`$/gm,
      ),
    ].map((match) => match[1]);
    const answered = usagesInTable(render());

    expect(registry.length).toBeGreaterThan(10);
    expect(pluginHelp).toEqual(registry);
    expect(docs).toEqual(registry);
    expect(answered).toEqual(registry);
  });

  it('leaves out the plugins a repository turns off, and says which', () => {
    const rendered = render(
      sheriffConfig({ plugins: { lgtm: { enabled: false }, hold: { enabled: false } } }),
    );
    expect(usagesInTable(rendered)).not.toContain('/[remove-]lgtm [cancel]');
    expect(usagesInTable(rendered)).not.toContain('/hold [cancel]');
    const off = /^Turned off here in `\.github\/sheriff\.yml`: (.+)\.$/m.exec(rendered)?.[1]?.split(', ');
    expect(off).toEqual(expect.arrayContaining(['hold', 'lgtm']));
    expect(off).not.toContain('assign');
  });

  it("says who may use a command under the repository's config", () => {
    const byUsage = (config = sheriffConfig()) =>
      new Map(
        listEnabledCommands(REGISTRY.plugins, config, REPO).map((command) => [
          command.usage,
          command.whoCanUse,
        ]),
      );
    expect(byUsage().get('/[remove-]lgtm [cancel]')).toMatch(/^Collaborators on the repository/);
    expect(
      byUsage(sheriffConfig({ plugins: { lgtm: { reviewersFromOwners: true } } })).get(
        '/[remove-]lgtm [cancel]',
      ),
    ).toMatch(/^OWNERS approvers and reviewers/);
    expect(
      byUsage(sheriffConfig({ plugins: { 'notify-owners': { access: { users: ['kai'] } } } })).get(
        '/notify-owners [area|path ...] [-- message]',
      ),
    ).toBe('kai.');
    expect(
      byUsage(
        sheriffConfig({
          plugins: { label: { restrictedLabels: [{ label: 'lgtm-ok', allowedUsers: ['kai'] }] } },
        }),
      ).get('/[remove-]label <label>'),
    ).toMatch(/restricted labels: lgtm-ok only by kai\.$/);
  });

  it('escapes the pipes of a usage inside the table', () => {
    expect(render()).toContain('| `/[remove-]lifecycle <frozen\\|stale\\|rotten\\|active>` | issues, PRs |');
  });
});

describe('/sheriff', () => {
  it.each([
    ['/sheriff commands', { kind: 'commands' }],
    ['/Sheriff COMMANDS', { kind: 'commands' }],
    ['/sheriff', { kind: 'commands' }],
    ['/sheriff help me', { kind: 'unknown', asked: 'help me' }],
    ['please /sheriff commands', undefined],
  ] as const)('%j → %j', (body, expected) => {
    expect(parseSheriffCommand(commandsFor('sheriff-commands', genericComment({ body })))).toEqual(expected);
  });

  it('lists the areas the issue touches with their owners, never as mentions', () => {
    const index = OwnersIndex.fromFiles({
      OWNERS: 'approvers: [root]\n',
      'services/lambda/OWNERS': 'approvers: [ana-lambda]\nreviewers: [bo-lambda]\nlabels: [service/lambda]\n',
    });
    const areas = buildServiceAreas(
      areasConfigSchema.parse({
        prow: { labels: ['area/prow'], owners: { mode: 'override', approvers: ['@acme/prow-oncall'] } },
      }),
      index,
    );
    const touched = findTouchedAreas(areas, { labels: ['service/lambda', 'area/prow', 'kind/bug'] }, index);
    expect(touched).toEqual([
      { name: 'lambda', approvers: ['ana-lambda'], reviewers: ['bo-lambda'] },
      { name: 'prow', approvers: ['acme/prow-oncall'], reviewers: [] },
    ]);
    expect(
      findTouchedAreas(areas, { files: ['services/lambda/main.go', 'README.md'] }, index).map(
        (area) => area.name,
      ),
    ).toEqual(['lambda']);
    const rendered = renderSheriffCommands({
      repository: 'acme/widgets',
      commands: [],
      disabled: [],
      areas: touched,
      isPullRequest: false,
    });
    expect(rendered).toContain(
      'Areas of this issue (by its labels), and their owners:\n\n- `lambda`: approvers `ana-lambda`; reviewers `bo-lambda`\n- `prow`: approvers `acme/prow-oncall`',
    );
    expect(rendered).not.toMatch(/@ana|@acme/);
    expect(
      renderSheriffCommands({
        repository: 'acme/widgets',
        commands: [],
        disabled: [],
        areas: [],
        isPullRequest: true,
      }),
    ).toContain('No service area owns this PR (by its changed files).');
  });

  it('reads OWNERS for an issue only when a label could name an area', () => {
    const config = areasConfigSchema.parse({ prow: { labels: ['area/prow'] } });
    expect(mayTouchAreas(['kind/bug'], config)).toBe(false);
    expect(mayTouchAreas(['Area/Prow'], config)).toBe(true);
    expect(mayTouchAreas(['service/s3'], {})).toBe(true);
  });

  it('is one command word routed to one plugin', () => {
    expect(
      lexCommands('/sheriff commands').map((token) => REGISTRY.findCommand(token.name)?.plugin.name),
    ).toEqual(['sheriff-commands']);
  });
});
