import type { JobRun } from './job-run.js';

const PLACEHOLDER = /\{([a-z]+)\}/g;
const NAMES = ['job', 'build', 'org', 'repo'] as const;

/**
 * Why a `buildLog.url` template is unusable, or null: it must be an http(s) URL and use only
 * {job}, {build}, {org} and {repo}.
 *
 * @example
 * buildLogUrlProblem('https://gcsweb.example.dev/gcs/b/logs/{job}/{id}/build-log.txt');
 * // 'unknown placeholder {id}: use {job}, {build}, {org} or {repo}'
 */
export function buildLogUrlProblem(template: string): string | null {
  for (const [, name] of template.matchAll(PLACEHOLDER))
    if (!(NAMES as readonly string[]).includes(name!))
      return `unknown placeholder {${name}}: use {job}, {build}, {org} or {repo}`;
  let url: URL;
  try {
    url = new URL(template.replace(PLACEHOLDER, 'x'));
  } catch {
    return `not a URL: ${template}`;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    return `must be an http or https URL, not ${url.protocol}`;
  return null;
}

/**
 * The build log's URL for one run, or null when the run lacks a value the template needs (a run
 * whose build id is unknown). Values are URL-encoded, so a job name cannot change the host or path.
 *
 * @example
 * buildLogUrl('https://gcsweb.example.dev/gcs/b/logs/{job}/{build}/build-log.txt', run);
 * // 'https://gcsweb.example.dev/gcs/b/logs/post-lambda-controller-release/1922716371049082880/build-log.txt'
 */
export function buildLogUrl(template: string, run: JobRun): string | null {
  const [org, repo] = run.repository.split('/');
  const values: Record<(typeof NAMES)[number], string | null | undefined> = {
    job: run.job,
    build: run.buildId,
    org,
    repo,
  };
  let missing = false;
  const url = template.replace(PLACEHOLDER, (_whole, name: string) => {
    const value = values[name as (typeof NAMES)[number]];
    if (!value) missing = true;
    return encodeURIComponent(value ?? '');
  });
  return missing ? null : url;
}
