import { reconcile } from '../../../plugins/release-tracker/reconcile.js';
import { StormStore } from '../../../plugins/release-tracker/storm-store.js';
import { humanMarkNotice } from '../../../plugins/release-tracker/tracker-notices.js';
import { type TrackerState, withOpenedIssue } from '../../../plugins/release-tracker/tracker-state.js';
import { TrackerStore } from '../../../plugins/release-tracker/tracker-store.js';
import type { Store } from '../../../src/store/open-store.js';
import { BACKENDS, openScratchStore } from '../../support/stores.js';
import { aPolicy, aRun, aSnapshot, KEY, ROUTING } from './tracker-builders.js';

const ISSUE = { repository: 'example-ack/community', number: 2311 };
const UMBRELLA = { repository: 'example-ack/community', number: 12 };
const NOW = '2025-05-14T17:30:00.000Z';

/** The state after one failure opened the job's issue. */
function failingWithIssue(): TrackerState {
  const plan = reconcile(
    aSnapshot(),
    { run: aRun(1), stageOnly: false, issue: null, routing: ROUTING, now: NOW },
    aPolicy(),
  );
  return withOpenedIssue(plan.next, ISSUE);
}

describe('humanMarkNotice for a member of a storm', () => {
  it('carries the umbrella, so it is folded into the storm like the member’s other notices', () => {
    const notice = humanMarkNotice(
      KEY,
      failingWithIssue(),
      { kind: 'acknowledged', actor: 'kai-release' },
      NOW,
      UMBRELLA,
    );
    expect(notice).toMatchObject({
      kind: 'acknowledged',
      actor: 'kai-release',
      issue: { ...ISSUE, url: 'https://github.com/example-ack/community/issues/2311' },
      umbrella: { ...UMBRELLA, url: 'https://github.com/example-ack/community/issues/12' },
    });
    const snoozed = humanMarkNotice(
      KEY,
      failingWithIssue(),
      { kind: 'snoozed', actor: 'kai-release', until: '2025-05-14T21:30:00.000Z' },
      NOW,
      UMBRELLA,
    );
    expect(snoozed).toMatchObject({ kind: 'snoozed', umbrella: { number: 12 } });
  });

  it('has no umbrella outside a storm', () => {
    const notice = humanMarkNotice(
      KEY,
      failingWithIssue(),
      { kind: 'acknowledged', actor: 'kai-release' },
      NOW,
    );
    expect(notice).not.toBeNull();
    expect(notice).not.toHaveProperty('umbrella');
  });
});

describe.each(BACKENDS)('StormStore.openUmbrellaOfMember on %s', (backend) => {
  let store: Store;
  let storms: StormStore;

  beforeEach(async () => {
    store = await openScratchStore(backend);
    storms = new StormStore(store.db);
    await new TrackerStore(store.db).recordRun(aRun(1), {
      trackingKey: KEY,
      release: true,
      deliveryId: 'd-1',
    });
  });
  afterEach(async () => {
    await store.close();
  });

  const openStorm = async (members: readonly string[]) => {
    const { row } = await storms.claimStorm({
      org: 'example-ack',
      repository: 'example-ack/lambda-controller',
      issueRepository: 'example-ack/community',
      startedAt: new Date('2025-05-14T17:19:00Z'),
    });
    await storms.recordOpened(row.id, UMBRELLA, await storms.describeJobs(members), async () => {});
    return row.id;
  };

  it('names the umbrella of the unresolved storm listing the job', async () => {
    await openStorm([KEY]);
    expect(await storms.openUmbrellaOfMember(KEY)).toEqual(UMBRELLA);
  });

  it('names none for a job the storm does not list, or once the storm is resolved', async () => {
    const id = await openStorm([]);
    expect(await storms.openUmbrellaOfMember(KEY)).toBeNull();
    await storms.join(id, (await storms.describeJobs([KEY]))[0]!, async () => {});
    expect(await storms.openUmbrellaOfMember(KEY)).toEqual(UMBRELLA);
    expect(await storms.resolve(id, async () => {})).toBe(true);
    expect(await storms.openUmbrellaOfMember(KEY)).toBeNull();
  });
});
