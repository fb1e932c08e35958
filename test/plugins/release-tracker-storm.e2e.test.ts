import { createGitHubDouble, type GitHubAction } from '../../src/github-double/index.js';
import { startWorld, TEST_PRIVATE_KEY, type WorldHarness } from '../support/github-world.js';
import { startHarness, waitFor } from '../support/sheriff-harness.js';
import { BACKENDS, createScratchLocation } from '../support/stores.js';
import { WORLD_FIXTURE_SECRET } from '../support/webhook-examples.js';
import {
  controllerStatus,
  noticeRecorder,
  SERVICES,
  STORM_PLUGINS,
  STORM_WORLD,
} from './release-tracker/storm-world.js';
import { COMMUNITY } from './release-tracker/tracker-world.js';

/** Thirty controllers' runs and issues on one busy machine take longer than Jest's default. */
const STORM_TIMEOUT_MS = 120_000;

/** Thirty controllers' release jobs failing within one minute (two seconds apart), as an ECR outage does. */
const failedAt = (index: number) =>
  new Date(Date.parse('2025-05-14T17:19:00Z') + index * 2_000).toISOString();

describe.each(BACKENDS)('release tracker storm control end to end on %s', (backend) => {
  let harness: WorldHarness;
  let recorder: ReturnType<typeof noticeRecorder>;
  /** Sheriff's clock: held notices are released by it, on the scheduler's tick. */
  let clock: Date;

  beforeEach(async () => {
    recorder = noticeRecorder();
    clock = new Date('2025-05-14T17:20:00Z');
    harness = await startWorld(backend, STORM_WORLD, {
      // GitHub's 80 writes a minute would pace 60 issues and comments over minutes; not the point here.
      env: {
        WEBHOOK_SECRETS: WORLD_FIXTURE_SECRET,
        GITHUB_WRITES_PER_MINUTE: '1000',
        GITHUB_WRITES_PER_HOUR: '5000',
      },
      extra: { plugins: STORM_PLUGINS(recorder.plugin), clock: () => clock },
    });
  });
  afterEach(async () => {
    await harness.close();
  });

  const issuesCreated = () =>
    harness.double
      .actions()
      .filter((action) => action.method === 'POST' && action.path === `/repos/${COMMUNITY}/issues`);
  const titleOf = (action: GitHubAction) => (action.body as { title: string }).title;
  /** Every job's and storm's notice, once the queue is idle. */
  const settle = async (deliveries: number) => {
    await harness.waitFor(() => harness.handled.length >= deliveries);
    await harness.sheriff.runUntilIdle();
  };
  /** Moves Sheriff's clock and runs the due scheduled tasks (the held notices). */
  const tickAt = async (iso: string) => {
    clock = new Date(iso);
    await harness.sheriff.scheduler.tick();
    await harness.sheriff.runUntilIdle();
  };
  const failAll = async () => {
    const sends = SERVICES.map((service, index) =>
      harness.send('status', controllerStatus(service, 'failure', failedAt(index))),
    );
    expect((await Promise.all(sends)).map((response) => response.status)).toEqual(SERVICES.map(() => 202));
    await settle(SERVICES.length);
  };

  it(
    '30 release jobs failing in one minute: one umbrella listing them all, 0 individual notifications',
    async () => {
      await failAll();

      const umbrellas = issuesCreated().filter((action) => titleOf(action).startsWith('[release-storm]'));
      expect(umbrellas).toHaveLength(1);
      // How many it lists at first depends on how far the workers got: more than 10, by the runs' times.
      const title =
        /^\[release-storm\] (\d+) release jobs of example-ack failing since 2025-05-14 17:19 UTC$/.exec(
          titleOf(umbrellas[0]!),
        );
      const listedAtFirst = Number(title?.[1]);
      expect(listedAtFirst).toBeGreaterThan(10);
      expect(issuesCreated()).toHaveLength(31);
      const umbrellaNumber = [...harness.double.state.repos.get(COMMUNITY)!.issues.values()].find((issue) =>
        issue.title.startsWith('[release-storm]'),
      )!.number;
      const umbrella = harness.double.issue(COMMUNITY, umbrellaNumber)!;
      expect(umbrella.state).toBe('open');
      expect(umbrella.labels).toEqual(
        expect.arrayContaining(['kind/release-storm', 'priority/critical-urgent', 'sheriff/tracking']),
      );
      expect(umbrella.body).toContain('**Status: 30 of 30 release jobs failing**');
      for (const service of SERVICES)
        expect(umbrella.body).toContain(
          `- ✗ \`post-${service}-controller-release\` in \`example-ack/${service}-controller\`: #`,
        );

      // Each job's own issue stays the record, linked to the umbrella once: in its body when it
      // opened while the storm was open, else by one comment.
      let commented = 0;
      for (const [number, issue] of harness.double.state.repos.get(COMMUNITY)!.issues) {
        if (number === umbrellaNumber) continue;
        expect(issue.title).toMatch(/^\[release-failure\] /);
        const links = harness.double
          .comments(COMMUNITY, number)
          .filter((comment) => comment.body.includes('sheriff:storm-link'));
        const inBody = (issue.body ?? '').includes(`- **Part of**: #${umbrellaNumber}, `);
        expect([inBody, links.length]).toEqual(inBody ? [true, 0] : [false, 1]);
        if (!inBody) {
          commented += 1;
          expect(links[0]!.body).toContain(
            `Part of #${umbrellaNumber}: more than 10 release jobs of \`example-ack\` failed within 10m`,
          );
        }
      }
      // At least the job whose failure made the storm had its issue before the umbrella existed.
      expect(commented).toBeGreaterThanOrEqual(1);

      // Nothing is told while the jobs' notices are held (2m from each run's finish) ...
      expect(recorder.notices.filter((notice) => !notice.kind.startsWith('storm-'))).toEqual([]);
      await tickAt('2025-05-14T17:20:30Z');
      expect(recorder.notices.filter((notice) => !notice.kind.startsWith('storm-'))).toEqual([]);
      // ... and once released, every one of them is under the umbrella: Slack sends none of them.
      await tickAt('2025-05-14T17:30:00Z');
      const perJob = recorder.notices.filter((notice) => !notice.kind.startsWith('storm-'));
      expect(perJob).toHaveLength(30);
      expect(perJob.filter((notice) => notice.umbrella === undefined)).toEqual([]);
      expect(new Set(perJob.map((notice) => notice.umbrella?.number))).toEqual(new Set([umbrellaNumber]));
      const storm = recorder.notices.filter((notice) => notice.kind.startsWith('storm-'));
      expect(storm.filter((notice) => notice.kind === 'storm-opened')).toHaveLength(1);
      expect(storm[0]).toMatchObject({
        kind: 'storm-opened',
        issue: { repository: COMMUNITY, number: umbrellaNumber },
      });
      expect(storm[0]!.members).toHaveLength(listedAtFirst);
      // The joins after the opening, held like the jobs' notices, go out as one update.
      expect(storm.filter((notice) => notice.kind === 'storm-updated')).toHaveLength(
        listedAtFirst < 30 ? 1 : 0,
      );
      expect(storm.at(-1)!.members).toHaveLength(30);
    },
    STORM_TIMEOUT_MS,
  );

  it(
    'closes the umbrella once every member passes again, and says so once',
    async () => {
      await failAll();
      const umbrellaNumber = [...harness.double.state.repos.get(COMMUNITY)!.issues.values()].find((issue) =>
        issue.title.startsWith('[release-storm]'),
      )!.number;
      const recoveredAt = (index: number) =>
        new Date(Date.parse('2025-05-14T18:00:00Z') + index * 2_000).toISOString();

      // All but one recover: the umbrella stays open and shows who still fails.
      const sends = SERVICES.slice(1).map((service, index) =>
        harness.send('status', controllerStatus(service, 'success', recoveredAt(index), 1)),
      );
      await Promise.all(sends);
      await settle(SERVICES.length * 2 - 1);
      expect(harness.double.issue(COMMUNITY, umbrellaNumber)!.state).toBe('open');
      expect(harness.double.issue(COMMUNITY, umbrellaNumber)!.body).toContain(
        '**Status: 1 of 30 release jobs failing**',
      );

      await harness.send('status', controllerStatus(SERVICES[0], 'success', recoveredAt(40), 1));
      await settle(SERVICES.length * 2);
      const umbrella = harness.double.issue(COMMUNITY, umbrellaNumber)!;
      expect(umbrella.state).toBe('closed');
      expect(umbrella.body).toContain('**Status: all 30 release jobs pass again**');
      expect(
        harness.double.comments(COMMUNITY, umbrellaNumber).map((comment) => comment.body.split('\n')[1]),
      ).toEqual(['All 30 release jobs listed pass again. Closing this issue.']);
      const openIssues = [...harness.double.state.repos.get(COMMUNITY)!.issues.values()].filter(
        (issue) => issue.state === 'open',
      );
      expect(openIssues).toEqual([]);

      await tickAt('2025-05-14T19:00:00Z');
      expect(recorder.notices.filter((notice) => notice.kind === 'storm-resolved')).toHaveLength(1);
      const resolved = recorder.notices.filter((notice) => notice.kind === 'resolved');
      expect(resolved).toHaveLength(30);
      expect(resolved.filter((notice) => notice.umbrella === undefined)).toEqual([]);
    },
    STORM_TIMEOUT_MS,
  );

  it(
    'below the threshold, each job is notified on its own once its hold is over',
    async () => {
      for (const [index, service] of SERVICES.slice(0, 10).entries())
        await harness.send('status', controllerStatus(service, 'failure', failedAt(index)));
      await settle(10);
      expect(issuesCreated().filter((action) => titleOf(action).startsWith('[release-storm]'))).toEqual([]);
      await tickAt('2025-05-14T17:30:00Z');
      expect(recorder.notices.map((notice) => [notice.kind, notice.umbrella])).toEqual(
        SERVICES.slice(0, 10).map(() => ['opened', undefined]),
      );
    },
    STORM_TIMEOUT_MS,
  );
});

