/**
 * The key Sheriff's per-installation state (pacing, ETag cache, metrics) is kept under: the
 * installation id Probot puts in an installation client's `auth` options, or `app` for the App's
 * own client (JWT).
 */
export function installationKeyOf(octokitOptions: { auth?: unknown }): string {
  const auth = octokitOptions.auth as { installationId?: number | string } | undefined;
  return auth?.installationId === undefined ? 'app' : String(auth.installationId);
}
