import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const CLI = new URL('../../src/cli/main.ts', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'sheriff-config-'));
const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};
const validate = (path: string) => run(process.execPath, ['--import', 'tsx', CLI, 'validate-config', path]);

describe('sheriff validate-config', () => {
  it('exits 0 for a valid file', async () => {
    const { stdout } = await validate(file('good.yml', 'plugins:\n  hold:\n    enabled: false\n'));
    expect(stdout).toContain('valid');
  });

  it('exits 1 with one line per problem naming line and key path', async () => {
    const path = file('bad.yml', 'plugins:\n  hold:\n    enabled: maybe\n    colour: red\n');
    const failure = await validate(path).then(
      () => undefined,
      (error: { code: number; stdout: string }) => error,
    );
    expect(failure?.code).toBe(1);
    const lines = failure!.stdout.trim().split('\n');
    expect(lines).toEqual([
      expect.stringMatching(new RegExp(`^${path}:3: plugins\\.hold\\.enabled: .*boolean`)),
      expect.stringMatching(new RegExp(`^${path}:4: plugins\\.hold\\.colour: `)),
    ]);
  });
});
