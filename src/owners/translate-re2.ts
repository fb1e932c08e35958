/**
 * Translates Go RE2 patterns (the `filters` keys of OWNERS files) into JavaScript regexps that
 * match exactly the same strings, or says why it cannot.
 *
 * The output always uses the `u` flag (Go matches code points, not UTF-16 units) and never the
 * `m` or `s` flags: `.`, `^`, `$`, `\s` and friends are spelled out so that their Go meaning
 * holds whatever JavaScript would have done.
 */

/**
 * Why a pattern has no translation.
 * - `invalid`: Go's `regexp.Compile` rejects it too, so Prow also skips the filter.
 * - `untranslatable`: valid RE2 that Sheriff does not reproduce; Prow would apply the filter.
 */
export type Re2ErrorKind = 'invalid' | 'untranslatable';

export interface Re2Error {
  readonly kind: Re2ErrorKind;
  /** UTF-16 index in the pattern where the construct starts. */
  readonly index: number;
  /** The construct as written, e.g. `(?=`, `\1`, `\pL`. */
  readonly construct: string;
  /** A sentence for people: `lookahead (?= is not RE2 syntax`. */
  readonly reason: string;
}

export type Re2Translation =
  | {
      readonly ok: true;
      readonly pattern: string;
      /** `regexp.source`, kept for logs and tests. */
      readonly source: string;
      /** Test with `regexp.test(s)`: unanchored, like Go's `MatchString`. */
      readonly regexp: RegExp;
    }
  | { readonly ok: false; readonly pattern: string; readonly error: Re2Error };

/**
 * Translates a Go RE2 pattern into an equivalent JavaScript `RegExp`. Never throws.
 *
 * Accepted: literals, `.`, `[...]` classes (ranges, negation, `[:alpha:]`-style POSIX classes),
 * `\d \D \w \W \s \S`, `^ $ \A \z \b \B`, `* + ? {n} {n,} {n,m}` and their lazy forms,
 * `|`, `(...)`, `(?:...)`, `(?P<name>...)`, `(?<name>...)`, `\Q...\E`, escapes (`\.`, `\x41`,
 * `\x{263a}`, `\012`, `\t`...), and `(?i)`, `(?m)`, `(?s)` at the very start.
 *
 * Rejected as `invalid` (Go rejects them too): backreferences, lookaround, atomic groups,
 * possessive or doubled quantifiers, repeat counts over 1000, unknown escapes, unbalanced
 * brackets. Rejected as `untranslatable`: `\p{...}`/`\pL` Unicode classes, flags anywhere but the
 * start, `(?U)`, `(?-i)`, `(?i:...)` groups, `\b`/`\B` under `(?i)`.
 *
 * @example
 * const t = translateRe2('(?i)^docs/.*\\.md\\z');
 * t.ok && t.regexp.test('DOCS/api/v1.md'); // true
 * translateRe2('(?=x)'); // { ok: false, error: { kind: 'invalid', construct: '(?=', ... } }
 */
export function translateRe2(pattern: string): Re2Translation {
  let source: string;
  let flags: string;
  try {
    ({ source, flags } = new Re2Translator(pattern).translate());
  } catch (error) {
    if (error instanceof Re2SyntaxError) return { ok: false, pattern, error: error.detail };
    throw error;
  }
  try {
    return { ok: true, pattern, source, regexp: new RegExp(source, flags) };
  } catch (error) {
    // A translation JavaScript refuses is a bug here; report it rather than crash the caller.
    const reason = `JavaScript rejected the translation: ${(error as Error).message}`;
    return { ok: false, pattern, error: { kind: 'untranslatable', index: 0, construct: pattern, reason } };
  }
}

/** Go's limit on `{n,m}` counts, also applied to nested repeats multiplied together. */
const MAX_REPEAT = 1000;
const MAX_CODE_POINT = 0x10ffff;
const LONG_S = 0x17f; // ſ folds to s
const KELVIN = 0x212a; // K folds to k

type Range = readonly [number, number];

