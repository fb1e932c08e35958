import notifyOwners from '../../plugins/notify-owners/index.js';
import type { PluginDefinition } from '../../src/plugins/plugin-definition.js';
import { formatReply } from '../../src/commands/format-reply.js';
import type { GitHubAction } from '../../src/github-double/index.js';
import type { WorldInput } from '../../src/github-double/world-schema.js';
import { OWNERS_MONOREPO } from '../areas/area-fixtures.js';
import { issueComment, startWorld, type WorldHarness } from '../support/github-world.js';
import { BACKENDS } from '../support/stores.js';
import { pluginCalls } from './support/prow-deliveries.js';
import { webhookExample, worldRetestReleaseComment } from '../support/webhook-examples.js';

const REPO = 'example-ack/community';
const ISSUE = 2311;
const COMMENTS_PATH = `/repos/${REPO}/issues/${ISSUE}/comments`;
/** The labels of the shared world's tracking issue. */
const TRACKING_LABELS = ['kind/tests/failing', 'service/lambda', 'area/prow', 'priority/critical-urgent'];
/** OWNERS, OWNERS_ALIASES and the six services/** OWNERS files of owners-monorepo. */
const OWNERS_BLOB_READS = Array<string>(8).fill('git/get-blob 200');

/**
 * ACK's wrinkle: in real ACK every controller OWNERS names only core-ack-team, so the people of an
 * area come from config. Here prow's owners are a team, and lambda adds an OWNERS alias.
 */
const SHERIFF_YML = `
areas:
  prow:
    labels: [area/prow]
    owners:
      mode: override
      approvers: ["@example-ack/prow-oncall"]
    slack: "#prow-alerts"
    severity: critical
  lambda:
    jobs: [post-lambda-controller-release]
    owners:
      approvers: [release-oncall]
`;

const world: WorldInput = {
  now: '2025-05-14T18:00:00Z',
  orgs: {
    'example-ack': {
      members: ['ana-lambda', 'kai-release'],
      teams: { 'prow-oncall': ['pat-prow', 'ana-lambda'] },
    },
  },
  installations: [{ id: 61234567, account: 'example-ack' }],
  repos: {
    [REPO]: {
      defaultBranch: 'main',
      dir: OWNERS_MONOREPO,
      files: { '.github/sheriff.yml': SHERIFF_YML },
      permissions: { 'tri-ager': 'triage', 'rea-der': 'read' },
      labels: TRACKING_LABELS,
      issues: [
        {
          number: ISSUE,
          title:
            '[release-failure] lambda-controller v1.7.3: post-lambda-controller-release failed at stage image-push',
          user: 'sheriff[bot]',
          labels: TRACKING_LABELS,
        },
      ],
    },
  },
};