describe('storm control on two replicas sharing one PostgreSQL store', () => {
  it(
    'opens exactly one umbrella for 30 failures delivered to both replicas at once',
    async () => {
      const double = createGitHubDouble(STORM_WORLD);
      const server = await double.listen();
      const scratch = await createScratchLocation('postgres');
      const options = {
        location: scratch.location,
        env: {
          APP_ID: '1',
          PRIVATE_KEY: TEST_PRIVATE_KEY,
          GITHUB_API_URL: server.baseUrl,
          GITHUB_WRITES_PER_MINUTE: '1000',
          GITHUB_WRITES_PER_HOUR: '5000',
        },
        extra: { plugins: STORM_PLUGINS(noticeRecorder().plugin) },
      };
      // One after the other: both migrate the same database on start.
      const replicas = [await startHarness('postgres', options), await startHarness('postgres', options)];
      try {
        const sends = SERVICES.flatMap((service, index) =>
          replicas.map((replica) =>
            replica.send('status', controllerStatus(service, 'failure', failedAt(index)), {
              delivery: `both-${service}`,
            }),
          ),
        );
        const statuses = (await Promise.all(sends)).map((response) => response.status);
        expect(statuses.filter((status) => status === 202)).toHaveLength(SERVICES.length);
        await waitFor(
          () => replicas[0]!.handled.length + replicas[1]!.handled.length >= SERVICES.length,
          60_000,
        );
        for (const replica of replicas) await replica.sheriff.runUntilIdle();

        const titles = double
          .actions()
          .filter((action) => action.method === 'POST' && action.path === `/repos/${COMMUNITY}/issues`)
          .map((action) => (action.body as { title: string }).title);
        expect(titles.filter((title) => title.startsWith('[release-storm]'))).toHaveLength(1);
        expect(titles).toHaveLength(31);
        const umbrella = [...double.state.repos.get(COMMUNITY)!.issues.values()].find((issue) =>
          issue.title.startsWith('[release-storm]'),
        )!;
        expect(umbrella.body).toContain('**Status: 30 of 30 release jobs failing**');
      } finally {
        for (const replica of replicas) await replica.close();
        await server.close();
        await scratch.dispose();
      }
    },
    STORM_TIMEOUT_MS,
  );
});