const DIGIT: readonly Range[] = [[0x30, 0x39]];
const WORD: readonly Range[] = [
  [0x30, 0x39],
  [0x41, 0x5a],
  [0x5f, 0x5f],
  [0x61, 0x7a],
];
// Go's \s is [\t\n\f\r ]: no \v and no Unicode spaces, unlike JavaScript's.
const SPACE: readonly Range[] = [
  [0x09, 0x0a],
  [0x0c, 0x0d],
  [0x20, 0x20],
];
const PERL_CLASSES: Readonly<Record<string, readonly Range[]>> = { d: DIGIT, w: WORD, s: SPACE };

const POSIX_CLASSES: ReadonlyMap<string, readonly Range[]> = new Map(
  Object.entries({
    alnum: [
      [0x30, 0x39],
      [0x41, 0x5a],
      [0x61, 0x7a],
    ],
    alpha: [
      [0x41, 0x5a],
      [0x61, 0x7a],
    ],
    ascii: [[0x00, 0x7f]],
    blank: [
      [0x09, 0x09],
      [0x20, 0x20],
    ],
    cntrl: [
      [0x00, 0x1f],
      [0x7f, 0x7f],
    ],
    digit: DIGIT,
    graph: [[0x21, 0x7e]],
    lower: [[0x61, 0x7a]],
    print: [[0x20, 0x7e]],
    punct: [
      [0x21, 0x2f],
      [0x3a, 0x40],
      [0x5b, 0x60],
      [0x7b, 0x7e],
    ],
    space: [
      [0x09, 0x0d],
      [0x20, 0x20],
    ],
    upper: [[0x41, 0x5a]],
    word: WORD,
    xdigit: [
      [0x30, 0x39],
      [0x41, 0x46],
      [0x61, 0x66],
    ],
  }),
);

class Re2SyntaxError extends Error {
  constructor(readonly detail: Re2Error) {
    super(detail.reason);
  }
}

/** One item of a sequence, ready to take a quantifier. */
interface Term {
  text: string;
  /** Zero-width assertions must be wrapped before JavaScript lets them be quantified. */
  assertion: boolean;
  quantified: boolean;
  /** Largest product of nested `{n,m}` bounds inside, for Go's repeat-size check. */
  repeatWeight: number;
}

class Re2Translator {
  private pos = 0;
  private foldCase = false;
  private multiLine = false;
  private dotAll = false;
  private readonly captureNames = new Set<string>();

  constructor(private readonly pattern: string) {}

  translate(): { source: string; flags: string } {
    this.readLeadingFlags();
    const { text } = this.readAlternation(0);
    if (this.pos < this.pattern.length) this.fail('invalid', this.pos, ')', 'unexpected )');
    return { source: text, flags: this.foldCase ? 'iu' : 'u' };
  }

  private readLeadingFlags(): void {
    for (;;) {
      const match = /^\(\?([a-zA-Z-]*)([:)])/.exec(this.pattern.slice(this.pos));
      if (match === null) return;
      const [whole, letters = '', end] = match;
      if (end === ':' || !/^[ims]*$/.test(letters)) return; // left to readGroup, which explains
      for (const letter of letters) {
        if (letter === 'i') this.foldCase = true;
        else if (letter === 'm') this.multiLine = true;
        else this.dotAll = true;
      }
      this.pos += whole.length;
    }
  }

  private readAlternation(depth: number): { text: string; repeatWeight: number } {
    const branches: string[] = [];
    let repeatWeight = 1;
    for (;;) {
      const branch = this.readSequence(depth);
      branches.push(branch.text);
      repeatWeight = Math.max(repeatWeight, branch.repeatWeight);
      if (this.peek() !== '|') return { text: branches.join('|'), repeatWeight };
      this.pos++;
    }
  }

