import { BUILTIN_PLUGINS } from '../../plugins/index.js';
import { buildConfigSchema } from '../../src/config/sheriff-config-schema.js';
import { validateConfigData, validateConfigText } from '../../src/config/validate-config.js';

const schema = buildConfigSchema(BUILTIN_PLUGINS);
/** The whole default config with the hold section replaced: other plugins' defaults are not under test here. */
const withHold = (hold: object) => {
  const defaults = schema.parse({});
  return { ...defaults, plugins: { ...defaults.plugins, hold } };
};

describe('validateConfigText', () => {
  it('accepts a valid file and fills defaults', () => {
    const result = validateConfigText(schema, 'plugins:\n  hold:\n    label: do-not-merge/wait\n');
    expect(result).toEqual({
      ok: true,
      config: withHold({ enabled: true, label: 'do-not-merge/wait' }),
    });
  });

  it('treats an empty file as all defaults', () => {
    expect(validateConfigText(schema, '')).toEqual({
      ok: true,
      config: withHold({ enabled: true, label: 'do-not-merge/hold' }),
    });
  });

  it('names the key path and line of an unknown key', () => {
    const result = validateConfigText(schema, 'plugins:\n  hold:\n    enabled: true\n    lable: x\n');
    expect(result).toEqual({
      ok: false,
      problems: [expect.objectContaining({ path: 'plugins.hold.lable', line: 4 })],
    });
  });

  it('names the key path and line of a wrong type', () => {
    const result = validateConfigText(schema, 'plugins:\n  hold:\n    enabled: "sometimes"\n');
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.problems).toEqual([expect.objectContaining({ path: 'plugins.hold.enabled', line: 3 })]);
      expect(result.problems[0]!.message).toMatch(/boolean/);
    }
  });

  it('rejects a __proto__ key as data, without touching any prototype', () => {
    const result = validateConfigText(schema, '__proto__:\n  polluted: true\nplugins: {}\n');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems[0]!.path).toBe('__proto__');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('refuses a YAML alias bomb instead of expanding it', () => {
    const bomb = [
      'a: &a ["x","x","x","x","x","x","x","x","x"]',
      ...Array.from({ length: 8 }, (_, i) => {
        const name = String.fromCharCode(98 + i);
        const prev = String.fromCharCode(97 + i);
        return `${name}: &${name} [${Array(9).fill(`*${prev}`).join(',')}]`;
      }),
    ].join('\n');
    const result = validateConfigText(schema, bomb);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems[0]!.message).toMatch(/alias/i);
  });

  it('reports a YAML syntax error with its line', () => {
    const result = validateConfigText(schema, 'plugins:\n  hold: [unclosed\n');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems[0]!.line).toBeGreaterThanOrEqual(2);
  });
});

describe('validateConfigData', () => {
  it('reads own properties only: an inherited key is not config', () => {
    const inherited = Object.create({ plugins: { hold: { enabled: false } } });
    expect(validateConfigData(schema, inherited)).toEqual({
      ok: true,
      config: withHold({ enabled: true, label: 'do-not-merge/hold' }),
    });
  });
});
