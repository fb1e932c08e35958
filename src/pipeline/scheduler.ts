import { randomUUID } from 'node:crypto';
import type { Logger } from '../logging/logger.js';
import type { ScheduleBook } from '../store/schedule-book.js';
import { describeError } from './job-errors.js';

export interface ScheduledTask {
  name: string;
  intervalMs: number;
  /** Receives the state it returned last time (a cursor, a watermark) and returns the next one. */
  run(context: { log: Logger; state: unknown; now: Date }): Promise<unknown>;
}

/**
 * Runs periodic tasks from schedules held in the store. Any replica may tick; only the one that
 * claims a due schedule runs it. There is no in-memory interval that a restart would reset.
 */
export class Scheduler {
  private timer: NodeJS.Timeout | undefined;
  private ticking: Promise<void> | undefined;
  private readonly holder = `${process.pid}-${randomUUID().slice(0, 8)}`;

  constructor(
    private readonly book: ScheduleBook,
    private readonly tasks: readonly ScheduledTask[],
    private readonly log: Logger,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  async start(tickMs: number): Promise<void> {
    const now = this.clock();
    for (const task of this.tasks) await this.book.ensure(task.name, now);
    this.timer = setInterval(() => {
      if (!this.ticking) {
        this.ticking = this.tick()
          .then(() => {})
          .finally(() => {
            this.ticking = undefined;
          });
      }
    }, tickMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.ticking;
  }

  /** Runs every task that is due now; returns the names that ran. */
  async tick(): Promise<string[]> {
    const ran: string[] = [];
    for (const task of this.tasks) {
      const now = this.clock();
      let due: Awaited<ReturnType<ScheduleBook['claim']>>;
      try {
        due = await this.book.claim(task.name, this.holder, Math.max(task.intervalMs, 60_000), now);
      } catch (error) {
        this.log.warn({ err: error, schedule: task.name }, 'could not claim schedule');
        continue;
      }
      if (!due) continue;
      const log = this.log.child({ schedule: task.name });
      let state: unknown;
      let failure: string | undefined;
      try {
        state = await task.run({ log, state: due.state, now });
      } catch (error) {
        failure = describeError(error);
        log.error({ err: error }, 'scheduled task failed; it runs again at its next interval');
      }
      const ranAt = this.clock();
      await this.book
        .finish(task.name, this.holder, {
          nextRunAt: new Date(ranAt.getTime() + task.intervalMs),
          ranAt,
          ...(failure === undefined ? { state } : { error: failure }),
        })
        .catch((error: unknown) => log.warn({ err: error }, 'could not record the schedule outcome'));
      ran.push(task.name);
    }
    return ran;
  }
}
