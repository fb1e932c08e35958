import { createGitHubDouble } from '../../src/github-double/index.js';
import { stableId } from '../../src/github-double/identity.js';
import { acmeWorld, inProcessOctokit, rejection, repo } from './support.js';

describe('installations', () => {
  it('derives one installation per owning account, with a stable id', async () => {
    const world = acmeWorld();
    world.repos!['erin/dotfiles'] = {};
    const octokit = inProcessOctokit(createGitHubDouble(world));
    const { data } = await octokit.rest.apps.listInstallations();
    expect(data.map((installation) => [installation.account?.login, installation.id])).toEqual([
      ['acme', stableId('installation', 'acme')],
      ['erin', stableId('installation', 'erin')],
    ]);
    const forRepo = await octokit.rest.apps.getRepoInstallation({ ...repo });
    expect(forRepo.data).toMatchObject({
      id: stableId('installation', 'acme'),
      app_slug: 'sheriff',
      target_type: 'Organization',
    });
  });

  it('uses the installations and app the world declares', async () => {
    const double = createGitHubDouble(
      acmeWorld({
        app: { slug: 'prow-sheriff', id: 77 },
        installations: [{ id: 5, account: 'acme', repositories: ['acme/widgets'] }],
      }),
    );
    const octokit = inProcessOctokit(double);
    const installation = await octokit.rest.apps.getRepoInstallation({ ...repo });
    expect(installation.data).toMatchObject({ id: 5, app_id: 77, repository_selection: 'selected' });
    const app = await octokit.rest.apps.getAuthenticated();
    expect(app.data?.slug).toBe('prow-sheriff');
    const comment = await octokit.rest.issues.createComment({ ...repo, issue_number: 8, body: 'hi' });
    expect(comment.data.user?.login).toBe('prow-sheriff[bot]');
  });

  it('mints installation tokens that expire an hour later by the world clock', async () => {
    const double = createGitHubDouble(acmeWorld());
    const octokit = inProcessOctokit(double);
    const id = stableId('installation', 'acme');
    const { data } = await octokit.rest.apps.createInstallationAccessToken({ installation_id: id });
    expect(data.token).toMatch(/^ghs_[0-9a-f]{36}$/);
    expect(data.expires_at).toBe('2025-05-14T11:00:00Z');
    expect(double.state.tokens.get(data.token)?.installationId).toBe(id);
    expect(
      (await rejection(octokit.rest.apps.createInstallationAccessToken({ installation_id: 1 }))).status,
    ).toBe(404);
  });

  it('keeps token minting out of the actions unless asked', async () => {
    const double = createGitHubDouble(acmeWorld());
    const octokit = inProcessOctokit(double);
    await octokit.rest.apps.createInstallationAccessToken({
      installation_id: stableId('installation', 'acme'),
    });
    await octokit.rest.issues.addLabels({ ...repo, issue_number: 7, labels: ['lgtm'] });
    expect(double.actions()).toEqual([
      { method: 'POST', path: '/repos/acme/widgets/issues/7/labels', body: { labels: ['lgtm'] } },
    ]);
    expect(double.actions({ includeAuth: true })).toHaveLength(2);
  });
});

describe('webhook deliveries', () => {
  function setup() {
    const double = createGitHubDouble(
      acmeWorld({
        hookDeliveries: [
          {
            id: 1,
            guid: 'aaa',
            event: 'status',
            statusCode: 502,
            status: 'Bad Gateway',
            repository: 'acme/widgets',
          },
          { id: 2, guid: 'bbb', event: 'issue_comment', action: 'created' },
        ],
      }),
    );
    double.addHookDeliveries([{ id: 3, guid: 'ccc', event: 'workflow_run', action: 'completed' }]);
    return { double, octokit: inProcessOctokit(double) };
  }

  it('lists deliveries newest first with cursor pagination', async () => {
    const { octokit } = setup();
    const all = await octokit.paginate(octokit.rest.apps.listWebhookDeliveries, { per_page: 2 });
    expect(all.map((delivery) => delivery.guid)).toEqual(['ccc', 'bbb', 'aaa']);
  });

  it('records redelivery requests and logs the new attempt with the same guid', async () => {
    const { double, octokit } = setup();
    const response = await octokit.rest.apps.redeliverWebhookDelivery({ delivery_id: 1 });
    expect(response.status).toBe(202);
    expect(double.redeliveries()).toMatchObject([{ deliveryId: 1, guid: 'aaa' }]);
    const newest = double.hookDeliveries().at(-1)!;
    expect(newest).toMatchObject({ guid: 'aaa', redelivery: true, statusCode: 200 });
    expect(newest.repositoryId).toBe(double.hookDeliveries()[0]!.repositoryId);
    expect((await rejection(octokit.rest.apps.redeliverWebhookDelivery({ delivery_id: 99 }))).status).toBe(
      404,
    );
  });
});
