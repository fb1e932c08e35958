// @ts-check
/**
 * The worker-thread side of `PGliteThread` (pglite-thread.ts): owns the PGlite instance and runs
 * the statements the main thread sends, one at a time, in order. Plain JavaScript, so that the
 * thread starts the same way from the compiled build and from the TypeScript sources under test.
 * Messages: see pglite-thread-protocol.ts.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { deflateRawSync } from 'node:zlib';
import { PGlite } from '@electric-sql/pglite';

const INT8_OID = 20;
const port = /** @type {import('node:worker_threads').MessagePort} */ (parentPort);
const { dataDir } = /** @type {{ dataDir: string | undefined }} */ (workerData);

/**
 * Payloads sent ahead of the statements that store them, compressed on arrival into the format
 * payload-encoding.ts decodes ('deflate-base64'): here rather than on the main thread, and while
 * their batch is still forming rather than on the INSERT's critical path. Each is taken by its
 * statement (even one that then fails), so the map holds only batches on their way.
 * @type {Map<number, string>}
 */
const staged = new Map();

/** @param {{ params: unknown[]; staged?: number[] }} request */
const takeStaged = (request) => {
  for (const index of request.staged ?? []) {
    const stageId = /** @type {number} */ (request.params[index]);
    const payload = staged.get(stageId);
    if (payload === undefined) throw new Error(`no staged payload ${stageId}`);
    staged.delete(stageId);
    request.params[index] = payload;
  }
};

/** @param {import('./pglite-thread-protocol.js').ThreadReply} message */
const reply = (message) => port.postMessage(message);

try {
  const pglite = await PGlite.create({
    ...(dataDir ? { dataDir } : {}),
    // Ids are bigint identities; they stay far below 2^53 and read better as numbers.
    parsers: { [INT8_OID]: (/** @type {string} */ value) => Number(value) },
  });
  // Statements run strictly in the order they arrive, each after the last has finished: the main
  // thread hands the session to its next holder as soon as a statement is sent (pglite-dialect.ts).
  /** @type {Promise<unknown>} */
  let last = Promise.resolve();
  const inOrder = (/** @type {() => Promise<unknown>} */ run) => {
    last = last.then(run, run);
  };
  port.on('message', (/** @type {import('./pglite-thread-protocol.js').ThreadRequest} */ request) => {
    if (request.type === 'close') {
      inOrder(() => pglite.close().then(() => reply({ type: 'closed' })));
      return;
    }
    if (request.type === 'stage') {
      staged.set(
        request.stageId,
        deflateRawSync(Buffer.from(request.text, 'utf8'), { level: 1 }).toString('base64'),
      );
      return;
    }
    inOrder(() =>
      Promise.resolve()
        .then(() => takeStaged(request))
        .then(() => pglite.query(request.sql, request.params))
        .then(
          (result) =>
            reply({ type: 'result', id: request.id, rows: result.rows, affectedRows: result.affectedRows }),
          (/** @type {Error & { code?: string }} */ error) =>
            reply({
              type: 'error',
              id: request.id,
              message: error.message,
              ...(error.code ? { code: error.code } : {}),
            }),
        ),
    );
  });
  reply({ type: 'ready' });
} catch (error) {
  reply({ type: 'failed', message: /** @type {Error} */ (error).message });
}