  private readSequence(depth: number): { text: string; repeatWeight: number } {
    const terms: Term[] = [];
    let lastWasRepeat = false;
    while (this.pos < this.pattern.length) {
      const c = this.peek();
      if (c === '|') break;
      if (c === ')') {
        if (depth === 0) this.fail('invalid', this.pos, ')', 'unexpected )');
        break;
      }
      const quantifier = this.tryReadQuantifier();
      if (quantifier !== null) {
        this.applyQuantifier(terms, quantifier, lastWasRepeat);
        lastWasRepeat = true;
        continue;
      }
      lastWasRepeat = false;
      terms.push(...this.readAtom(depth));
    }
    return {
      text: terms.map((term) => term.text).join(''),
      repeatWeight: terms.reduce((max, term) => Math.max(max, term.repeatWeight), 1),
    };
  }

  private tryReadQuantifier(): { text: string; start: number; bound: number | null } | null {
    const start = this.pos;
    const c = this.peek();
    let text: string;
    let bound: number | null = null;
    if (c === '*' || c === '+' || c === '?') {
      text = c;
      this.pos++;
    } else if (c === '{') {
      const repeat = /^\{(\d+)(,(\d*))?\}/.exec(this.pattern.slice(this.pos));
      // Go reads `{` as a literal unless it opens a well-formed count without leading zeros.
      if (repeat === null || hasLeadingZero(repeat[1]!) || hasLeadingZero(repeat[3] ?? '')) return null;
      const min = goRepeatCount(repeat[1]!);
      const max = repeat[2] === undefined ? min : repeat[3] === '' ? -1 : goRepeatCount(repeat[3]!);
      const tooBig = Number.isNaN(min) || Number.isNaN(max);
      if (tooBig || min > MAX_REPEAT || max > MAX_REPEAT || (max >= 0 && min > max)) {
        this.fail('invalid', start, repeat[0], `invalid repeat count ${repeat[0]} (Go allows at most 1000)`);
      }
      text = repeat[0];
      bound = max === -1 ? min : max;
      this.pos += text.length;
    } else {
      return null;
    }
    if (this.peek() === '?') {
      text += '?';
      this.pos++;
    }
    return { text, start, bound };
  }

  private applyQuantifier(
    terms: Term[],
    quantifier: { text: string; start: number; bound: number | null },
    lastWasRepeat: boolean,
  ): void {
    const next = this.peek();
    if (next === '*' || next === '+' || next === '?' || lastWasRepeat) {
      const construct = this.pattern.slice(quantifier.start, this.pos + (lastWasRepeat ? 0 : 1));
      this.fail('invalid', quantifier.start, construct, `invalid nested repetition operator ${construct}`);
    }
    const term = terms.at(-1);
    if (term === undefined) {
      this.fail(
        'invalid',
        quantifier.start,
        quantifier.text,
        `missing argument to repetition operator ${quantifier.text}`,
      );
    }
    let weight = term.repeatWeight;
    if (quantifier.bound !== null) {
      weight = quantifier.bound === 0 ? 0 : quantifier.bound * Math.max(weight, 1);
      if (weight > MAX_REPEAT) {
        this.fail(
          'invalid',
          quantifier.start,
          quantifier.text,
          'nested repeat counts multiply to more than 1000',
        );
      }
    }
    const needsGroup = term.assertion || term.quantified;
    term.text = `${needsGroup ? `(?:${term.text})` : term.text}${quantifier.text}`;
    term.assertion = false;
    term.quantified = true;
    term.repeatWeight = weight;
  }

  /** Reads one atom; `\Q...\E` yields one term per literal, as in Go. */
  private readAtom(depth: number): Term[] {
    const start = this.pos;
    const c = this.peek();
    if (c === '(') return [this.readGroup(depth)];
    if (c === '[') return [plain(this.readClass())];
    if (c === '.') {
      this.pos++;
      return [plain(this.dotAll ? '[^]' : '[^\\n]')];
    }
    if (c === '^') {
      this.pos++;
      return [assertion(this.multiLine ? '(?<![^\\n])' : '^')];
    }
    if (c === '$') {
      this.pos++;
      return [assertion(this.multiLine ? '(?![^\\n])' : '$')];
    }
    if (c === '\\') return this.readEscapeAtom();
    const cp = this.pattern.codePointAt(start)!;
    this.pos += cp > 0xffff ? 2 : 1;
    return [plain(literal(cp))];
  }

