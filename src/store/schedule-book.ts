import { type Kysely, sql } from 'kysely';
import type { Database } from './schema.js';

export interface DueSchedule {
  name: string;
  state: unknown;
}

/**
 * Schedules kept in the store, so a periodic task survives restarts and runs once across
 * replicas: claiming a due schedule is one conditional UPDATE, which only one replica can win.
 */
export class ScheduleBook {
  constructor(private readonly db: Kysely<Database>) {}

  /** Registers a schedule if it is new; an existing one keeps its next run time and state. */
  async ensure(name: string, firstRunAt: Date): Promise<void> {
    await this.db
      .insertInto('schedules')
      .values({ name, next_run_at: firstRunAt })
      .onConflict((conflict) => conflict.column('name').doNothing())
      .execute();
  }

  async claim(name: string, holder: string, leaseMs: number, now: Date): Promise<DueSchedule | undefined> {
    const row = await this.db
      .updateTable('schedules')
      .set({
        locked_by: holder,
        locked_until: sql<Date>`${now}::timestamptz + ${leaseMs} * interval '1 millisecond'`,
      })
      .where('name', '=', name)
      .where('next_run_at', '<=', now)
      .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', now)]))
      .returning(['name', 'state'])
      .executeTakeFirst();
    return row
      ? { name: row.name, state: row.state === null ? undefined : JSON.parse(row.state) }
      : undefined;
  }

  async finish(
    name: string,
    holder: string,
    outcome: { nextRunAt: Date; ranAt: Date; state?: unknown; error?: string },
  ): Promise<void> {
    await this.db
      .updateTable('schedules')
      .set({
        next_run_at: outcome.nextRunAt,
        last_run_at: outcome.ranAt,
        locked_by: null,
        locked_until: null,
        last_error: outcome.error ?? null,
        ...(outcome.state === undefined ? {} : { state: JSON.stringify(outcome.state) }),
      })
      .where('name', '=', name)
      .where('locked_by', '=', holder)
      .execute();
  }
}
