import type { RerunBackendName } from '../../src/rerun/rerun-backend.js';
import type { ReleaseRun } from './release-runs.js';

/** Inline code that survives backticks in the text. */
export function code(text: string): string {
  return text.includes('`') ? `\`\` ${text} \`\`` : `\`${text}\``;
}

/** `commit abc123def456, [logs](url)`: what identifies a run to people. */
export function runSummary(run: Pick<ReleaseRun, 'sha' | 'url' | 'state'>): string {
  const parts = [run.state];
  if (run.sha) parts.push(`commit ${code(run.sha.slice(0, 12))}`);
  if (run.url) parts.push(`[logs](${run.url})`);
  return parts.join(', ');
}

const SYSTEMS: Record<string, string> = {
  prow: 'Prow',
  actions: 'GitHub Actions',
  checks: 'checks',
  statuses: 'commit status',
};

/** The reply to `/retest-release --list`, pure. */
export function renderList(label: string, runs: readonly ReleaseRun[]): string {
  if (runs.length === 0) return `No failed release job of ${label} to re-run.`;
  return [
    `Failed release jobs of ${label} that \`/retest-release\` can re-run:`,
    ...runs.map((run) => `- ${code(run.job)} (${SYSTEMS[run.system] ?? run.system}): ${runSummary(run)}`),
    '',
    'Re-run all of them with `/retest-release`, or some with `/retest-release <job>...`.',
  ].join('\n');
}

/** How the reply names a backend. */
export function describeBackend(
  backend: RerunBackendName | string,
  options: { actionsMode?: string; eventType?: string } = {},
): string {
  switch (backend) {
    case 'actions':
      return options.actionsMode === 'all'
        ? 'GitHub Actions (the whole run)'
        : 'GitHub Actions (its failed jobs)';
    case 'check-suite':
      return 'a check suite rerequest';
    case 'check-run':
      return 'a check run rerequest';
    case 'gangway':
      return 'Prow (Gangway)';
    case 'dispatch':
      return `a \`repository_dispatch\`${options.eventType ? ` (${code(options.eventType)})` : ''}`;
    default:
      return backend;
  }
}

/** One line of the reply about a re-run the backend accepted. */
export function startedLine(job: string, backendLabel: string, url: string | null): string {
  return `- ${code(job)}: re-run started with ${backendLabel}${url ? `: [follow it](${url})` : '.'}`;
}

/** One line of the reply about a re-run that did not happen. */
export function notRerunLine(job: string, why: string): string {
  return `- ${code(job)}: not re-run: ${why.replace(/\.$/, '')}.`;
}

/** The comment on the tracking issue that records a retry asked for elsewhere. */
export function renderTrackingRecord(options: {
  job: string;
  login: string;
  url: string | null;
  context: string;
  runId: string;
}): string {
  const link = options.url ? `: [new run](${options.url})` : '';
  return (
    `<!-- sheriff:retest-release run=${encodeURIComponent(options.runId)} -->\n` +
    `${code(options.job)} was retried by @${options.login} from ${options.context}${link}.`
  );
}
