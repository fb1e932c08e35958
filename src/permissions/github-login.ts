/**
 * GitHub logins are case-insensitive: `Alice` and `alice` are one account, so every comparison
 * and every cache key goes through these.
 */

/**
 * Whether two logins name the same account.
 *
 * @example
 * sameLogin('Alice', 'alice'); // true
 */
export function sameLogin(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

/**
 * Whether `login` is in `logins`, ignoring case.
 *
 * @example
 * includesLogin(['Alice', 'bob'], 'ALICE'); // true
 */
export function includesLogin(logins: readonly string[], login: string): boolean {
  return logins.some((candidate) => sameLogin(candidate, login));
}

/**
 * Whether a login belongs to a GitHub App (`sheriff[bot]`, `dependabot[bot]`). An App acts with
 * its installation's permissions: it is never an org or team member nor a collaborator, so asking
 * GitHub would only cost a request (and a 404). Name bots in `users` to let them in.
 *
 * @example
 * isBotLogin('sheriff[bot]'); // true
 * isBotLogin('robot'); // false
 */
export function isBotLogin(login: string): boolean {
  return login.toLowerCase().endsWith('[bot]');
}
