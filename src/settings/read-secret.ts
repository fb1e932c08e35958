import { readFileSync } from 'node:fs';

/**
 * A secret given either inline (`NAME`) or as a file (`NAME_FILE`, a mounted Kubernetes secret).
 * The file wins when both are set, so a deployment can override a default without unsetting it.
 * Whitespace around it (the newline `echo` leaves) is dropped; empty means unset.
 *
 * @example
 * readSecret(process.env, 'GANGWAY_TOKEN'); // reads GANGWAY_TOKEN_FILE if set, else GANGWAY_TOKEN
 */
export function readSecret(
  env: Readonly<Record<string, string | undefined>>,
  name: string,
): string | undefined {
  const file = env[`${name}_FILE`];
  const value = file ? readFileSync(file, 'utf8') : env[name];
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

/** A list of secrets (a rotation): `NAME`, `NAMES` (comma-separated) and `NAME_FILE` (one per line). */
export function readSecretList(env: Readonly<Record<string, string | undefined>>, name: string): string[] {
  const file = env[`${name}_FILE`];
  const values = [
    env[name],
    ...(env[`${name}S`]?.split(',') ?? []),
    ...(file ? readFileSync(file, 'utf8').split('\n') : []),
  ];
  return [...new Set(values.map((value) => value?.trim() ?? '').filter((value) => value.length > 0))];
}
