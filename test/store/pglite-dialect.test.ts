import { Kysely, sql } from 'kysely';
import { PGliteDialect, PGliteGate } from '../../src/store/pglite-dialect.js';
import type { PGliteSession } from '../../src/store/pglite-session.js';

/** A session that records what was sent and answers only when the test says so. */
function heldSession() {
  const sent: string[] = [];
  const answers: Array<() => void> = [];
  const session: PGliteSession = {
    closed: false,
    query: <R>(text: string) => {
      sent.push(text);
      return new Promise<{ rows: R[] }>((resolve) => answers.push(() => resolve({ rows: [] })));
    },
    close: async () => {},
  };
  /** Answers every statement sent so far, in order, and lets the callers run on. */
  const answerAll = async () => {
    while (answers.length > 0) {
      answers.shift()!();
      await new Promise((resolve) => setImmediate(resolve));
    }
  };
  return { session, sent, answerAll };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('PGliteDialect hand-over', () => {
  it('hands the session on once a lone statement is sent, not when its answer arrives', async () => {
    const { session, sent, answerAll } = heldSession();
    const gate = new PGliteGate();
    const worker = new Kysely<unknown>({ dialect: new PGliteDialect(session, gate, 'normal') });
    const intake = new Kysely<unknown>({ dialect: new PGliteDialect(session, gate, 'high') });

    const claim = sql`select 'claim'`.execute(worker);
    const store = sql`select 'intake'`.execute(intake);
    await settle();
    // Both are on the store's thread, in order, although neither has been answered.
    expect(sent).toEqual(["select 'claim'", "select 'intake'"]);
    await answerAll();
    await Promise.all([claim, store]);
  });

  it('keeps the session for a transaction until its COMMIT is sent, and only then lets others in', async () => {
    const { session, sent, answerAll } = heldSession();
    const gate = new PGliteGate();
    const worker = new Kysely<unknown>({ dialect: new PGliteDialect(session, gate, 'normal') });
    const intake = new Kysely<unknown>({ dialect: new PGliteDialect(session, gate, 'high') });

    const transaction = worker.transaction().execute(async (trx) => {
      await sql`select 'read'`.execute(trx);
      await sql`update 'write'`.execute(trx);
    });
    await settle();
    const store = sql`insert 'delivery'`.execute(intake);
    await settle();
    expect(sent).toEqual(['begin']);
    await answerAll();
    await Promise.all([transaction, store]);
    expect(sent).toEqual(['begin', "select 'read'", "update 'write'", 'commit', "insert 'delivery'"]);
  });

  it('rolls back and hands the session on when the transaction fails', async () => {
    const sent: string[] = [];
    const session: PGliteSession = {
      closed: false,
      query: async <R>(text: string) => {
        sent.push(text);
        await settle();
        return { rows: [] as R[] };
      },
      close: async () => {},
    };
    const worker = new Kysely<unknown>({ dialect: new PGliteDialect(session, new PGliteGate(), 'normal') });

    const failing = worker.transaction().execute(async (trx) => {
      await sql`select 'read'`.execute(trx);
      throw new Error('handler failed');
    });
    const next = sql`select 'next'`.execute(worker);
    await expect(failing).rejects.toThrow('handler failed');
    await next;
    expect(sent).toEqual(['begin', "select 'read'", 'rollback', "select 'next'"]);
  });
});
