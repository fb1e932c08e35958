import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { readOwnersDir } from '../../src/owners/read-owners-dir.js';

describe('readOwnersDir', () => {
  let dir: string;

  const write = async (path: string, text: string) => {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), text);
  };

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'sheriff-owners-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('reads every OWNERS below the directory and the root OWNERS_ALIASES', async () => {
    await write('OWNERS', 'approvers: [core]\n');
    await write('OWNERS_ALIASES', 'aliases:\n  core: [Alice]\n');
    await write('a/b/c/OWNERS', 'approvers: [deep]\n');
    await write('a/README.md', 'not owners\n');
    const read = await readOwnersDir(dir);
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(read.problems).toEqual([]);
    expect(read.index.resolve('a/b/c/d.go').approvers).toEqual(['alice', 'deep']);
  });

  it('skips .git and node_modules', async () => {
    await write('OWNERS', 'approvers: [root]\n');
    await write('.git/x/OWNERS', 'approvers: [git]\n');
    await write('node_modules/pkg/OWNERS', 'approvers: [npm]\n');
    const read = await readOwnersDir(dir);
    if (!read.ok) throw new Error(read.error);
    expect(read.index.ownersFiles.map((file) => file.path)).toEqual(['OWNERS']);
  });

  it('does not follow symbolic links, as filepath.Walk does not', async () => {
    await write('real/OWNERS', 'approvers: [real]\n');
    await symlink(join(dir, 'real'), join(dir, 'linked'));
    await symlink(join(dir, 'real/OWNERS'), join(dir, 'OWNERS'));
    const read = await readOwnersDir(dir);
    if (!read.ok) throw new Error(read.error);
    expect(read.index.ownersFiles.map((file) => file.path)).toEqual(['real/OWNERS']);
  });

  it('keeps going past a malformed file and reports it with its line', async () => {
    await write('OWNERS', 'approvers: [root]\n');
    await write('bad/OWNERS', 'approvers: [a\n');
    const read = await readOwnersDir(dir);
    if (!read.ok) throw new Error(read.error);
    expect(read.problems).toEqual([expect.objectContaining({ file: 'bad/OWNERS', code: 'yaml-syntax' })]);
    expect(read.index.resolve('bad/x').approvers).toEqual(['root']);
  });

  it('fails with a message when the directory does not exist', async () => {
    const read = await readOwnersDir(join(dir, 'missing'));
    expect(read).toMatchObject({ ok: false, error: expect.stringContaining('missing') });
  });
});
