import { randomUUID } from 'node:crypto';
import type { Logger } from '../logging/logger.js';
import type { SheriffMetrics } from '../metrics/sheriff-metrics.js';
import type { WorkerSettings } from '../settings/read-settings.js';
import type { ClaimedJob, JobQueue } from '../store/job-queue.js';
import { backoffDelay } from './backoff.js';
import { describeError, PermanentJobError, RetryLaterError } from './job-errors.js';

/** How long a wake-up waits for others to join it before claiming. */
const CLAIM_SETTLE_MS = 2;
const PAUSED_RECHECK_MS = 50;

export interface JobContext {
  job: ClaimedJob;
  /** A child logger carrying the job id, kind, key and delivery id on every line. */
  log: Logger;
  /** Aborted when the worker is shutting down and its grace period has run out. */
  signal: AbortSignal;
}

/** Handles one job. Delivery is at least once: a handler must be safe to run again. */
export type JobHandler = (context: JobContext) => Promise<void>;

export interface WorkerOptions {
  queue: JobQueue;
  handlers: Readonly<Record<string, JobHandler>>;
  log: Logger;
  metrics: SheriffMetrics;
  settings: WorkerSettings;
  workerId?: string;
  /**
   * True while the webhook intake is in a burst: the worker then runs at most
   * `settings.burstConcurrency` jobs (0: none, for at most `burstMaxPauseMs`), leaving the CPU
   * and the store to acknowledging deliveries. An unacknowledged delivery may be lost (GitHub
   * gives up after 10 s and never retries by itself); a stored one only waits. Below the burst
   * rate the worker runs at full concurrency.
   */
  intakeBursting?: () => boolean;
}

/**
 * Claims jobs from the store and runs them, up to `concurrency` at a time. It polls, and is
 * also woken directly when this process stores new work, so a delivery does not wait for the
 * next poll. Leases are renewed while a job runs; a worker that dies (even `kill -9`) stops
 * renewing, and its jobs are claimed again once the lease runs out.
 */
export class Worker {
  readonly id: string;
  private readonly inFlight = new Map<number, Promise<void>>();
  private running = false;
  private loop: Promise<void> | undefined;
  private wakeUp: (() => void) | undefined;
  private pendingWake = false;
  private heartbeat: NodeJS.Timeout | undefined;
  private readonly abort = new AbortController();
  private completions: Array<{ id: number; done: () => void }> = [];
  private completing = false;
  private burstSince: number | undefined;

  constructor(private readonly options: WorkerOptions) {
    this.id = options.workerId ?? `${process.pid}-${randomUUID().slice(0, 8)}`;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    const { leaseMs } = this.options.settings;
    this.heartbeat = setInterval(() => void this.renewLeases(), Math.max(250, Math.floor(leaseMs / 3)));
    this.heartbeat.unref();
    this.loop = this.run();
  }

  /** Asks the worker to look for work now. */
  wake(): void {
    this.pendingWake = true;
    this.wakeUp?.();
  }