  private readGroup(depth: number): Term {
    const start = this.pos;
    const rest = this.pattern.slice(start);
    let open: string;
    if (rest.startsWith('(?')) {
      const named = /^\(\?P?<([^>]*)>/.exec(rest);
      if (rest.startsWith('(?=') || rest.startsWith('(?!')) {
        this.fail('invalid', start, rest.slice(0, 3), `lookahead ${rest.slice(0, 3)} is not RE2 syntax`);
      }
      if (rest.startsWith('(?<=') || rest.startsWith('(?<!')) {
        this.fail('invalid', start, rest.slice(0, 4), `lookbehind ${rest.slice(0, 4)} is not RE2 syntax`);
      }
      if (rest.startsWith('(?P=') || rest.startsWith('(?P>')) {
        this.fail('invalid', start, rest.slice(0, 4), `backreference ${rest.slice(0, 4)} is not RE2 syntax`);
      }
      if (rest.startsWith('(?>')) this.fail('invalid', start, '(?>', 'atomic group (?> is not RE2 syntax');
      if (rest.startsWith('(?#')) this.fail('invalid', start, '(?#', 'comment group (?# is not RE2 syntax');
      if (named !== null) {
        const name = named[1]!;
        if (!/^[A-Za-z0-9_]+$/.test(name)) {
          this.fail('invalid', start, named[0], `invalid capture group name ${JSON.stringify(name)}`);
        }
        if (this.captureNames.has(name)) {
          this.fail('invalid', start, named[0], `duplicate capture group name ${JSON.stringify(name)}`);
        }
        this.captureNames.add(name);
        // Names never affect whether a path matches, and Go allows names JavaScript does not.
        open = '(';
        this.pos += named[0].length;
      } else if (rest.startsWith('(?:')) {
        open = '(?:';
        this.pos += 3;
      } else {
        const flags = /^\(\?([^:)]*)([:)]?)/.exec(rest)!;
        const construct = flags[0];
        if (!/^[imsU]*(-[imsU]*)?$/.test(flags[1]!) || flags[2] === '' || flags[1]!.endsWith('-')) {
          this.fail('invalid', start, construct, `invalid or unsupported Perl syntax ${construct}`);
        }
        this.fail(
          'untranslatable',
          start,
          construct,
          `flags ${construct} are only supported as (?i), (?m) or (?s) at the start of the pattern`,
        );
      }
    } else {
      open = '(';
      this.pos++;
    }
    const inner = this.readAlternation(depth + 1);
    if (this.peek() !== ')') this.fail('invalid', start, this.pattern.slice(start), 'missing closing )');
    this.pos++;
    return {
      text: `${open}${inner.text})`,
      assertion: false,
      quantified: false,
      repeatWeight: inner.repeatWeight,
    };
  }

  private readEscapeAtom(): Term[] {
    const start = this.pos;
    const c = this.pattern[start + 1];
    switch (c) {
      case 'A':
        this.pos += 2;
        return [assertion('^')];
      case 'z':
        this.pos += 2;
        return [assertion('$')];
      case 'b':
      case 'B':
        if (this.foldCase) {
          // Under JavaScript's `iu`, \b also treats ſ and K as word characters; Go does not.
          this.fail('untranslatable', start, `\\${c}`, `\\${c} is not supported together with (?i)`);
        }
        this.pos += 2;
        return [assertion(`\\${c}`)];
      case 'Q': {
        const end = this.pattern.indexOf('\\E', start + 2);
        const text = this.pattern.slice(start + 2, end === -1 ? undefined : end);
        this.pos = end === -1 ? this.pattern.length : end + 2;
        return [...text].map((ch) => plain(literal(ch.codePointAt(0)!)));
      }
      case 'd':
      case 'w':
      case 's':
        this.pos += 2;
        return [plain(renderRanges(PERL_CLASSES[c]!, false))];
      case 'D':
      case 'W':
      case 'S':
        this.pos += 2;
        return [plain(renderRanges(PERL_CLASSES[c.toLowerCase()]!, true))];
      default: {
        const cp = this.readEscapedChar();
        return [plain(literal(cp))];
      }
    }
  }

