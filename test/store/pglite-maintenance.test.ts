import { sql } from 'kysely';
import { JobQueue } from '../../src/store/job-queue.js';
import type { Store } from '../../src/store/open-store.js';
import { type MaintenancePass, PGliteMaintenance } from '../../src/store/pglite-maintenance.js';
import type { PGliteSession } from '../../src/store/pglite-session.js';
import { openScratchStore } from '../support/stores.js';

/** A session that records statements and reports `tuples` live rows in `jobs`. */
function fakeSession(tuples: number, fail?: string): PGliteSession & { statements: string[] } {
  const statements: string[] = [];
  return {
    statements,
    closed: false,
    query: async <R>(text: string) => {
      statements.push(text);
      if (fail && text.startsWith(fail)) throw new Error(`${fail} failed`);
      return { rows: [{ tuples }] as R[] };
    },
    close: async () => {},
  };
}

const holdFree = async () => () => {};

describe('PGliteMaintenance thresholds', () => {
  it('analyses after 50 writes on a new store, then after 50 + 10% of the rows; vacuums when the writes reach the table size', async () => {
    const passes: MaintenancePass[] = [];
    const maintenance = new PGliteMaintenance({ onPass: (pass) => passes.push(pass) });
    const session = fakeSession(1_000);

    maintenance.recordWrites(49);
    expect(await maintenance.runIfDue(session, holdFree)).toBeUndefined();
    maintenance.recordWrites(1);
    expect(await maintenance.runIfDue(session, holdFree)).toEqual({
      vacuumed: true,
      changes: 50,
      tuples: 1_000,
    });

    // With 1,000 rows: ANALYZE every 150 writes, VACUUM once 1,050 have accumulated.
    for (let pass = 0; pass < 6; pass++) {
      maintenance.recordWrites(149);
      expect(maintenance.due).toBe(false);
      maintenance.recordWrites(1);
      expect(await maintenance.runIfDue(session, holdFree)).toEqual({
        vacuumed: false,
        changes: 150,
        tuples: 1_000,
      });
    }
    maintenance.recordWrites(150);
    expect(await maintenance.runIfDue(session, holdFree)).toEqual({
      vacuumed: true,
      changes: 150,
      tuples: 1_000,
    });

    const analyse = 'ANALYZE jobs (id, key, status, run_at, locked_until)';
    expect(session.statements.filter((text) => !text.startsWith('SELECT'))).toEqual([
      'VACUUM jobs',
      analyse,
      ...Array.from({ length: 6 }, () => analyse),
      'VACUUM jobs',
      analyse,
    ]);
    expect(passes).toHaveLength(8);
  });

  it('reports a failed pass, keeps working, and tries again only after more writes', async () => {
    const errors: Error[] = [];
    const maintenance = new PGliteMaintenance({ onError: (error) => errors.push(error) });
    const session = fakeSession(0, 'VACUUM');
    maintenance.recordWrites(60);
    expect(await maintenance.runIfDue(session, holdFree)).toBeUndefined();
    expect(errors.map((error) => error.message)).toEqual(['VACUUM failed']);
    expect(maintenance.due).toBe(false);
    maintenance.recordWrites(50);
    expect(maintenance.due).toBe(true);
  });

  it('gives the session back even when the pass fails', async () => {
    const maintenance = new PGliteMaintenance({ onError: () => {} });
    let released = 0;
    maintenance.recordWrites(100);
    await maintenance.runIfDue(fakeSession(0, 'VACUUM'), async () => () => released++);
    expect(released).toBe(1);
  });
});

describe('PGlite store maintenance', () => {
  let store: Store;
  beforeEach(async () => {
    store = await openScratchStore('pglite');
  });
  afterEach(async () => {
    await store.close();
  });

  it('gives the planner statistics, so claiming from a backlog walks the index instead of sorting it', async () => {
    const queue = new JobQueue(store.db);
    for (let batch = 0; batch < 30; batch++) {
      await queue.enqueue(
        Array.from({ length: 100 }, (_, i) => ({
          kind: 'delivery',
          key: `o/r#${(batch * 100 + i) % 300}`,
          maxAttempts: 3,
        })),
      );
    }
    // A pass due after the last batch holds the session before this query gets it.
    const { rows } = await sql<{ reltuples: number }>`
      SELECT reltuples::float8 AS reltuples FROM pg_class WHERE oid = 'jobs'::regclass`.execute(store.db);
    expect(rows[0]!.reltuples).toBeGreaterThan(2_000);

    // The claim's candidate scan. Never analysed, Postgres guesses 6 open jobs of 3,000 and
    // plans a bitmap scan of all of them plus a sort.
    const plan = await sql<{ 'QUERY PLAN': string }>`
      EXPLAIN SELECT id FROM jobs WHERE status IN ('pending', 'running') AND run_at <= now()
      ORDER BY run_at, id LIMIT 8`.execute(store.db);
    const text = plan.rows.map((row) => row['QUERY PLAN']).join('\n');
    expect(text).toContain('jobs_open_by_run_at');
    expect(text).not.toContain('Sort');
  });
});
