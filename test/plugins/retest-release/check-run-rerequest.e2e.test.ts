import type { WorldInput } from '../../../src/github-double/world-schema.js';
import { startWorld, type WorldHarness } from '../../support/github-world.js';
import { BACKENDS } from '../../support/stores.js';
import { webhookExample } from '../../support/webhook-examples.js';
import { deliver, type Payload, replyTo, threadComment } from '../support/prow-deliveries.js';
import {
  CHECK_APP,
  MONOREPO,
  OTHER_SHA,
  PLUGINS,
  published,
  rerunCallsOf,
  retestWorldWith,
} from './retest-world.js';

const ISSUE = 90;
/** The world's failed check run of another App on the monorepo. */
const CHECK_JOB = 'chart-release';

/** The shared world, with the monorepo's `chart-release` check counted as a release job of area lambda. */
function checkRunWorld(): WorldInput {
  return retestWorldWith((config) => {
    config.areas.lambda.jobs.push(CHECK_JOB);
    config.plugins['release-tracker'].release.jobs.push(CHECK_JOB);
  });
}

describe.each(BACKENDS)('/retest-release of a failed check run, end to end on %s', (backend) => {
  let harness: WorldHarness;
  let checkRunId: number;
  let rerequestPath: string;

  const repoState = () => harness.double.state.repos.get(MONOREPO.toLowerCase())!;
  const htmlUrl = () => `https://github.com/${MONOREPO}/runs/${checkRunId}`;
  /** The other App reports its check run completed (a real `check_run.completed` payload). */
  const completeCheckRun = async (completedAt: string) => {
    const payload = webhookExample<Payload>('check_run', 'completed');
    Object.assign(payload.check_run, {
      id: checkRunId,
      name: CHECK_JOB,
      head_sha: OTHER_SHA,
      conclusion: 'failure',
      completed_at: completedAt,
      html_url: htmlUrl(),
      pull_requests: [],
      app: { ...payload.check_run.app, slug: 'release-bot', name: CHECK_APP },
    });
    payload.check_run.check_suite = {
      ...payload.check_run.check_suite,
      head_branch: 'main',
      pull_requests: [],
    };
    payload.repository.full_name = MONOREPO;
    payload.repository.name = 'cloud-controllers';
    payload.repository.owner.login = 'example-ack';
    payload.repository.default_branch = 'main';
    await deliver(harness, 'check_run', payload);
  };
  const comment = async (author = 'ana-lambda') => {
    const payload = threadComment({
      repo: MONOREPO,
      number: ISSUE,
      body: `/retest-release ${CHECK_JOB}`,
      author,
      association: 'MEMBER',
    });
    await deliver(harness, 'issue_comment', payload);
    return payload;
  };
  const replies = () =>
    harness.double.comments(MONOREPO, ISSUE).filter((posted) => posted.user === 'sheriff[bot]');
  const rerunCalls = () => rerunCallsOf(harness);
  const trackingIssue = () =>
    [...repoState().issues.values()].find((issue) => issue.labels.includes('sheriff/tracking'))!;

  beforeEach(async () => {
    harness = await startWorld(backend, checkRunWorld(), { extra: { plugins: PLUGINS } });
    checkRunId = harness.double.checkRuns(MONOREPO).find((run) => run.name === CHECK_JOB)!.id;
    rerequestPath = `/repos/${MONOREPO}/check-runs/${checkRunId}/rerequest`;
    await completeCheckRun('2025-05-14T17:10:00Z');
    published.length = 0;
    harness.double.clearRequests();
  });
  afterEach(async () => {
    await harness.close();
  });

  it('rerequests the check run itself, replies, and records the retry on the tracking issue', async () => {
    const asked = await comment();

    expect(rerunCalls()).toEqual([`POST ${rerequestPath}`]);
    expect(harness.double.reruns(MONOREPO).map((rerun) => [rerun.kind, rerun.id])).toEqual([
      ['check-run', checkRunId],
    ]);
    // GitHub queues the run's suite again; the other App is told by a `check_run.rerequested` event.
    const suiteId = harness.double.checkRuns(MONOREPO).find((run) => run.id === checkRunId)!.suiteId;
    expect(repoState().checkSuites.get(suiteId)).toMatchObject({ status: 'queued', conclusion: null });
    expect(replies().map((reply) => reply.body)).toEqual([
      replyTo(
        asked,
        `- \`${CHECK_JOB}\`: re-run started with a check run rerequest: [follow it](${htmlUrl()})`,
      ),
    ]);
    const tracking = trackingIssue();
    expect(harness.double.comments(MONOREPO, tracking.number).map((posted) => posted.body)).toEqual([
      `<!-- sheriff:retest-release run=${encodeURIComponent(`check_run:${checkRunId}`)} -->\n` +
        `\`${CHECK_JOB}\` was retried by @ana-lambda from ${MONOREPO}#${ISSUE}: [new run](${htmlUrl()}).`,
    ]);
    expect(published.map((notice) => [notice.kind, notice.actor, notice.issue?.number])).toEqual([
      ['retried', 'ana-lambda', tracking.number],
    ]);
  });

  it('passes on GitHub’s 403 for a check run it may not rerequest, at once, and records nothing', async () => {
    harness.double.faults.add({
      method: 'POST',
      route: rerequestPath,
      respond: { status: 403, body: { message: 'Resource not accessible by integration' } },
    });

    const asked = await comment();

    expect(rerunCalls()).toEqual([`POST ${rerequestPath}`]);
    expect(harness.double.reruns(MONOREPO)).toEqual([]);
    expect(replies().map((reply) => reply.body)).toEqual([
      replyTo(
        asked,
        `- \`${CHECK_JOB}\`: not re-run: GitHub refused POST ${rerequestPath} (403): Resource not accessible by integration.`,
      ),
    ]);
    expect(harness.double.comments(MONOREPO, trackingIssue().number)).toEqual([]);
    expect(published).toEqual([]);
  });

  // The App finishes the rerequested run under the same id: the tracker's row for it must count as
  // newly finished (`recorded_at` moves), or the job would stay "in flight" for inFlightMinutes.
  it('starts a new re-run once the rerequested check run has completed again', async () => {
    await comment('ana-lambda');
    await completeCheckRun('2025-05-14T17:40:00Z');
    await comment('kai-release');

    expect(rerunCalls()).toEqual([`POST ${rerequestPath}`, `POST ${rerequestPath}`]);
    expect(replies().at(-1)?.body.split('\n')[0]).toBe(
      `@kai-release: - \`${CHECK_JOB}\`: re-run started with a check run rerequest: [follow it](${htmlUrl()})`,
    );
  });
});