  /**
   * Stops claiming, then waits up to `graceMs` for running jobs. Jobs still running after that
   * are abandoned to their leases: another replica, or this one after a restart, runs them.
   */
  async stop(graceMs: number): Promise<void> {
    if (!this.running) return;
    this.running = false;
    this.wakeUp?.();
    await this.loop;
    const all = Promise.allSettled([...this.inFlight.values()]);
    let timer: NodeJS.Timeout | undefined;
    const graceOver = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), graceMs);
    });
    const outcome = await Promise.race([all.then(() => 'done' as const), graceOver]);
    clearTimeout(timer);
    if (outcome === 'timeout') {
      this.options.log.warn(
        { jobs: [...this.inFlight.keys()] },
        'shutdown grace period over; leaving jobs to their leases',
      );
      this.abort.abort();
    }
    clearInterval(this.heartbeat);
  }

  get busy(): number {
    return this.inFlight.size;
  }

  private async run(): Promise<void> {
    const { concurrency, leaseMs, pollMs } = this.options.settings;
    // Claiming costs a scan of the open jobs, the same for one job as for sixteen: claim in
    // batches (half the slots free, or nothing running), and let a burst of wake-ups settle.
    const batch = Math.max(1, Math.ceil(concurrency / 2));
    while (this.running) {
      const limit = this.limitNow(concurrency);
      const free = limit - this.inFlight.size;
      let claimed: ClaimedJob[] = [];
      this.pendingWake = false;
      if (free > 0 && (free >= Math.min(batch, limit) || this.inFlight.size === 0)) {
        try {
          claimed = await this.options.queue.claim(this.id, free, leaseMs);
        } catch (error) {
          this.options.log.error({ err: error }, 'could not claim jobs; the store may be down');
        }
        for (const job of claimed) this.launch(job);
      }
      if (!this.running) break;
      // A full batch means more may be waiting: go again once slots free up.
      // Paused for a burst: look again soon, so the backlog starts draining once it passes.
      if (!(claimed.length > 0 && claimed.length === free) && !this.pendingWake)
        await this.sleep(limit === 0 ? Math.min(pollMs, PAUSED_RECHECK_MS) : pollMs);
      if (this.running) await new Promise((resolve) => setTimeout(resolve, CLAIM_SETTLE_MS));
    }
  }

  /** Jobs that may run now: all of them, or the burst's share (see `intakeBursting`). */
  private limitNow(concurrency: number): number {
    if (!this.options.intakeBursting?.()) {
      this.burstSince = undefined;
      return concurrency;
    }
    const now = Date.now();
    this.burstSince ??= now;
    const { burstConcurrency, burstMaxPauseMs } = this.options.settings;
    // A pause only defers work; a burst that outlasts it gets one slot, so the work still drains.
    const floor = now - this.burstSince >= burstMaxPauseMs ? 1 : 0;
    return Math.min(concurrency, Math.max(burstConcurrency, floor));
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wakeUp = () => {
        this.wakeUp = undefined;
        done();
      };
    });
  }

  private launch(job: ClaimedJob): void {
    const task = this.execute(job).finally(() => {
      this.inFlight.delete(job.id);
      this.wake();
    });
    this.inFlight.set(job.id, task);
  }

  private async execute(job: ClaimedJob): Promise<void> {
    const { queue, handlers, metrics, settings } = this.options;
    const log = this.options.log.child({
      job: job.id,
      kind: job.kind,
      key: job.key,
      attempt: job.attempts,
      ...(job.delivery_id ? { delivery: job.delivery_id } : {}),
    });
    const handler = handlers[job.kind];
    const started = process.hrtime.bigint();
    const seconds = () => Number(process.hrtime.bigint() - started) / 1e9;
    try {
      if (!handler) throw new PermanentJobError(`no handler for job kind "${job.kind}"`);
      await handler({ job, log, signal: this.abort.signal });
      await this.complete(job.id, log);
      metrics.jobs.inc({ kind: job.kind, outcome: 'done' });
      metrics.handlerDuration.observe({ kind: job.kind, outcome: 'done' }, seconds());
    } catch (error) {
      const reason = describeError(error);
      const final = error instanceof PermanentJobError || job.attempts >= job.max_attempts;
      try {
        if (final) {
          await queue.deadLetter(job.id, this.id, reason);
          metrics.jobs.inc({ kind: job.kind, outcome: 'dead' });
          log.error(
            { err: error, attempts: job.attempts },
            'job dead-lettered; list with `sheriff deliveries --failed`, replay with `sheriff deliveries replay`',
          );
        } else {
          const delay =
            error instanceof RetryLaterError
              ? error.delayMs
              : backoffDelay(job.attempts, settings.backoffBaseMs, settings.backoffMaxMs);
          await queue.retry(job.id, this.id, reason, delay);
          metrics.jobs.inc({ kind: job.kind, outcome: 'retried' });
          log.warn({ err: error, retryInMs: delay }, 'job failed; will retry');
        }
      } catch (storeError) {
        // The outcome could not be written: the lease runs out and the job is attempted again.
        log.error({ err: storeError }, 'could not record the job outcome');
      }
      metrics.handlerDuration.observe({ kind: job.kind, outcome: final ? 'dead' : 'retried' }, seconds());
    }
  }

  /**
   * Marks a job done. Completions are written together (group commit, as at intake): under load
   * one UPDATE finishes many jobs, so the store's round trips per job stay near two.
   */
  private complete(id: number, log: Logger): Promise<void> {
    return new Promise((done) => {
      this.completions.push({ id, done });
      if (!this.completing) void this.flushCompletions(log);
    });
  }

  private async flushCompletions(log: Logger): Promise<void> {
    this.completing = true;
    try {
      while (this.completions.length > 0) {
        const batch = this.completions.splice(0, 256);
        try {
          await this.options.queue.completeMany(
            batch.map((entry) => entry.id),
            this.id,
          );
        } catch (error) {
          // Not recorded: the leases run out and the jobs run again (handlers are idempotent).
          log.error({ err: error, jobs: batch.map((entry) => entry.id) }, 'could not mark jobs done');
        }
        for (const entry of batch) entry.done();
      }
    } finally {
      this.completing = false;
    }
  }

  private async renewLeases(): Promise<void> {
    if (this.inFlight.size === 0) return;
    try {
      await this.options.queue.extendLeases(
        this.id,
        [...this.inFlight.keys()],
        this.options.settings.leaseMs,
      );
    } catch (error) {
      this.options.log.warn({ err: error }, 'could not renew job leases');
    }
  }
}
