import { LruMap } from '../../src/owners/lru-map.js';
import { sameOwnersBlobs, selectOwnersBlobs } from '../../src/owners/select-owners-blobs.js';

const blob = (path: string, sha: string, mode = '100644') => ({ path, sha, mode, type: 'blob' });

describe('selectOwnersBlobs', () => {
  it('keeps every OWNERS and the root OWNERS_ALIASES, sorted by path, and nothing else', () => {
    const selected = selectOwnersBlobs([
      blob('services/s3/OWNERS', 's3'),
      blob('OWNERS_ALIASES', 'aliases'),
      blob('docs/OWNERS_ALIASES', 'nested-aliases'),
      blob('OWNERS', 'root'),
      blob('docs/OWNERS.md', 'md'),
      blob('services/OWNERS/README', 'dir-named-owners'),
      { path: 'services', type: 'tree', mode: '040000', sha: 'tree' },
    ]);
    expect([...selected]).toEqual([
      ['OWNERS', 'root'],
      ['OWNERS_ALIASES', 'aliases'],
      ['services/s3/OWNERS', 's3'],
    ]);
  });

  it('skips symbolic links and submodules, as a walk of a checkout does', () => {
    const selected = selectOwnersBlobs([
      blob('vendor/OWNERS', 'link', '120000'),
      { path: 'third_party/OWNERS', type: 'commit', mode: '160000', sha: 'submodule' },
    ]);
    expect(selected.size).toBe(0);
  });

  it('honours other file names', () => {
    const selected = selectOwnersBlobs([blob('OWNERS', 'a'), blob('CODE_OWNERS', 'b')], {
      owners: 'CODE_OWNERS',
      ownersAliases: 'OWNERS_ALIASES',
    });
    expect([...selected.keys()]).toEqual(['CODE_OWNERS']);
  });

  it('compares selections by path and blob SHA', () => {
    const a = new Map([['OWNERS', '1']]);
    expect(sameOwnersBlobs(a, new Map([['OWNERS', '1']]))).toBe(true);
    expect(sameOwnersBlobs(a, new Map([['OWNERS', '2']]))).toBe(false);
    expect(sameOwnersBlobs(a, new Map([['docs/OWNERS', '1']]))).toBe(false);
    expect(sameOwnersBlobs(a, new Map())).toBe(false);
  });
});

describe('LruMap', () => {
  it('drops the least recently used entry past its capacity', () => {
    const map = new LruMap<string, number>(2);
    map.set('a', 1).set('b', 2);
    expect(map.get('a')).toBe(1);
    map.set('c', 3);
    expect([...map.keys()]).toEqual(['a', 'c']);
    expect([...map]).toEqual([
      ['a', 1],
      ['c', 3],
    ]);
    expect(map.has('b')).toBe(false);
    expect(map.size).toBe(2);
  });

  it('refuses a capacity below one', () => {
    expect(() => new LruMap(0)).toThrow(RangeError);
  });
});
