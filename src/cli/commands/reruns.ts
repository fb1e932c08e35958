import type { Command } from 'commander';
import { RerunAudit, type RerunRecord } from '../../rerun/rerun-audit.js';
import { readSettings } from '../../settings/read-settings.js';
import { openStore } from '../../store/open-store.js';

interface RerunsOptions {
  json?: boolean;
  job?: string;
  repository?: string;
  limit: number;
}

/** `sheriff reruns [--json] [--job X] [--repository O/N] [--limit N]`: the `/retest-release` audit. */
export function addRerunsCommand(program: Command): void {
  program
    .command('reruns')
    .description('List the re-runs /retest-release asked for, newest first (who, when, what, the answer)')
    .option('--json', 'print a JSON array instead of lines')
    .option('--job <name>', 'only this job')
    .option('--repository <owner/name>', "only this job's repository")
    .option('--limit <n>', 'how many to list (1-1000)', parseLimit, 50)
    .action(async (options: RerunsOptions) => {
      const store = await openStore(readSettings(process.env).store);
      try {
        const records = await new RerunAudit(store.db).list({
          limit: options.limit,
          ...(options.job !== undefined ? { job: options.job } : {}),
          ...(options.repository !== undefined ? { repository: options.repository } : {}),
        });
        process.stdout.write(options.json ? `${JSON.stringify(records)}\n` : renderLines(records));
      } finally {
        await store.close();
      }
    });
}

/** One line per re-run, then its answer indented. */
export function renderLines(records: readonly RerunRecord[]): string {
  if (records.length === 0) return 'No re-runs recorded.\n';
  return records
    .map(
      (record) =>
        `${record.requestedAt}  ${record.repository}  ${record.job}  ${record.state}  by ${record.requestedBy} on ${record.context}  via ${record.backend}\n` +
        `    ${record.detail ?? '-'}${record.url ? `  ${record.url}` : ''}\n`,
    )
    .join('');
}

function parseLimit(value: string): number {
  const limit = Number(value);
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000)
    throw new Error(`--limit: an integer from 1 to 1000, not ${value}`);
  return limit;
}
