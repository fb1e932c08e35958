import type { Store } from '../../src/store/open-store.js';
import { sql } from 'kysely';
import { DeflateOnStore, decodePayload, identityEncoder } from '../../src/store/payload-encoding.js';
import { openScratchStore } from '../support/stores.js';
import { exampleOf } from '../support/webhook-examples.js';

// A recorded pull_request payload with non-ASCII text in its body, as GitHub would send it.
const example = exampleOf('pull_request', 'opened');
example.pull_request.body = 'Fixes the release job — “image push” failed on arm64 ✗, 日本語 too';
const json = JSON.stringify(example, null, 2);

describe('payload encoding', () => {
  it('stores identity payloads as they are', async () => {
    expect(identityEncoder.encode(json)).toBe(json);
    expect(decodePayload(json, 'identity')).toBe(json);
  });

  it('refuses a stored payload that is not valid deflate instead of returning garbage', () => {
    expect(() => decodePayload(Buffer.from('not deflate').toString('base64'), 'deflate-base64')).toThrow();
  });
});

describe("the PGlite store's payloads", () => {
  let store: Store;
  beforeAll(async () => {
    store = await openScratchStore('pglite');
  });
  afterAll(async () => {
    await store.close();
  });

  it('are compressed on the store thread as they are stored, into text that decodes to the exact payload', async () => {
    expect(store.payloadEncoder.encoding).toBe('deflate-base64');
    const encoded = store.payloadEncoder.encode(json);
    expect(encoded).toBeInstanceOf(DeflateOnStore);
    const { rows } = await sql<{ stored: string }>`SELECT ${encoded} AS stored`.execute(store.db);
    const stored = rows[0]!.stored;
    expect(stored).toMatch(/^[A-Za-z0-9+/]+=*$/);
    expect(stored.length * 3).toBeLessThan(json.length);
    expect(decodePayload(stored, 'deflate-base64')).toBe(json);
  });

  it('are taken by the statement that stores them: the thread keeps no copy afterwards', async () => {
    const encoded = store.payloadEncoder.encode(json);
    await sql`SELECT ${encoded} AS stored`.execute(store.db);
    await expect(sql`SELECT ${encoded} AS stored`.execute(store.db)).rejects.toThrow(/no staged payload/);
  });

  it('cannot be staged once the store is closed, so the intake answers 503 instead of storing nothing', async () => {
    const closing = await openScratchStore('pglite');
    await closing.close();
    expect(() => closing.payloadEncoder.encode(json)).toThrow(/closed/);
  });
});

describe('a payload to deflate on PGlite', () => {
  it('is refused by a PostgreSQL connection instead of being stored as "[object Object]"', () => {
    expect(() => new DeflateOnStore(1).toPostgres()).toThrow(/PGlite parameter/);
  });
});
