import { basicPassword, bearerToken, isAcceptedToken } from '../../src/server/accepted-token.js';

describe('accepted tokens', () => {
  it('accepts any token of a rotation and nothing when none is configured', () => {
    expect(isAcceptedToken('new', ['old', 'new'])).toBe(true);
    expect(isAcceptedToken('old', ['old', 'new'])).toBe(true);
    expect(isAcceptedToken('older', ['old', 'new'])).toBe(false);
    expect(isAcceptedToken('anything', [])).toBe(false);
    expect(isAcceptedToken('', [''])).toBe(false);
    expect(isAcceptedToken(undefined, ['old'])).toBe(false);
  });

  it('reads a bearer token and a Basic password, and nothing else', () => {
    expect(bearerToken('Bearer abc')).toBe('abc');
    expect(bearerToken('bearer abc ')).toBe('abc');
    expect(bearerToken('Token abc')).toBeUndefined();
    expect(bearerToken(undefined)).toBeUndefined();
    const basic = `Basic ${Buffer.from('anyone:pa:ss').toString('base64')}`;
    expect(basicPassword(basic)).toBe('pa:ss');
    expect(basicPassword(`Basic ${Buffer.from('no-colon').toString('base64')}`)).toBeUndefined();
    expect(basicPassword('Bearer abc')).toBeUndefined();
  });
});
