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
import type { PGliteMaintenance } from './pglite-maintenance.js';
import { DeflateOnStore } from './payload-encoding.js';
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
    private readonly maintenance?: PGliteMaintenance,
  ) {}

  createAdapter(): DialectAdapter {
    return new PostgresAdapter();
  }
  createDriver(): Driver {
    return new PGliteDriver(this.pglite, this.gate, this.priority, this.maintenance);
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
  constructor(
    private readonly pglite: PGliteSession,
    private readonly gate: PGliteGate,
    private readonly priority: GatePriority,
    private readonly maintenance: PGliteMaintenance | undefined,
  ) {}

  async init(): Promise<void> {}

  async acquireConnection(): Promise<DatabaseConnection> {
    await this.gate.acquire(this.priority);
    return new PGliteConnection(this.pglite, this.maintenance, {
      acquire: () => this.gate.acquire(this.priority),
      handBack: () => this.handBack(),
    });
  }

  async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await (connection as PGliteConnection).begin();
  }
  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await (connection as PGliteConnection).end('commit');
  }
  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await (connection as PGliteConnection).end('rollback');
  }

  async releaseConnection(connection: DatabaseConnection): Promise<void> {
    (connection as PGliteConnection).handBack();
  }

  async destroy(): Promise<void> {
    if (!this.pglite.closed) await this.pglite.close();
  }

  private handBack(): void {
    this.gate.release();
    // Between two holders is the one moment no transaction is open on the session.
    if (this.maintenance?.due) {
      void this.maintenance.runIfDue(this.pglite, async () => {
        await this.gate.acquire('normal');
        return () => this.gate.release();
      });
    }
  }
}

/**
 * One holder's use of the session. The session runs statements in the order they are sent, so a
 * holder hands the session on as soon as its last statement is *sent*, not when the answer comes
 * back: a lone statement (a claim, a read, the intake's insert) or a transaction's COMMIT. The
 * next holder's statements then queue right behind it on the store's thread instead of waiting
 * for the main thread to take the answer in; under load that wait was most of an ack's latency.
 */
class PGliteConnection implements DatabaseConnection {
  private holding = true;
  private inTransaction = false;

  constructor(
    private readonly pglite: PGliteSession,
    private readonly maintenance: PGliteMaintenance | undefined,
    private readonly gate: { acquire(): Promise<void>; handBack(): void },
  ) {}

  async begin(): Promise<void> {
    this.inTransaction = true;
    await this.executeQuery(CompiledQuery.raw('begin'));
  }

  async end(statement: 'commit' | 'rollback'): Promise<void> {
    this.inTransaction = false;
    await this.executeQuery(CompiledQuery.raw(statement));
  }

  async executeQuery<R>(compiledQuery: CompiledQuery): Promise<QueryResult<R>> {
    // Only a connection Kysely pins for several lone statements gets here without the session.
    if (!this.holding) {
      await this.gate.acquire();
      this.holding = true;
    }
    const params = [...compiledQuery.parameters];
    const staged: number[] = [];
    params.forEach((param, index) => {
      if (param instanceof DeflateOnStore) {
        params[index] = param.stageId;
        staged.push(index);
      }
    });
    const answer = this.pglite.query<R>(compiledQuery.sql, params, staged.length > 0 ? { staged } : {});
    if (!this.inTransaction) this.handBack();
    const result = await answer;
    // PGlite reports affected rows for INSERT, UPDATE, DELETE and MERGE only: the writes that count.
    if (result.affectedRows) this.maintenance?.recordWrites(result.affectedRows);
    return result.affectedRows === undefined
      ? { rows: result.rows }
      : { rows: result.rows, numAffectedRows: BigInt(result.affectedRows) };
  }

  handBack(): void {
    if (!this.holding) return;
    this.holding = false;
    this.gate.handBack();
  }

  // PGlite offers no streaming; Kysely requires the method.
  // eslint-disable-next-line require-yield
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('PGlite does not support streaming queries');
  }
}
