import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { createGitHubDouble, type WorldInput } from '../../src/github-double/index.js';
import { openApiSubset } from '../../src/github-double/openapi-subset.js';

/**
 * Replays requests recorded against api.github.com by @octokit/fixtures and checks that the double
 * answers with the recorded status and with every field the recording has that GitHub's response
 * schema marks required (present, and of the same JSON kind). The double's full response is also
 * checked against GitHub's schema, since response validation is on by default.
 *
 * Scenarios covered: labels, add-labels-to-issue, lock-issue, create-status, errors, get-content,
 * get-repository, get-organization, search-issues, paginate-issues,
 * add-and-remove-repository-collaborator. Not covered (routes the double does not implement):
 * branch-protection, create-file, get-archive, get-root, git-refs, mark-notifications-as-read,
 * markdown, project-cards, release-assets, release-assets-conflict, rename-repository.
 */

interface Recording {
  method: string;
  path: string;
  body: unknown;
  status: number;
  response: unknown;
  reqheaders: Record<string, unknown>;
  headers: Record<string, unknown>;
}

interface Scenario {
  name: string;
  world: WorldInput;
  /** Recorded steps the double does not implement: it must say so with a 501. */
  unimplemented?: Record<number, string>;
  /** A documented adjustment of a recorded request. */
  adapt?: (recording: Recording) => Recording;
  /** Later steps follow the double's own `link: rel="next"` (recordings point at `/repositories/{id}`). */
  followNextLinks?: true;
}

const require = createRequire(import.meta.url);
const SCENARIOS = join(
  dirname(require.resolve('@octokit/fixtures/package.json')),
  'scenarios/api.github.com',
);
const ORG = 'octokit-fixture-org';
const USER_A = 'octokit-fixture-user-a';

function recordings(name: string): Recording[] {
  return JSON.parse(readFileSync(join(SCENARIOS, name, 'normalized-fixture.json'), 'utf8')) as Recording[];
}

function repoWorld(name: string, repo: NonNullable<WorldInput['repos']>[string] = {}): WorldInput {
  return { orgs: { [ORG]: { members: [USER_A] } }, repos: { [`${ORG}/${name}`]: repo } };
}

const recordedLabels = (
  recordings('labels')[0]!.response as Array<{ name: string; color: string; description: string }>
).map(({ name, color, description }) => ({ name, color, description }));

const scenarios: Scenario[] = [
  { name: 'labels', world: repoWorld('labels', { labels: recordedLabels }) },
  { name: 'add-labels-to-issue', world: repoWorld('add-labels-to-issue') },
  {
    name: 'lock-issue',
    world: repoWorld('lock-issue', { issues: [{ number: 1, title: 'Lock me', user: USER_A }] }),
  },
  { name: 'create-status', world: repoWorld('create-status') },
  { name: 'errors', world: repoWorld('errors') },
  {
    name: 'get-content',
    world: repoWorld('hello-world', { defaultBranch: 'master', files: { 'README.md': '# hello-world' } }),
  },
  { name: 'get-repository', world: repoWorld('hello-world') },
  { name: 'get-organization', world: repoWorld('hello-world') },
  {
    name: 'search-issues',
    world: repoWorld('search-issues', {
      issues: [
        {
          number: 1,
          title: 'The doors don’t open',
          user: USER_A,
          body: 'I tried "open sesame" but no luck!',
        },
        { number: 2, title: 'Sesame seeds split without a pop!', user: USER_A, body: 'no pop' },
        { number: 3, title: 'Unrelated', user: USER_A },
      ],
    }),
    // Recorded before GitHub began refusing issue searches that do not name issues or pull requests.
    adapt: (recording) => ({
      ...recording,
      path: recording.path.replace('?q=sesame', '?q=sesame%20is%3Aissue'),
    }),
  },
  {
    name: 'paginate-issues',
    world: repoWorld('paginate-issues', {
      issues: Array.from({ length: 13 }, (_, index) => ({
        number: index + 1,
        title: `Test issue ${index + 1}`,
        user: USER_A,
      })),
    }),
    followNextLinks: true,
  },
  {
    name: 'add-and-remove-repository-collaborator',
    world: repoWorld('add-and-remove-repository-collaborator', { permissions: { [USER_A]: 'admin' } }),
    unimplemented: { 1: 'repos/list-invitations', 2: 'repos/accept-invitation-for-authenticated-user' },
  },
];

type JsonKind = 'null' | 'array' | 'object' | 'string' | 'number' | 'boolean' | 'undefined';

function kindOf(value: unknown): JsonKind {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value as JsonKind;
}

function resolve(schema: unknown): Record<string, unknown> {
  const ref = (schema as { $ref?: string } | undefined)?.$ref;
  if (ref) return openApiSubset.definitions[ref.split('/').pop()!] as Record<string, unknown>;
  return (schema ?? {}) as Record<string, unknown>;
}