  /** Escapes that stand for one character, valid both inside and outside classes. */
  private readEscapedChar(): number {
    const start = this.pos;
    const c = this.pattern[start + 1];
    if (c === undefined) this.fail('invalid', start, '\\', 'trailing backslash at end of expression');
    if (c === 'p' || c === 'P') {
      const construct = /^\\[pP](\{[^}]*\}|.)?/u.exec(this.pattern.slice(start))![0];
      this.fail('untranslatable', start, construct, `Unicode class ${construct} is not supported`);
    }
    if (c >= '1' && c <= '9') {
      const next = this.pattern[start + 2];
      if (c >= '8' || next === undefined || next < '0' || next > '7') {
        this.fail('invalid', start, `\\${c}`, `backreference \\${c} is not RE2 syntax`);
      }
    }
    if (c >= '0' && c <= '7') {
      const digits = /^[0-7]{1,3}/.exec(this.pattern.slice(start + 1))![0];
      this.pos += 1 + digits.length;
      return Number.parseInt(digits, 8);
    }
    if (c === 'x') {
      const hex = /^\\x(?:\{([0-9A-Fa-f]+)\}|([0-9A-Fa-f]{2}))/.exec(this.pattern.slice(start));
      const value = hex === null ? Number.NaN : Number.parseInt(hex[1] ?? hex[2]!, 16);
      if (hex === null || !(value <= MAX_CODE_POINT)) {
        this.fail('invalid', start, this.pattern.slice(start, start + 4), 'invalid \\x escape');
      }
      this.pos += hex[0].length;
      return value;
    }
    const simple = SIMPLE_ESCAPES[c];
    if (simple !== undefined) {
      this.pos += 2;
      return simple;
    }
    // Go reads a backslash before any ASCII character that is not a letter or digit as that character.
    if (c.charCodeAt(0) < 0x80 && !/^[A-Za-z0-9]$/.test(c)) {
      this.pos += 2;
      return c.codePointAt(0)!;
    }
    const construct = String.fromCodePoint(this.pattern.codePointAt(start + 1)!);
    this.fail('invalid', start, `\\${construct}`, `invalid escape \\${construct}`);
  }

  private readClass(): string {
    const start = this.pos;
    this.pos++;
    let negated = false;
    if (this.peek() === '^') {
      negated = true;
      this.pos++;
    }
    const ranges: Range[] = [];
    let first = true;
    while (first || this.peek() !== ']') {
      if (this.pos >= this.pattern.length) {
        this.fail('invalid', start, this.pattern.slice(start), 'missing closing ]');
      }
      first = false;
      const rest = this.pattern.slice(this.pos);
      const posixEnd = rest.startsWith('[:') ? rest.indexOf(':]', 2) : -1;
      if (posixEnd !== -1) {
        const construct = rest.slice(0, posixEnd + 2);
        const name = rest.slice(2, posixEnd);
        const set = POSIX_CLASSES.get(name.startsWith('^') ? name.slice(1) : name);
        if (set === undefined)
          this.fail('invalid', this.pos, construct, `invalid character class ${construct}`);
        ranges.push(...(name.startsWith('^') ? this.complement(set) : set));
        this.pos += construct.length;
        continue;
      }
      const perl = /^\\([dDwWsS])/.exec(rest);
      if (perl !== null) {
        const letter = perl[1]!;
        const set = PERL_CLASSES[letter.toLowerCase()]!;
        ranges.push(...(letter === letter.toUpperCase() ? this.complement(set) : set));
        this.pos += 2;
        continue;
      }
      const lo = this.readClassChar();
      let hi = lo;
      if (this.peek() === '-' && this.pattern[this.pos + 1] !== ']' && this.pos + 1 < this.pattern.length) {
        const rangeStart = this.pos;
        this.pos++;
        hi = this.readClassChar();
        if (hi < lo) {
          const construct = this.pattern.slice(rangeStart - 1, this.pos);
          this.fail('invalid', rangeStart, construct, `invalid character class range ${construct}`);
        }
      }
      ranges.push([lo, hi]);
    }
    this.pos++;
    return renderRanges(ranges, negated);
  }

  private readClassChar(): number {
    if (this.peek() === '\\') return this.readEscapedChar();
    const cp = this.pattern.codePointAt(this.pos)!;
    this.pos += cp > 0xffff ? 2 : 1;
    return cp;
  }

  /**
   * The complement Go builds for `\W`, `[:^alpha:]`...: under (?i) it first adds the case
   * partners of the set, so the complement stays closed under JavaScript's case folding too.
   */
  private complement(set: readonly Range[]): Range[] {
    return complementRanges(this.foldCase ? foldAscii(set) : set);
  }

  private peek(): string | undefined {
    return this.pattern[this.pos];
  }

  private fail(kind: Re2ErrorKind, index: number, construct: string, reason: string): never {
    throw new Re2SyntaxError({ kind, index, construct, reason });
  }
}

