import { OwnerPingLog } from '../../../plugins/notify-owners/owner-ping-log.js';
import type { Store } from '../../../src/store/open-store.js';
import { BACKENDS, openScratchStore } from '../../support/stores.js';

const issue = { repository: 'Example-Ack/Community', number: 2311 };
const at = (time: string) => new Date(`2025-05-14T${time}Z`);

describe.each(BACKENDS)('OwnerPingLog (migration 003-owner-pings) on %s', (backend) => {
  let store: Store;
  let log: OwnerPingLog;

  beforeEach(async () => {
    store = await openScratchStore(backend);
    log = new OwnerPingLog(store.db);
  });
  afterEach(async () => {
    await store.close();
  });

  it('starts a cool-down only once the comment is posted', async () => {
    await log.recordPending(issue, ['Cy-S3', 'dee-s3'], at('18:05:00'), 'delivery-1');
    expect(await log.pingedSince(issue, ['cy-s3', 'dee-s3'], at('00:00:00'), 'delivery-2')).toEqual(
      new Map(),
    );
    expect(await log.postedBy('delivery-1')).toBe(false);

    await log.markPosted('delivery-1');
    expect(await log.postedBy('delivery-1')).toBe(true);
    expect(
      await log.pingedSince(
        { ...issue, repository: 'example-ack/community' },
        ['CY-S3', 'eve-s3'],
        at('18:00:00'),
        'delivery-2',
      ),
    ).toEqual(new Map([['cy-s3', at('18:05:00')]]));
  });

  it('forgets pings older than the cool-down, on other issues, and of the asking delivery itself', async () => {
    await log.recordPending(issue, ['cy-s3'], at('10:00:00'), 'delivery-1');
    await log.markPosted('delivery-1');
    expect(await log.pingedSince(issue, ['cy-s3'], at('11:00:00'), 'delivery-2')).toEqual(new Map());
    expect(await log.pingedSince({ ...issue, number: 1 }, ['cy-s3'], at('09:00:00'), 'delivery-2')).toEqual(
      new Map(),
    );
    expect(await log.pingedSince(issue, ['cy-s3'], at('09:00:00'), 'delivery-1')).toEqual(new Map());
  });

  it('keeps one row per person and issue: the latest ping', async () => {
    await log.recordPending(issue, ['cy-s3'], at('10:00:00'), 'delivery-1');
    await log.markPosted('delivery-1');
    await log.recordPending(issue, ['cy-s3'], at('12:00:00'), 'delivery-2');
    await log.markPosted('delivery-2');
    const rows = await store.db.selectFrom('owner_pings').selectAll().execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      repository: 'example-ack/community',
      login: 'cy-s3',
      delivery_id: 'delivery-2',
      posted: true,
    });
  });
});