/** The top-level required keys of the schema branch that describes `sample`. */
function requiredKeys(schemaRef: unknown, sample: unknown): string[] {
  const schema = resolve(schemaRef);
  for (const keyword of ['oneOf', 'anyOf'] as const) {
    const branches = schema[keyword] as unknown[] | undefined;
    if (!branches) continue;
    const sameShape = branches.filter(
      (branch) => (resolve(branch).type === 'array') === Array.isArray(sample),
    );
    const element = firstElement(sample);
    const fitting = sameShape
      .map((branch) => requiredKeys(branch, sample))
      .find((required) =>
        required.every((key) => typeof element === 'object' && element !== null && key in element),
      );
    return fitting ?? [];
  }
  if (Array.isArray(schema.allOf)) return schema.allOf.flatMap((branch) => requiredKeys(branch, sample));
  const type = schema.type;
  if (type === 'array' || (Array.isArray(type) && type.includes('array'))) {
    return Array.isArray(sample) && sample.length > 0 ? requiredKeys(schema.items, sample[0]) : [];
  }
  return (schema.required as string[] | undefined) ?? [];
}

function firstElement(value: unknown): unknown {
  return Array.isArray(value) ? value[0] : value;
}

function nextLink(link: string | null): string | undefined {
  return link
    ?.split(',')
    .find((part) => part.includes('rel="next"'))
    ?.match(/<([^>]+)>/)?.[1];
}

describe.each(scenarios)('@octokit/fixtures scenario $name', (scenario) => {
  it('is answered like api.github.com answered it', async () => {
    const double = createGitHubDouble(scenario.world, { now: '2017-10-10T16:00:00Z' });
    let next: string | undefined;
    for (const [index, original] of recordings(scenario.name).entries()) {
      const recording = scenario.adapt ? scenario.adapt(original) : original;
      const url = index > 0 && scenario.followNextLinks ? next! : `https://api.github.com${recording.path}`;
      const hasBody = recording.body !== '' && recording.body !== undefined;
      const response = await double.fetch(url, {
        method: recording.method.toUpperCase(),
        headers: {
          accept: String(recording.reqheaders.accept),
          'content-type': 'application/json; charset=utf-8',
        },
        body: hasBody ? JSON.stringify(recording.body) : undefined,
      });
      const step = `${scenario.name} step ${index}: ${recording.method.toUpperCase()} ${recording.path}`;
      const unimplemented = scenario.unimplemented?.[index];
      if (unimplemented) {
        expect({ step, status: response.status }).toEqual({ step, status: 501 });
        expect(await response.text()).toContain(unimplemented);
        continue;
      }
      expect({ step, status: response.status }).toEqual({ step, status: recording.status });
      expect({ step, link: Boolean(response.headers.get('link')) }).toEqual({
        step,
        link: Boolean(recording.headers.link),
      });
      next = nextLink(response.headers.get('link'));
      const text = await response.text();
      if (typeof recording.response === 'string') {
        expect({ step, body: text }).toEqual({ step, body: recording.response });
        continue;
      }
      const body = JSON.parse(text) as unknown;
      if (recording.status >= 400) {
        const { message, errors } = recording.response as { message: string; errors?: unknown };
        expect(body).toMatchObject({ message, ...(errors ? { errors } : {}) });
        continue;
      }
      if (Array.isArray(recording.response)) {
        expect({ step, items: (body as unknown[]).length }).toEqual({
          step,
          items: recording.response.length,
        });
      }
      const operationId = double.requests.at(-1)!.operationId!;
      const schema = openApiSubset.operations[operationId]!.responses[String(recording.status)];
      const recorded = firstElement(recording.response) as Record<string, unknown>;
      const answered = firstElement(body) as Record<string, unknown>;
      const checked = requiredKeys(schema, recording.response).filter((required) => required in recorded);
      if (recording.status !== 204)
        expect({ step, checked: checked.length > 0 }).toEqual({ step, checked: true });
      for (const key of checked) {
        const kinds = [kindOf(recorded[key]), kindOf(answered[key])];
        const compatible = kinds[0] === kinds[1] || kinds.includes('null');
        expect({ step, key, kinds, compatible }).toEqual({ step, key, kinds, compatible: true });
      }
      if ('total_count' in recorded)
        expect({ step, total: answered.total_count }).toEqual({ step, total: recorded.total_count });
    }
  });
});

describe('@octokit/fixtures get-content', () => {
  it('gives README.md the blob SHA api.github.com gave it', async () => {
    const double = createGitHubDouble(
      repoWorld('hello-world', { defaultBranch: 'master', files: { 'README.md': '# hello-world' } }),
    );
    const response = await double.fetch(`https://api.github.com/repos/${ORG}/hello-world/contents/`);
    const [recorded] = recordings('get-content')[0]!.response as Array<{ sha: string; url: string }>;
    const [answered] = (await response.json()) as Array<{ sha: string; url: string }>;
    expect(answered!.sha).toBe(recorded!.sha);
    expect(answered!.url).toBe(recorded!.url);
  });
});
