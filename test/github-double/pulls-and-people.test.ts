import { createGitHubDouble } from '../../src/github-double/index.js';
import { acmeWorld, inProcessOctokit, rejection, repo } from './support.js';

function setup() {
  const double = createGitHubDouble(acmeWorld());
  return { double, octokit: inProcessOctokit(double) };
}

describe('pull requests', () => {
  it('shows the head SHA, branches and changed files from the world', async () => {
    const { octokit } = setup();
    const { data } = await octokit.rest.pulls.get({ ...repo, pull_number: 7 });
    expect(data.head).toMatchObject({ sha: 'abc123', ref: 'pull-7' });
    expect(data.base.ref).toBe('main');
    const files = await octokit.rest.pulls.listFiles({ ...repo, pull_number: 7 });
    expect(files.data.map((file) => [file.filename, file.status])).toEqual([
      ['services/lambda/bundle.go', 'added'],
    ]);
  });

  it('lists the reviews seeded in the world, oldest first, on the head SHA', async () => {
    const world = acmeWorld();
    world.repos!['acme/widgets']!.issues![0]!.reviews = [
      { user: 'alice', state: 'CHANGES_REQUESTED', body: 'needs tests', submittedAt: '2025-05-14T09:00:00Z' },
      { user: 'alice', state: 'APPROVED', body: '', submittedAt: '2025-05-14T09:30:00Z' },
    ];
    const octokit = inProcessOctokit(createGitHubDouble(world));
    const { data } = await octokit.rest.pulls.listReviews({ ...repo, pull_number: 7 });
    expect(data.map((review) => [review.user?.login, review.state, review.commit_id])).toEqual([
      ['alice', 'CHANGES_REQUESTED', 'abc123'],
      ['alice', 'APPROVED', 'abc123'],
    ]);
    expect(data[1]!.html_url).toBe(`https://github.com/acme/widgets/pull/7#pullrequestreview-${data[1]!.id}`);
  });

  it('answers 404 for pulls/get on a plain issue', async () => {
    const { octokit } = setup();
    expect((await rejection(octokit.rest.pulls.get({ ...repo, pull_number: 8 }))).status).toBe(404);
  });

  it('requests reviewers only from collaborators other than the author', async () => {
    const { double, octokit } = setup();
    await octokit.rest.pulls.requestReviewers({ ...repo, pull_number: 7, reviewers: ['bob'] });
    expect(double.issue('acme/widgets', 7)?.pull?.requestedReviewers).toEqual(['bob']);
    const outsider = await rejection(
      octokit.rest.pulls.requestReviewers({ ...repo, pull_number: 7, reviewers: ['mallory'] }),
    );
    expect(outsider.status).toBe(422);
    const author = await rejection(
      octokit.rest.pulls.requestReviewers({ ...repo, pull_number: 7, reviewers: ['erin'] }),
    );
    expect(author.response?.data).toMatchObject({
      message: 'Review cannot be requested from pull request author.',
    });
    await octokit.rest.pulls.removeRequestedReviewers({ ...repo, pull_number: 7, reviewers: ['bob'] });
    const { data } = await octokit.rest.pulls.listRequestedReviewers({ ...repo, pull_number: 7 });
    expect(data.users).toEqual([]);
  });

  it('merges once, checking the head SHA', async () => {
    const { double, octokit } = setup();
    const stale = await rejection(octokit.rest.pulls.merge({ ...repo, pull_number: 7, sha: 'def456' }));
    expect(stale.status).toBe(409);
    const merged = await octokit.rest.pulls.merge({ ...repo, pull_number: 7, sha: 'abc123' });
    expect(merged.data).toMatchObject({ merged: true, message: 'Pull Request successfully merged' });
    expect(double.issue('acme/widgets', 7)).toMatchObject({ state: 'closed', pull: { merged: true } });
    await expect(octokit.rest.pulls.checkIfMerged({ ...repo, pull_number: 7 })).resolves.toMatchObject({
      status: 204,
    });
    expect((await rejection(octokit.rest.pulls.merge({ ...repo, pull_number: 7 }))).status).toBe(405);
  });
});

describe('collaborators', () => {
  it('reports role_name and the legacy permission (maintain -> write, triage -> read)', async () => {
    const world = acmeWorld();
    world.repos!['acme/widgets']!.permissions = { alice: 'maintain', carol: 'triage' };
    const octokit = inProcessOctokit(createGitHubDouble(world));
    const alice = await octokit.rest.repos.getCollaboratorPermissionLevel({ ...repo, username: 'alice' });
    const carol = await octokit.rest.repos.getCollaboratorPermissionLevel({ ...repo, username: 'carol' });
    const dave = await octokit.rest.repos.getCollaboratorPermissionLevel({ ...repo, username: 'dave' });
    expect([alice.data.permission, alice.data.role_name]).toEqual(['write', 'maintain']);
    expect([carol.data.permission, carol.data.role_name]).toEqual(['read', 'triage']);
    expect(dave.data.permission).toBe('none');
  });

  it('adds and removes collaborators', async () => {
    const { octokit } = setup();
    const invited = await octokit.rest.repos.addCollaborator({
      ...repo,
      username: 'dave',
      permission: 'triage',
    });
    expect(invited.status).toBe(201);
    expect((await octokit.rest.repos.checkCollaborator({ ...repo, username: 'dave' })).status).toBe(204);
    const again = await octokit.rest.repos.addCollaborator({ ...repo, username: 'dave', permission: 'push' });
    expect(again.status).toBe(204);
    await octokit.rest.repos.removeCollaborator({ ...repo, username: 'dave' });
    expect(
      (await rejection(octokit.rest.repos.checkCollaborator({ ...repo, username: 'dave' }))).status,
    ).toBe(404);
    const { data } = await octokit.rest.repos.listCollaborators({ ...repo, permission: 'push' });
    expect(data.map((user) => user.login)).toEqual(['alice', 'bob']);
  });
});

describe('organizations and teams', () => {
  it('answers membership checks from the world', async () => {
    const { octokit } = setup();
    expect((await octokit.rest.orgs.checkMembershipForUser({ org: 'acme', username: 'Bob' })).status).toBe(
      204,
    );
    expect(
      (await rejection(octokit.rest.orgs.checkMembershipForUser({ org: 'acme', username: 'erin' }))).status,
    ).toBe(404);
    const membership = await octokit.rest.orgs.getMembershipForUser({ org: 'acme', username: 'alice' });
    expect(membership.data).toMatchObject({ state: 'active', role: 'member' });
  });

  it('lists teams and their members', async () => {
    const { octokit } = setup();
    const teams = await octokit.rest.teams.list({ org: 'acme' });
    expect(teams.data.map((team) => team.slug)).toEqual(['core']);
    const members = await octokit.rest.teams.listMembersInOrg({ org: 'acme', team_slug: 'core' });
    expect(members.data.map((user) => user.login)).toEqual(['alice']);
    const team = await octokit.rest.teams.getByName({ org: 'acme', team_slug: 'core' });
    expect(team.data.members_count).toBe(1);
    const bob = await rejection(
      octokit.rest.teams.getMembershipForUserInOrg({ org: 'acme', team_slug: 'core', username: 'bob' }),
    );
    expect(bob.status).toBe(404);
  });

  it('types organizations and bots', async () => {
    const { octokit } = setup();
    const { data } = await octokit.rest.repos.get({ ...repo });
    expect(data.owner.type).toBe('Organization');
    expect(data.default_branch).toBe('main');
  });
});