describe.each(BACKENDS)('/notify-owners end to end on %s', (backend) => {
  let harness: WorldHarness;

  beforeEach(async () => {
    // Only this plugin: the shared delivery also says /retest-release, which another plugin answers.
    harness = await startWorld(backend, world, {
      extra: { plugins: [notifyOwners as unknown as PluginDefinition] },
    });
  });
  afterEach(async () => {
    await harness.close();
  });

  const comments = (): GitHubAction[] =>
    harness.double.actions().filter((action) => action.path === COMMENTS_PATH);
  const commentBody = (action: GitHubAction | undefined) => (action?.body as { body: string }).body;
  /** The requests the plugin made (the App's authentication and the config read are not its doing). */
  const comment = (body: string, author = 'ana-lambda') =>
    issueComment({ repo: REPO, number: ISSUE, body, author, labels: TRACKING_LABELS });
  const replyTo = (payload: Record<string, unknown>, message: string) => {
    const {
      body,
      user,
      html_url: url,
    } = payload.comment as { body: string; user: { login: string }; html_url: string };
    return formatReply({ login: user.login, message, commentBody: body, commentUrl: url });
  };

  it('mentions the approvers of the named area once, saying where they came from (the shared world delivery)', async () => {
    const delivery = worldRetestReleaseComment() as unknown as Record<string, unknown>;
    await harness.send('issue_comment', delivery);
    await harness.waitFor(() => comments().length > 0);

    expect(harness.double.actions()).toEqual([
      {
        method: 'POST',
        path: COMMENTS_PATH,
        body: {
          body: replyTo(
            delivery,
            [
              'notifying the owners of `s3`:',
              '',
              '- @cy-s3: approver of area `s3` (`services/s3/OWNERS`)',
              '- @dee-s3: approver of area `s3` (`services/s3/OWNERS`)',
            ].join('\n'),
          ),
        },
      },
    ]);
    expect(pluginCalls(harness)).toEqual([
      'orgs/check-membership-for-user 204',
      'repos/get 200',
      'git/get-tree 200',
      ...OWNERS_BLOB_READS,
      'issues/create-comment 201',
    ]);
  });

  it('does not ping the same people again within the cool-down, and says so (OWNERS served from the cache)', async () => {
    await harness.send('issue_comment', comment('/notify-owners s3'));
    await harness.waitFor(() => comments().length === 1);
    harness.double.clearRequests();

    await harness.send('issue_comment', comment('/Notify-Owners S3 -- still red'));
    await harness.waitFor(() => comments().length === 1);
    const second = commentBody(comments()[0]);
    expect(second).toMatch(
      /^@ana-lambda: the owners of `s3` have already been notified on this issue\.\n\nNot pinged again, as they were notified here within the last day: `cy-s3` \(\d{4}-\d\d-\d\d \d\d:\d\d UTC\), `dee-s3` \(\d{4}-\d\d-\d\d \d\d:\d\d UTC\)\.\n\n<details>/,
    );
    expect(second).not.toMatch(/@cy-s3|@dee-s3/);
    expect(pluginCalls(harness)).toEqual(['orgs/check-membership-for-user 204', 'issues/create-comment 201']);
  });

  it("with no argument, notifies the areas of the issue's labels: OWNERS, an alias and a team from config", async () => {
    const payload = comment('/notify-owners -- the v1.7.3 release is blocked');
    await harness.send('issue_comment', payload);
    await harness.waitFor(() => comments().length > 0);
    expect(commentBody(comments()[0])).toBe(
      replyTo(
        payload,
        [
          'notifying the owners of `lambda`, `prow`:',
          '',
          '- @bo-lambda: approver of area `lambda` (`services/lambda/OWNERS`)',
          '- @lee-release: approver of area `lambda` (`.github/sheriff.yml` `areas.lambda.owners`, alias `release-oncall` of OWNERS_ALIASES)',
          '- @nia-oncall: approver of area `lambda` (`.github/sheriff.yml` `areas.lambda.owners`, alias `release-oncall` of OWNERS_ALIASES)',
          '- @pat-prow: approver of area `prow` (`.github/sheriff.yml` `areas.prow.owners`, team `example-ack/prow-oncall`)',
          '',
          '> the v1.7.3 release is blocked',
        ].join('\n'),
      ),
    );
    expect(pluginCalls(harness)).toEqual([
      'orgs/check-membership-for-user 204',
      'repos/get 200',
      'git/get-tree 200',
      ...OWNERS_BLOB_READS,
      'teams/list-members-in-org 200',
      'issues/create-comment 201',
    ]);
  });

  it('posts exactly one notification when the first post fails and is retried', async () => {
    harness.double.faults.add({ method: 'POST', route: COMMENTS_PATH, times: 1, respond: { status: 502 } });
    await harness.send('issue_comment', comment('/notify-owners s3'));
    await harness.waitFor(() =>
      harness.double.requests.some(
        (request) => request.operationId === 'issues/create-comment' && request.status === 201,
      ),
    );
    const posted = harness.double.comments(REPO, ISSUE);
    expect(posted).toHaveLength(1);
    expect(posted[0]!.body).toContain('- @cy-s3: approver of area `s3`');
  });

  it('refuses someone the access rule does not allow, naming the rule, without reading OWNERS', async () => {
    const payload = comment('/notify-owners s3', 'rea-der');
    await harness.send('issue_comment', payload);
    await harness.waitFor(() => comments().length > 0);
    expect(harness.double.actions()).toEqual([
      {
        method: 'POST',
        path: COMMENTS_PATH,
        body: {
          body: replyTo(
            payload,
            'only collaborators with triage or higher, or members of example-ack, may use /notify-owners.',
          ),
        },
      },
    ]);
    expect(pluginCalls(harness)).toEqual([
      'orgs/check-membership-for-user 404',
      'repos/get-collaborator-permission-level 200',
      'issues/create-comment 201',
    ]);
  });

  it('lets a triager in, and lists the known areas for an unknown one', async () => {
    const payload = comment('/notify-owners lamda', 'tri-ager');
    await harness.send('issue_comment', payload);
    await harness.waitFor(() => comments().length > 0);
    expect(commentBody(comments()[0])).toBe(
      replyTo(
        payload,
        '`lamda` is not a known area (a path needs a `/` or a `.`). Known areas: `ec2`, `iam`, `lambda`, `prow`, `rds`, `s3`.',
      ),
    );
    expect(harness.double.actions()).toHaveLength(1);
  });

  it('asks GitHub again after a push to the default branch: one conditional tree request, answered 304', async () => {
    await harness.send('issue_comment', comment('/notify-owners s3'));
    await harness.waitFor(() => comments().length === 1);
    const push = webhookExample<Record<string, any>>('push'); // eslint-disable-line @typescript-eslint/no-explicit-any
    push.ref = 'refs/heads/main';
    Object.assign(push.repository, { name: 'community', full_name: REPO, default_branch: 'main' });
    Object.assign(push.repository.owner, { login: 'example-ack', name: 'example-ack' });
    push.commits = [];
    delete push.installation;
    await harness.send('push', push);
    await harness.waitFor(() => harness.handled.some((event) => event.name === 'push'));
    harness.double.clearRequests();

    await harness.send('issue_comment', comment('/notify-owners rds'));
    await harness.waitFor(() => comments().length === 1);
    expect(pluginCalls(harness)).toEqual([
      'orgs/check-membership-for-user 204',
      'git/get-tree 304',
      'issues/create-comment 201',
    ]);
    expect(commentBody(comments()[0])).toContain(
      '- @eli-rds: approver of area `rds` (`services/rds/OWNERS`)',
    );
  });
});
