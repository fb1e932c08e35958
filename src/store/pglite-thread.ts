import { Worker } from 'node:worker_threads';
import type { PGliteSession, QueryOptions } from './pglite-session.js';
import type { ThreadReply, ThreadRequest } from './pglite-thread-protocol.js';

type Answer = Extract<ThreadReply, { type: 'result' }>;

interface Pending {
  resolve(answer: Answer): void;
  reject(error: Error): void;
}

/**
 * PGlite on a worker thread. Postgres compiled to WASM runs on whichever thread calls it; on the
 * main thread it competed with HTTP parsing, signature checks and the plugins for one core.
 * Here it has a thread (a core) of its own, and the main thread only exchanges messages with it.
 */
export class PGliteThread implements PGliteSession {
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private nextStageId = 1;
  private state: 'open' | 'closing' | 'closed' = 'open';

  private constructor(private readonly worker: Worker) {
    worker.on('message', (message: ThreadReply) => this.receive(message));
    worker.on('error', (error) => this.fail(error));
    worker.on('exit', () => this.fail(new Error('the embedded store thread exited')));
  }

  /** Starts the thread and resolves once PGlite is open (initdb on a new directory). */
  static async start(dataDir: string | undefined): Promise<PGliteThread> {
    // Plain JavaScript, so the thread starts the same from dist/ and from the sources under test.
    const worker = new Worker(new URL('./pglite-thread-main.mjs', import.meta.url), {
      workerData: { dataDir },
    });
    await new Promise<void>((resolve, reject) => {
      const onMessage = (message: ThreadReply) => {
        if (message.type === 'ready') resolve();
        else if (message.type === 'failed')
          reject(new Error(`the embedded store could not open: ${message.message}`));
        else return;
        worker.off('message', onMessage);
      };
      worker.on('message', onMessage);
      worker.once('error', reject);
    });
    return new PGliteThread(worker);
  }

  get closed(): boolean {
    return this.state !== 'open';
  }

  /** Sends the statement at once (the thread runs statements in the order they arrive). */
  async query<R>(
    sql: string,
    params: unknown[],
    options: QueryOptions = {},
  ): Promise<{ rows: R[]; affectedRows?: number }> {
    const answer = await this.request((id) => ({
      type: 'query',
      id,
      sql,
      params,
      ...(options.staged?.length ? { staged: options.staged } : {}),
    }));
    return answer.affectedRows === undefined
      ? { rows: answer.rows as R[] }
      : { rows: answer.rows as R[], affectedRows: answer.affectedRows };
  }

  /**
   * Sends a payload ahead of the statement that will store it; the thread compresses it on arrival.
   * The returned id stands for it as a parameter (`DeflateOnStore`), and the statement takes it.
   */
  stage(text: string): number {
    if (this.state !== 'open') throw new Error('the embedded store is closed');
    const stageId = this.nextStageId++;
    this.send({ type: 'stage', stageId, text });
    return stageId;
  }

  private request(make: (id: number) => ThreadRequest): Promise<Answer> {
    if (this.state !== 'open') return Promise.reject(new Error('the embedded store is closed'));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.send(make(id));
    });
  }

  async close(): Promise<void> {
    if (this.state !== 'open') return;
    this.state = 'closing';
    await new Promise<void>((resolve) => {
      this.worker.once('exit', () => resolve());
      this.worker.on('message', (message: ThreadReply) => {
        if (message.type === 'closed') void this.worker.terminate();
      });
      this.send({ type: 'close' });
    });
    this.state = 'closed';
  }

  private send(request: ThreadRequest): void {
    this.worker.postMessage(request);
  }

  private receive(message: ThreadReply): void {
    if (message.type !== 'result' && message.type !== 'error') return;
    const pending = this.pending.get(message.id);
    if (!pending) return;
    this.pending.delete(message.id);
    if (message.type === 'error') {
      pending.reject(Object.assign(new Error(message.message), message.code ? { code: message.code } : {}));
    } else {
      pending.resolve(message);
    }
  }

  private fail(error: Error): void {
    this.state = this.state === 'open' ? 'closed' : this.state;
    for (const pending of this.pending.values()) pending.reject(error);
    this.pending.clear();
  }
}
