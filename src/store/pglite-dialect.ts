import {
  CompiledQuery,
  type DatabaseConnection,
  type DatabaseIntrospector,
  type Dialect,
  type DialectAdapter,
  type Driver,
  type Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type QueryCompiler,
  type QueryResult,
} from 'kysely';
import type { PGliteSession } from './pglite-session.js';

/**
 * A Kysely dialect for PGlite (Postgres compiled to WASM), in this thread or on a worker thread.
 *
 * PGlite is one Postgres session, so the driver hands out that single connection to one holder
 * at a time: a transaction keeps it until commit or rollback, and concurrent callers queue.
 * (kysely-pglite-dialect does the same but pins PGlite <= 0.4; this is the whole of it.)
 */
export class PGliteDialect implements Dialect {
  constructor(
    private readonly pglite: PGliteSession,
    private readonly gate: PGliteGate = new PGliteGate(),
    private readonly priority: GatePriority = 'normal',
  ) {}

  createAdapter(): DialectAdapter {
    return new PostgresAdapter();
  }
  createDriver(): Driver {
    return new PGliteDriver(this.pglite, this.gate, this.priority);
  }
  createQueryCompiler(): QueryCompiler {
    return new PostgresQueryCompiler();
  }
  createIntrospector(db: Kysely<unknown>): DatabaseIntrospector {
    return new PostgresIntrospector(db);
  }
}

export type GatePriority = 'high' | 'normal';

/**
 * Who holds PGlite's one session. Waiters are served in order, high priority first: the webhook
 * intake waits behind at most one worker query, so the ack stays fast while workers are busy.
 */
export class PGliteGate {
  private held = false;
  private readonly waiting: Record<GatePriority, Array<() => void>> = { high: [], normal: [] };

  acquire(priority: GatePriority): Promise<void> {
    if (!this.held) {
      this.held = true;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.waiting[priority].push(resolve));
  }

  release(): void {
    const next = this.waiting.high.shift() ?? this.waiting.normal.shift();
    if (next) next();
    else this.held = false;
  }
}

class PGliteDriver implements Driver {
  private readonly connection: PGliteConnection;

  constructor(
    pglite: PGliteSession,
    private readonly gate: PGliteGate,
    private readonly priority: GatePriority,
  ) {
    this.connection = new PGliteConnection(pglite);
  }

  async init(): Promise<void> {}

  async acquireConnection(): Promise<DatabaseConnection> {
    await this.gate.acquire(this.priority);
    return this.connection;
  }

  async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin'));
  }
  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('commit'));
  }
  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('rollback'));
  }

  async releaseConnection(): Promise<void> {
    this.gate.release();
  }

  async destroy(): Promise<void> {
    await this.connection.close();
  }
}

class PGliteConnection implements DatabaseConnection {
  constructor(private readonly pglite: PGliteSession) {}

  async executeQuery<R>(compiledQuery: CompiledQuery): Promise<QueryResult<R>> {
    const result = await this.pglite.query<R>(compiledQuery.sql, [...compiledQuery.parameters]);
    return result.affectedRows === undefined
      ? { rows: result.rows }
      : { rows: result.rows, numAffectedRows: BigInt(result.affectedRows) };
  }

  // PGlite offers no streaming; Kysely requires the method.
  // eslint-disable-next-line require-yield
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('PGlite does not support streaming queries');
  }

  async close(): Promise<void> {
    if (!this.pglite.closed) await this.pglite.close();
  }
}
