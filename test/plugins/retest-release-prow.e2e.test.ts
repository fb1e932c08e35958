import { startGangwayReceiver, type GangwayReceiver } from '../support/gangway-receiver.js';
import { startWorld, type WorldHarness } from '../support/github-world.js';
import { BACKENDS } from '../support/stores.js';
import { deliver, replyTo, threadComment } from './support/prow-deliveries.js';
import { crierStatus, FIXTURE_BUILD } from './release-tracker/tracker-world.js';
import {
  COMMUNITY,
  CONTROLLER,
  FIXTURE_SHA,
  PLUGINS,
  PROW_JOB,
  published,
  retestWorld,
} from './retest-release/retest-world.js';

const GANGWAY_TOKEN = 'gangway-test-token';
const AUDIT_TOKEN = 'audit-test-token';
const TRACKING_ISSUE = 1;
const KEY = `${CONTROLLER}/${PROW_JOB}`;
const RULE =
  'only collaborators with maintain or higher, or OWNERS approvers of the files or area concerned, may use /retest-release (rule `plugins.retest-release.access` of example-ack/lambda-controller).';

describe.each(BACKENDS)('/retest-release on Prow through Gangway, end to end on %s', (backend) => {
  let gangway: GangwayReceiver;
  let harness: WorldHarness;

  const start = async (retestConfig = '') => {
    gangway = await startGangwayReceiver({ token: GANGWAY_TOKEN });
    harness = await startWorld(backend, retestWorld(retestConfig), {
      env: { GANGWAY_URL: gangway.url, GANGWAY_TOKEN, AUDIT_TOKEN },
      extra: { plugins: PLUGINS },
    });
    // The first failure of the release job opens community#1.
    await deliver(harness, 'status', crierStatus(0, 'failure'));
    expect(harness.double.issue(COMMUNITY, TRACKING_ISSUE)?.state).toBe('open');
    published.length = 0;
    harness.double.clearRequests();
  };
  afterEach(async () => {
    await harness.close();
    await gangway.close();
  });

  /** `body` commented on the tracking issue by `author`; resolves when the re-run job is done. */
  const comment = async (author: string, body = '/retest-release', number = TRACKING_ISSUE) => {
    const payload = threadComment({ repo: COMMUNITY, number, body, author, association: 'MEMBER' });
    await deliver(harness, 'issue_comment', payload);
    return payload;
  };
  const replies = () =>
    harness.double.comments(COMMUNITY, TRACKING_ISSUE).filter((posted) => posted.user === 'sheriff[bot]');
  const executions = () => gangway.requests.filter((request) => request.path === '/v1/executions');
  const audit = async (token = AUDIT_TOKEN) =>
    fetch(`${harness.url}/api/v1/reruns`, { headers: { authorization: `Bearer ${token}` } });

  describe('from the tracking issue', () => {
    beforeEach(() => start());

    it('asks Gangway for a postsubmit of the failed build with its refs and the bearer token, and replies once with the link', async () => {
      const payload = await comment('ana-lambda');

      expect(executions()).toHaveLength(1);
      const [request] = executions();
      expect(request!.method).toBe('POST');
      expect(request!.headers.authorization).toBe(`Bearer ${GANGWAY_TOKEN}`);
      const body = request!.body as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
      expect(body.job_name).toBe(PROW_JOB);
      expect(body.job_execution_type).toBe('POSTSUBMIT');
      expect(body.refs).toMatchObject({ org: 'example-ack', repo: 'lambda-controller', base_ref: 'main' });
      expect(body.refs.base_sha).toMatch(/^[0-9a-f]{40}$/);
      expect(body.refs.base_sha).toBe(FIXTURE_SHA);

      const link = `https://prow.example.dev/view/gs/prow-logs/${PROW_JOB}/00000000-0000-4000-8000-000000000001`;
      expect(replies().map((reply) => reply.body)).toEqual([
        replyTo(payload, `- \`${PROW_JOB}\`: re-run started with Prow (Gangway): [follow it](${link})`),
      ]);
      // Given on the tracking issue, the reply is the record: no second comment there.
      expect(harness.double.comments(COMMUNITY, TRACKING_ISSUE)).toHaveLength(1);
      expect(published.map((notice) => [notice.kind, notice.trackingKey, notice.actor])).toEqual([
        ['retried', KEY, 'ana-lambda'],
      ]);
    });

    it('lists the re-run in the audit endpoint, which refuses a request without the token', async () => {
      await comment('kai-release');
      expect((await audit('wrong')).status).toBe(401);
      expect((await fetch(`${harness.url}/api/v1/reruns`)).status).toBe(401);
      const badLimit = await fetch(`${harness.url}/api/v1/reruns?limit=0`, {
        headers: { authorization: `Bearer ${AUDIT_TOKEN}` },
      });
      expect(badLimit.status).toBe(400);
      expect(await badLimit.json()).toEqual({ message: 'limit: an integer from 1 to 1000' });
      const response = await audit();
      expect(response.status).toBe(200);
      const { reruns } = (await response.json()) as { reruns: Array<Record<string, unknown>> };
      expect(reruns).toHaveLength(1);
      expect(reruns[0]).toMatchObject({
        repository: CONTROLLER,
        job: PROW_JOB,
        runId: `prow:${PROW_JOB}:${FIXTURE_BUILD}`,
        backend: 'gangway',
        requestedBy: 'kai-release',
        context: `${COMMUNITY}#1`,
        state: 'started',
        detail: 'execution 00000000-0000-4000-8000-000000000001 TRIGGERED',
      });
    });

    it.each([
      ['an approver of the area from OWNERS (through an alias)', 'kai-release'],
      ['an approver of the area from config', 'ana-lambda'],
      ['a collaborator with maintain', 'mia-maintainer'],
    ])('lets %s re-run it', async (_who, login) => {
      await comment(login);
      expect(executions()).toHaveLength(1);
    });

    it.each([
      ['an org member with write only', 'wes-writer'],
      ['a stranger', 'rex-random'],
    ])('refuses %s, naming the rule, and starts nothing', async (_who, login) => {
      const payload = await comment(login);
      expect(executions()).toHaveLength(0);
      expect(replies().map((reply) => reply.body)).toEqual([
        replyTo(payload, `- \`${PROW_JOB}\`: not re-run: ${RULE}`),
      ]);
      expect(published).toEqual([]);
    });

    it('does not start a second re-run while the first is in flight, and does once a run finished', async () => {
      await comment('ana-lambda');
      await comment('kai-release');
      expect(executions()).toHaveLength(1);
      expect(replies()).toHaveLength(2);
      expect(replies()[1]!.body).toMatch(
        new RegExp(
          `^@kai-release: - \`${PROW_JOB}\`: not re-run: a re-run asked for by ana-lambda at \\S+ is still in flight \\(\\[follow it\\]\\(https://prow\\.example\\.dev/\\S+\\)\\); no run of it has finished since\\.\n`,
        ),
      );

      await deliver(harness, 'status', crierStatus(1, 'failure'));
      await comment('kai-release');
      expect(executions()).toHaveLength(2);
    });

    it('answers --list and an unknown job at once, without asking Gangway', async () => {
      const list = await comment('rex-random', '/retest-release --list');
      expect(replies().at(-1)?.body).toBe(
        replyTo(
          list,
          [
            'Failed release jobs of this tracking issue that `/retest-release` can re-run:',
            `- \`${PROW_JOB}\` (Prow): failure, commit \`c342365ab463\`, [logs](https://prow.example-ack.dev/view/s3/example-ack-prow-logs/logs/${PROW_JOB}/${FIXTURE_BUILD})`,
            '',
            'Re-run all of them with `/retest-release`, or some with `/retest-release <job>...`.',
          ].join('\n'),
        ),
      );
      const unknown = await comment('ana-lambda', '/retest-release post-lambda-release');
      expect(replies().at(-1)?.body).toBe(
        replyTo(
          unknown,
          `- \`post-lambda-release\`: not a release job Sheriff knows here. Known release jobs: \`${PROW_JOB}\`.`,
        ),
      );
      expect(gangway.requests).toEqual([]);
    });

    it('retries when Gangway answers 5xx, then replies with the new run', async () => {
      gangway.answerNext(
        { status: 503, body: { code: 14, message: 'unavailable' }, headers: { 'retry-after': '0' } },
        { status: 500, body: { code: 13, message: 'internal' }, headers: { 'retry-after': '0' } },
      );
      await comment('ana-lambda');
      expect(executions()).toHaveLength(3);
      expect(replies()).toHaveLength(1);
      expect(replies()[0]!.body).toContain('re-run started with Prow (Gangway): [follow it](');
    });

    it('says so when Gangway keeps failing: the retries run out and the reply explains, never silence', async () => {
      const failing = {
        status: 503,
        body: { code: 14, message: 'unavailable' },
        headers: { 'retry-after': '0' },
      };
      gangway.answerNext(failing, failing, failing, failing, failing);
      const payload = await comment('ana-lambda');
      expect(executions()).toHaveLength(5);
      expect(replies().map((reply) => reply.body)).toEqual([
        replyTo(
          payload,
          `- \`${PROW_JOB}\`: not re-run: Prow (Gangway) kept failing (Gangway POST /v1/executions answered 503: unavailable); Sheriff gave up after 5 attempts. Try again later.`,
        ),
      ]);
      const { reruns } = (await (await audit()).json()) as { reruns: Array<Record<string, unknown>> };
      expect(reruns.map((rerun) => rerun.state)).toEqual(['failed']);
    });
  });

  describe('with the repository’s own rules', () => {
    it('lets anyone re-run with allowAnyone, and stops at maxPerHour', async () => {
      await start('  retest-release:\n    access: {allowAnyone: true}\n    maxPerHour: 1\n');
      await comment('rex-random');
      expect(executions()).toHaveLength(1);
      await deliver(harness, 'status', crierStatus(1, 'failure'));
      const second = await comment('rex-random');
      expect(executions()).toHaveLength(1);
      expect(replies().at(-1)?.body).toBe(
        replyTo(
          second,
          `- \`${PROW_JOB}\`: not re-run: it was re-run 1 times in the last hour, the limit (\`plugins.retest-release.maxPerHour\` of ${CONTROLLER}: 1).`,
        ),
      );
    });

    it('lets the members of a listed team re-run, and not the area approvers once ownersApprovers is off', async () => {
      await start(
        '  retest-release:\n    access: {teams: [example-ack/release-managers], ownersApprovers: false}\n',
      );
      await comment('ana-lambda');
      expect(executions()).toHaveLength(0);
      expect(replies().at(-1)?.body.split('\n')[0]).toBe(
        `@ana-lambda: - \`${PROW_JOB}\`: not re-run: only members of team example-ack/release-managers may use /retest-release (rule \`plugins.retest-release.access\` of ${CONTROLLER}).`,
      );
      await comment('bo-lambda');
      expect(executions()).toHaveLength(1);
    });

    it('lets the users listed re-run and no one else', async () => {
      await start('  retest-release:\n    access: {users: [rex-random]}\n');
      await comment('ana-lambda');
      expect(executions()).toHaveLength(0);
      expect(replies().at(-1)?.body).toContain(
        'not re-run: only rex-random may use /retest-release (rule `plugins.retest-release.access` of example-ack/lambda-controller).',
      );
      await comment('rex-random');
      expect(executions()).toHaveLength(1);
    });
  });
});
