import type { Command } from 'commander';
import { sql } from 'kysely';
import { readSettings } from '../../settings/read-settings.js';
import { JobQueue } from '../../store/job-queue.js';
import { openStore, type Store } from '../../store/open-store.js';

interface FailedJobLine {
  job: number;
  delivery: string | null;
  event: string | null;
  key: string;
  attempts: number;
  failedAt: string | null;
  error: string;
}

/** `sheriff deliveries --failed` and `sheriff deliveries replay ID`. */
export function addDeliveriesCommand(program: Command): void {
  const deliveries = program
    .command('deliveries')
    .description('List dead-lettered work and replay it')
    .option('--failed', 'list work that exhausted its retries (dead-lettered)')
    .option('--limit <n>', 'how many to list', (value) => Number.parseInt(value, 10), 50)
    .option('--json', 'print JSON instead of a table')
    .action(async (options: { failed?: boolean; limit: number; json?: boolean }) => {
      if (!options.failed) {
        deliveries.help({ error: true });
      }
      await withStore(async (store) => {
        const lines = await listFailed(store, options.limit);
        if (options.json) {
          process.stdout.write(`${JSON.stringify(lines)}\n`);
        } else if (lines.length === 0) {
          process.stdout.write('No dead-lettered work.\n');
        } else {
          for (const line of lines) {
            process.stdout.write(
              `job ${line.job}  delivery ${line.delivery ?? '-'}  ${line.event ?? '-'}  key=${line.key}  ` +
                `attempts=${line.attempts}  failed=${line.failedAt ?? '-'}\n    ${line.error}\n`,
            );
          }
        }
      });
    });

  deliveries
    .command('replay <id>')
    .description('Run dead-lettered work again: a delivery id, or a job number with --job')
    .option('--job', 'the id is a job number')
    .action(async (id: string, options: { job?: boolean }) => {
      await withStore(async (store) => {
        const queue = new JobQueue(store.db);
        const target = options.job ? { jobId: Number.parseInt(id, 10) } : { deliveryId: id };
        const replayed = await queue.replayDead(target);
        if (replayed.length === 0) {
          process.stderr.write(
            `Nothing to replay: no dead-lettered work for ${options.job ? 'job' : 'delivery'} ${id}.\n`,
          );
          process.exitCode = 1;
          return;
        }
        process.stdout.write(`Replaying ${id}: queued as job ${replayed.join(', ')}.\n`);
      });
    });
}

async function listFailed(store: Store, limit: number): Promise<FailedJobLine[]> {
  const rows = await store.db
    .selectFrom('jobs')
    .leftJoin('deliveries', 'deliveries.id', 'jobs.delivery_id')
    .select([
      'jobs.id',
      'jobs.delivery_id',
      'deliveries.event',
      'jobs.key',
      'jobs.attempts',
      'jobs.finished_at',
      sql<string>`split_part(coalesce(jobs.last_error, ''), E'\n', 1)`.as('error'),
    ])
    .where('jobs.status', '=', 'dead')
    .orderBy('jobs.id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((row) => ({
    job: row.id,
    delivery: row.delivery_id,
    event: row.event,
    key: row.key,
    attempts: row.attempts,
    failedAt: row.finished_at ? new Date(row.finished_at).toISOString() : null,
    error: row.error,
  }));
}

async function withStore(run: (store: Store) => Promise<void>): Promise<void> {
  const store = await openStore(readSettings(process.env).store);
  try {
    await run(store);
  } finally {
    await store.close();
  }
}