const SIMPLE_ESCAPES: Readonly<Record<string, number>> = {
  a: 0x07,
  f: 0x0c,
  n: 0x0a,
  r: 0x0d,
  t: 0x09,
  v: 0x0b,
};

function plain(text: string): Term {
  return { text, assertion: false, quantified: false, repeatWeight: 1 };
}

function assertion(text: string): Term {
  return { text, assertion: true, quantified: false, repeatWeight: 1 };
}

function hasLeadingZero(digits: string): boolean {
  return digits.length >= 2 && digits[0] === '0';
}

/** Go gives up (and reports a bad size) on counts of nine digits or more: `NaN` here. */
function goRepeatCount(digits: string): number {
  return digits.length > 8 ? Number.NaN : Number.parseInt(digits, 10);
}

/** A literal character, escaped so `u`-mode JavaScript reads it as itself. */
function literal(cp: number): string {
  const ch = String.fromCodePoint(cp);
  if (/^[A-Za-z0-9_]$/.test(ch)) return ch;
  if ('^$\\.*+?()[]{}|/'.includes(ch)) return `\\${ch}`;
  if (cp >= 0x20 && cp < 0x7f) return ch;
  return `\\u{${cp.toString(16)}}`;
}

function classChar(cp: number): string {
  return /^[A-Za-z0-9]$/.test(String.fromCodePoint(cp))
    ? String.fromCodePoint(cp)
    : `\\u{${cp.toString(16)}}`;
}

function renderRanges(ranges: readonly Range[], negated: boolean): string {
  const body = ranges
    .map(([lo, hi]) => (lo === hi ? classChar(lo) : `${classChar(lo)}-${classChar(hi)}`))
    .join('');
  return `[${negated ? '^' : ''}${body}]`;
}

function foldAscii(set: readonly Range[]): Range[] {
  const out: Range[] = [...set];
  const has = (cp: number) => set.some(([lo, hi]) => lo <= cp && cp <= hi);
  for (const [lo, hi] of set) {
    for (let cp = lo; cp <= Math.min(hi, 0x7f); cp++) {
      const ch = String.fromCharCode(cp);
      const other = ch === ch.toLowerCase() ? ch.toUpperCase() : ch.toLowerCase();
      if (other !== ch) out.push([other.charCodeAt(0), other.charCodeAt(0)]);
    }
  }
  if (has(0x73) || has(0x53)) out.push([LONG_S, LONG_S]);
  if (has(0x6b) || has(0x4b)) out.push([KELVIN, KELVIN]);
  return out;
}

function complementRanges(set: readonly Range[]): Range[] {
  const sorted = [...set].sort((a, b) => a[0] - b[0]);
  const out: Range[] = [];
  let next = 0;
  for (const [lo, hi] of sorted) {
    if (lo > next) out.push([next, lo - 1]);
    next = Math.max(next, hi + 1);
  }
  if (next <= MAX_CODE_POINT) out.push([next, MAX_CODE_POINT]);
  return out;
}
