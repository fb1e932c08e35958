import fc from 'fast-check';
import { translateRe2 } from '../../src/owners/translate-re2.js';

function regexpOf(pattern: string): RegExp {
  const translation = translateRe2(pattern);
  if (!translation.ok) throw new Error(`expected ${pattern} to translate: ${translation.error.reason}`);
  return translation.regexp;
}

describe('translateRe2', () => {
  describe('accepts the safe subset with Go meaning', () => {
    it.each([
      // pattern, matches, does not match
      ['^helm/', ['helm/values.yaml'], ['charts/helm/x', 'xhelm/']],
      ['\\.go$', ['pkg/a.go'], ['pkg/a.gox']],
      ['_test\\.go', ['a/b_test.go'], ['a/b-test.go']],
      ['^(docs|site)/.*\\.md$', ['docs/a.md', 'site/b/c.md'], ['blog/a.md', 'docs/a.mdx']],
      ['[a-c]x', ['bx'], ['dx']],
      ['[^a-c]x', ['dx', '\nx'], ['ax']],
      ['[]a]', [']'], ['b']],
      ['[-a]', ['-'], ['b']],
      ['[[:digit:][:upper:]]', ['7', 'Q'], ['q']],
      ['[[:^alpha:]]', ['1'], ['a']],
      ['[\\d_]', ['5', '_'], ['a']],
      ['\\d\\w\\s', ['1a ', '1_\t'], ['a1 ', '1a\u000b', '1a\u00a0']],
      ['^\\D\\W\\S$', ['a-x', 'a x'], ['1-x', 'a- ', 'aax']],
      ['a{2}', ['aa'], ['a']],
      ['^a{2,}$', ['aaa'], ['a']],
      ['^a{1,2}$', ['aa'], ['aaa']],
      ['^a+?$', ['aa'], ['']],
      ['^ab?c*$', ['a', 'abccc'], ['abbc']],
      ['(?:ab)+', ['abab'], ['ba']],
      ['(?P<dir>pkg)/(?<rest>x)', ['pkg/x'], ['pkg/y']],
      ['\\Qa.b*\\E', ['a.b*'], ['axb']],
      ['\\Aa\\z', ['a'], ['ba', 'a\n']],
      ['\\bgo\\b', ['a go b'], ['gopher']],
      ['\\x41\\x{263a}\\101', ['A☺A'], ['A☺B']],
      ['a\\.b\\-c\\/d', ['a.b-c/d'], ['axb-c/d']],
      ['a{,2}', ['a{,2}'], ['aa']],
      ['x{01}', ['x{01}'], ['x']],
      ['', ['anything', ''], []],
      ['(?i)^README', ['readme.md', 'ReadMe'], ['docs/README']],
      ['(?i)k', ['\u212a'], ['x']],
      ['(?s)a.b', ['a\nb'], ['ab']],
      ['(?m)^b$', ['a\nb\nc'], ['ab', 'a\r\nb\r\nc']],
      ['^*a', ['a'], ['b']],
    ])('%j', (pattern, matching, notMatching) => {
      const regexp = regexpOf(pattern);
      for (const text of matching) expect([text, regexp.test(text)]).toEqual([text, true]);
      for (const text of notMatching) expect([text, regexp.test(text)]).toEqual([text, false]);
    });

    it('keeps Go meanings where JavaScript differs: `.` skips only \\n, `$` is end of text', () => {
      expect(regexpOf('a.b').test('a\rb')).toBe(true);
      expect(regexpOf('a.b').test('a\nb')).toBe(false);
      expect(regexpOf('b$').test('ab\n')).toBe(false);
      expect(regexpOf('^.$').test('😀')).toBe(true);
    });

    it('matches unanchored, like Go MatchString', () => {
      expect(regexpOf('helm').test('charts/helm/values.yaml')).toBe(true);
    });
  });

  describe('rejects what Go rejects (Prow skips such a filter too)', () => {
    it.each([
      ['(?=x)', '(?='],
      ['(?!x)', '(?!'],
      ['(?<=x)a', '(?<='],
      ['(?<!x)a', '(?<!'],
      ['(a)\\1', '\\1'],
      ['(?P<n>a)(?P=n)', '(?P='],
      ['a*+', '*+'],
      ['a++', '++'],
      ['a**', '**'],
      ['a{2}{3}', '{3}'],
      ['(?>a)', '(?>'],
      ['*a', '*'],
      ['a|*', '*'],
      ['x{1001}', '{1001}'],
      ['x{3,2}', '{3,2}'],
      ['(x{100}){11}', '{11}'],
      ['\\Z', '\\Z'],
      ['\\C', '\\C'],
      ['\\8', '\\8'],
      ['\\', '\\'],
      ['[z-a]', 'z-a'],
      ['[[:nope:]]', '[:nope:]'],
      ['(a', '(a'],
      ['a)', ')'],
      ['[a', '[a'],
      ['(?P<a-b>x)', '(?P<a-b>'],
      ['(?P<n>a)(?P<n>b)', '(?P<n>'],
      ['(?x)a', '(?x)'],
    ])('%j at %j', (pattern, construct) => {
      const translation = translateRe2(pattern);
      expect(translation).toMatchObject({ ok: false, error: { kind: 'invalid', construct } });
    });
  });

  describe('rejects valid RE2 it cannot reproduce exactly (Prow would apply it)', () => {
    it.each([
      ['\\pL', '\\pL'],
      ['\\p{Greek}', '\\p{Greek}'],
      ['\\PN', '\\PN'],
      ['[\\p{L}]', '\\p{L}'],
      ['a(?i)b', '(?i)'],
      ['(?i:a)b', '(?i:'],
      ['(?U)a+', '(?U)'],
      ['(?-i)a', '(?-i)'],
      ['(?i)\\bgo', '\\b'],
    ])('%j at %j', (pattern, construct) => {
      const translation = translateRe2(pattern);
      expect(translation).toMatchObject({ ok: false, error: { kind: 'untranslatable', construct } });
    });
  });

  it('never throws, and every translation it returns is a working RegExp', () => {
    const re2ish = fc.stringMatching(/^[a-c.*+?()[\]{}|^$\\:0-9,PQEdswAzbi<>=!-]{0,12}$/);
    fc.assert(
      fc.property(fc.oneof(re2ish, fc.string()), fc.string({ maxLength: 8 }), (pattern, text) => {
        const translation = translateRe2(pattern);
        if (translation.ok) expect(typeof translation.regexp.test(text)).toBe('boolean');
        else expect(translation.error.reason.length).toBeGreaterThan(0);
      }),
      { numRuns: 3000 },
    );
  });

  it('matches any literal text quoted with \\Q...\\E exactly', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1 }).filter((text) => !text.includes('\\E')),
        (text) => {
          expect(regexpOf(`^\\Q${text}\\E$`).test(text)).toBe(true);
        },
      ),
    );
  });
});
