import type { PGliteSession } from './pglite-session.js';

/** What a maintenance pass does; returned for tests and the log. */
export interface MaintenancePass {
  vacuumed: boolean;
  /** Rows written since the previous pass that made this one due. */
  changes: number;
  /** Rows in `jobs` after the pass (pg_class.reltuples). */
  tuples: number;
}

export interface MaintenanceOptions {
  /** Called when a pass fails; the store keeps working (a missed pass is only a slower plan). */
  onError?: (error: Error) => void;
  onPass?: (pass: MaintenancePass) => void;
}

/**
 * PGlite has no autovacuum daemon: without this, the planner never gets statistics and dead rows
 * are never reclaimed. The cost is real, not hypothetical: with the queue's table never analysed,
 * Postgres estimates "2 open jobs" for a backlog of 3,000, sorts all of them and runs the per-key
 * check on each; a claim then took 13 ms instead of 0.15 ms, and the one PGlite session spent more
 * time claiming than storing deliveries (bench, pglite, before this: 5.6 ms a claim on average).
 *
 * So this keeps autovacuum's analyze rule for the queue's table, counted on the rows our
 * statements report as written: ANALYZE `jobs` once the writes since the last pass exceed 50 + 10%
 * of its rows (Postgres's `autovacuum_analyze_*` defaults), on the columns the claim's plan reads,
 * with a small sample (migration 013): ~11 ms at any table size. VACUUM, which scans the table, runs
 * once the writes since the last one reach the table's size: every job is written three times
 * (queued, claimed, done), so this reclaims its dead rows before they outnumber the live ones while
 * keeping the scans rare. (The other tables churn little; the hourly retention task vacuums them.)
 * A pass runs on the session between two holders, never inside a transaction, and the webhook
 * intake still goes first (see PGliteGate).
 */
export class PGliteMaintenance {
  private sinceAnalyze = 0;
  private sinceVacuum = 0;
  /** Live rows at the last pass; 0 until the first, so the first pass comes after 50 writes. */
  private tuples = 0;
  private running = false;

  constructor(private readonly options: MaintenanceOptions = {}) {}

  /** Counts rows an INSERT, UPDATE or DELETE reported. */
  recordWrites(rows: number): void {
    this.sinceAnalyze += rows;
    this.sinceVacuum += rows;
  }

  get due(): boolean {
    return !this.running && this.sinceAnalyze >= 50 + 0.1 * this.tuples;
  }

  /**
   * Runs one pass if one is due. `hold` gives the session to the pass and returns the function
   * that hands it back; the caller's gate decides when that is.
   */
  async runIfDue(
    session: PGliteSession,
    hold: () => Promise<() => void>,
  ): Promise<MaintenancePass | undefined> {
    if (!this.due) return undefined;
    this.running = true;
    const changes = this.sinceAnalyze;
    const vacuum = this.sinceVacuum >= 50 + this.tuples;
    // Counted from here: writes that land while the pass runs belong to the next one.
    this.sinceAnalyze = 0;
    if (vacuum) this.sinceVacuum = 0;
    const release = await hold();
    let released = false;
    try {
      if (session.closed) return undefined;
      // All sent at once and run in order by the session; like any holder, the pass hands the
      // session on once its last statement is sent rather than holding it across three answers.
      const statements = [
        ...(vacuum ? [session.query('VACUUM jobs', [])] : []),
        session.query('ANALYZE jobs (id, key, status, run_at, locked_until)', []),
      ];
      const counted = session.query<{ tuples: number }>(
        `SELECT greatest(reltuples, 0)::float8 AS tuples FROM pg_class WHERE oid = 'jobs'::regclass`,
        [],
      );
      release();
      released = true;
      const [{ rows }] = await Promise.all([counted, ...statements]);
      this.tuples = rows[0]?.tuples ?? 0;
      const pass = { vacuumed: vacuum, changes, tuples: this.tuples };
      this.options.onPass?.(pass);
      return pass;
    } catch (error) {
      // Try again after the next writes rather than at once: a closed store fails every time.
      this.options.onError?.(error instanceof Error ? error : new Error(String(error)));
      return undefined;
    } finally {
      if (!released) release();
      this.running = false;
    }
  }
}
