/** Markdown list of job names in inline code. */
function jobList(names: readonly string[]): string {
  return names.map((name) => `\`${name}\``).join(', ');
}

/**
 * The reply when Prow jobs were asked for but this Sheriff has no Gangway to start them with.
 *
 * @example
 * noGangwayMessage(['pull-widgets-unit']);
 * // 'Prow jobs cannot be re-run from Sheriff here, so `pull-widgets-unit` was not started: this Sheriff has no Gangway ...'
 */
export function noGangwayMessage(names: readonly string[]): string {
  return `Prow jobs cannot be re-run from Sheriff here, so ${jobList(names)} ${names.length === 1 ? 'was' : 'were'} not started: this Sheriff has no Gangway (Prow's job API) configured (\`GANGWAY_URL\`). Re-run it from Prow's dashboard; if Prow's own trigger plugin serves this repository, \`plugins.trigger.prowJobs: off\` leaves Prow jobs to it.`;
}

/**
 * The reply when Gangway kept failing (5xx, timeouts) until the last attempt.
 *
 * @example
 * gangwayUnavailableMessage('pull-widgets-unit', 8, 'Gangway POST /v1/executions answered 503: unavailable');
 */
export function gangwayUnavailableMessage(name: string, attempts: number, cause: string): string {
  return `Prow's Gangway did not start \`${name}\`: it failed ${attempts} ${attempts === 1 ? 'time' : 'times'} in a row (last: ${cause}). Nothing was started; try again later.`;
}

/**
 * The reply when Gangway refused the request (4xx): permission denied, unknown job, bad refs.
 *
 * @example
 * gangwayRefusedMessage('pull-widgets-unit', 'Gangway refused POST /v1/executions (403): permission denied');
 */
export function gangwayRefusedMessage(name: string, cause: string): string {
  return `Prow's Gangway did not start \`${name}\`. ${cause}.`;
}
