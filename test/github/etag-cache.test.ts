import { type CachedResponse, EtagCache } from '../../src/github/etag-cache.js';

const response = (text: string): CachedResponse => ({
  etag: '"x"',
  status: 200,
  url: 'https://api.github.com/x',
  headers: {},
  data: text,
});

describe('EtagCache', () => {
  it('evicts the least recently used entries to stay within its byte budget', () => {
    const cache = new EtagCache(8000);
    cache.set('a', response('a'.repeat(400)));
    cache.set('b', response('b'.repeat(400)));
    cache.set('c', response('c'.repeat(400)));
    cache.get('a'); // a is now the most recently used
    for (let i = 0; i < 7; i += 1) cache.set(`d${i}`, response('d'.repeat(400)));
    expect(cache.bytes).toBeLessThanOrEqual(8000);
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBeDefined();
    expect(cache.get('c')).toBeDefined();
  });

  it('does not keep an entry larger than an eighth of the budget', () => {
    const cache = new EtagCache(8000);
    cache.set('big', response('x'.repeat(2000)));
    expect(cache.get('big')).toBeUndefined();
    expect(cache.bytes).toBe(0);
  });

  it('replaces an entry without counting it twice', () => {
    const cache = new EtagCache(1_000_000);
    cache.set('a', response('one'));
    const once = cache.bytes;
    cache.set('a', response('two'));
    expect(cache.bytes).toBe(once);
    expect(cache.size).toBe(1);
  });

  it('keeps nothing with a budget of 0', () => {
    const cache = new EtagCache(0);
    cache.set('a', response('a'));
    expect(cache.size).toBe(0);
  });
});
