import { sql } from 'kysely';
import { DeliveryLog } from '../../src/store/delivery-log.js';
import { JobQueue } from '../../src/store/job-queue.js';
import type { Store } from '../../src/store/open-store.js';
import type { NewDelivery } from '../../src/store/schema.js';
import { BACKENDS, openScratchStore } from '../support/stores.js';
import { exampleOf } from '../support/webhook-examples.js';

function deliveryOf(id: string, payload: string): NewDelivery {
  return {
    id,
    source: 'github',
    event: 'issue_comment',
    action: 'created',
    key: 'Codertocat/Hello-World#1',
    installation_id: 1,
    repository: 'Codertocat/Hello-World',
    payload,
  };
}

describe.each(BACKENDS)('DeliveryLog on %s', (backend) => {
  let store: Store;
  let log: DeliveryLog;
  const comment = exampleOf('issue_comment', 'created');
  comment.comment.body = '/retest-release ✓ — “quoted”';
  const body = JSON.stringify(comment);

  beforeEach(async () => {
    store = await openScratchStore(backend);
    log = new DeliveryLog(store.intakeDb, store.payloadEncoder);
  });
  afterEach(async () => {
    await store.close();
  });

  it('hands back the exact body it stored, to the CLI and to the worker that claims it', async () => {
    const stored = await log.record([log.encode(deliveryOf('guid-1', body))], 3);
    expect([...stored]).toEqual(['guid-1']);
    expect((await log.get('guid-1'))?.payload).toBe(body);
    const [claimed] = await new JobQueue(store.db).claim('w1', 1, 30_000);
    expect(claimed?.delivery?.payload).toBe(body);
    expect(claimed?.delivery).not.toHaveProperty('payload_encoding');
  });

  it('stores payloads compressed on PGlite and as text on PostgreSQL', async () => {
    await log.record([log.encode(deliveryOf('guid-2', body))], 3);
    const row = await store.db
      .selectFrom('deliveries')
      .select(['payload', 'payload_encoding'])
      .where('id', '=', 'guid-2')
      .executeTakeFirstOrThrow();
    if (backend === 'pglite') {
      expect(row.payload_encoding).toBe('deflate-base64');
      expect(row.payload.length * 2).toBeLessThan(body.length);
    } else {
      expect(row).toEqual({ payload: body, payload_encoding: 'identity' });
    }
  });

  it('still reads rows stored as text before payloads were compressed', async () => {
    // What a data directory written by an earlier version holds: the column's default.
    await sql`INSERT INTO deliveries (id, source, event, action, key, installation_id, repository, payload)
      VALUES ('old-guid', 'github', 'issue_comment', 'created', 'k', 1, 'Codertocat/Hello-World', ${body})`.execute(
      store.db,
    );
    expect((await log.get('old-guid'))?.payload).toBe(body);
  });
});
