import { signBody, verifySignature } from '../../src/webhooks/verify-signature.js';

describe('verifySignature', () => {
  // GitHub's published test vector ("Validating webhook deliveries").
  const secret = "It's a Secret to Everybody";
  const body = Buffer.from('Hello, World!');
  const expected = 'sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17';

  it("matches GitHub's test vector", () => {
    expect(signBody(body, secret)).toBe(expected);
    expect(verifySignature(body, expected, [secret])).toBe(true);
  });

  it('accepts any secret of a rotation', () => {
    expect(verifySignature(body, expected, ['new-secret', secret])).toBe(true);
  });

  it.each([
    ['no header', undefined],
    ['an empty header', ''],
    ['a sha1 header', 'sha1=0123456789abcdef0123456789abcdef01234567'],
    ['a short digest', 'sha256=757107ea'],
    ['non-hex digest of the right length', `sha256=${'zz'.repeat(32)}`],
    ['a digest of other bytes', signBody('Hello, World?', secret)],
    ['upper-case prefix', expected.replace('sha256', 'SHA256')],
  ])('is false, without throwing, for %s', (_name, header) => {
    expect(verifySignature(body, header, [secret])).toBe(false);
  });

  it('is false when no secret is configured', () => {
    expect(verifySignature(body, expected, [])).toBe(false);
  });

  it('covers the raw bytes, not a re-serialised body', () => {
    const raw = Buffer.from('{"text":"caf\\u00E9"}');
    const reserialised = Buffer.from(JSON.stringify(JSON.parse(raw.toString())));
    const header = signBody(raw, secret);
    expect(verifySignature(raw, header, [secret])).toBe(true);
    expect(verifySignature(reserialised, header, [secret])).toBe(false);
  });
});
