import { createGitHubDouble } from '../../src/github-double/index.js';
import { acmeWorld, inProcessOctokit, rejection, repo } from './support.js';

function setup() {
  const double = createGitHubDouble(acmeWorld());
  return { double, octokit: inProcessOctokit(double) };
}

describe('issues', () => {
  it('shares one number sequence between issues and pull requests', async () => {
    const { octokit } = setup();
    const { data } = await octokit.rest.issues.create({ ...repo, title: 'Tracking: release failed' });
    expect(data.number).toBe(9);
    expect(data.user?.login).toBe('sheriff[bot]');
    expect(data.user?.type).toBe('Bot');
    expect(data.created_at).toBe('2025-05-14T10:00:00Z');
  });

  it('marks pull requests with the pull_request key in the issues API', async () => {
    const { octokit } = setup();
    const pull = await octokit.rest.issues.get({ ...repo, issue_number: 7 });
    const issue = await octokit.rest.issues.get({ ...repo, issue_number: 8 });
    expect(pull.data.pull_request?.url).toMatch(/\/repos\/acme\/widgets\/pulls\/7$/);
    expect(issue.data.pull_request).toBeUndefined();
    expect(issue.data.html_url).toBe('https://github.com/acme/widgets/issues/8');
  });

  it('computes author_association from org membership and permissions', async () => {
    const { octokit } = setup();
    const byMember = await octokit.rest.issues.get({ ...repo, issue_number: 8 });
    const byOutsider = await octokit.rest.issues.get({ ...repo, issue_number: 7 });
    expect(byMember.data.author_association).toBe('MEMBER');
    expect(byOutsider.data.author_association).toBe('NONE');
  });

  it('closes with a state reason and reopens', async () => {
    const { double, octokit } = setup();
    double.setClock('2025-05-15T08:00:00Z');
    const closed = await octokit.rest.issues.update({
      ...repo,
      issue_number: 8,
      state: 'closed',
      state_reason: 'not_planned',
    });
    expect(closed.data).toMatchObject({
      state: 'closed',
      state_reason: 'not_planned',
      closed_at: '2025-05-15T08:00:00Z',
    });
    expect(closed.data.closed_by?.login).toBe('sheriff[bot]');
    const reopened = await octokit.rest.issues.update({ ...repo, issue_number: 8, state: 'open' });
    expect(reopened.data).toMatchObject({ state: 'open', state_reason: 'reopened', closed_at: null });
  });

  it('refuses to create an issue assigned to someone who cannot be assigned', async () => {
    const { double, octokit } = setup();
    const error = await rejection(
      octokit.rest.issues.create({ ...repo, title: 't', assignees: ['mallory'] }),
    );
    expect(error.status).toBe(422);
    expect(error.response?.data).toMatchObject({
      message: 'Validation Failed',
      errors: [{ field: 'assignees' }],
    });
    expect(double.issue('acme/widgets', 9)).toBeUndefined();
  });

  it('locks and unlocks', async () => {
    const { double, octokit } = setup();
    await octokit.rest.issues.lock({ ...repo, issue_number: 8, lock_reason: 'resolved' });
    expect(double.issue('acme/widgets', 8)).toMatchObject({ locked: true, activeLockReason: 'resolved' });
    await octokit.rest.issues.unlock({ ...repo, issue_number: 8 });
    expect(double.issue('acme/widgets', 8)).toMatchObject({ locked: false, activeLockReason: null });
  });

  it('filters the repository list by state and labels, newest first', async () => {
    const { octokit } = setup();
    await octokit.rest.issues.update({ ...repo, issue_number: 7, state: 'closed' });
    const open = await octokit.rest.issues.listForRepo({ ...repo });
    const all = await octokit.rest.issues.listForRepo({ ...repo, state: 'all' });
    const labelled = await octokit.rest.issues.listForRepo({ ...repo, labels: 'LGTM' });
    expect(open.data.map((issue) => issue.number)).toEqual([8]);
    expect(all.data.map((issue) => issue.number)).toEqual([8, 7]);
    expect(labelled.data.map((issue) => issue.number)).toEqual([8]);
  });

  it('answers 404 for an issue that does not exist', async () => {
    const { octokit } = setup();
    const error = await rejection(octokit.rest.issues.get({ ...repo, issue_number: 99 }));
    expect(error.status).toBe(404);
    expect(error.response?.data).toMatchObject({ message: 'Not Found', status: '404' });
  });
});

describe('labels', () => {
  it('adds labels, creating the ones the repository lacks, case-insensitively', async () => {
    const { double, octokit } = setup();
    const { data } = await octokit.rest.issues.addLabels({
      ...repo,
      issue_number: 7,
      labels: ['LGTM', 'kind/bug'],
    });
    expect(data.map((label) => label.name)).toEqual(['lgtm', 'kind/bug']);
    expect(double.labels('acme/widgets').map((label) => label.name)).toContain('kind/bug');
  });

  it('removes one label and answers 404 when it is not on the issue', async () => {
    const { double, octokit } = setup();
    await octokit.rest.issues.removeLabel({ ...repo, issue_number: 8, name: 'lgtm' });
    expect(double.issue('acme/widgets', 8)?.labels).toEqual([]);
    const error = await rejection(
      octokit.rest.issues.removeLabel({ ...repo, issue_number: 8, name: 'lgtm' }),
    );
    expect(error.status).toBe(404);
    expect(error.response?.data).toMatchObject({ message: 'Label does not exist' });
  });

  it('replaces and clears all labels', async () => {
    const { double, octokit } = setup();
    await octokit.rest.issues.setLabels({ ...repo, issue_number: 8, labels: ['approved'] });
    expect(double.issue('acme/widgets', 8)?.labels).toEqual(['approved']);
    await octokit.rest.issues.removeAllLabels({ ...repo, issue_number: 8 });
    expect(double.issue('acme/widgets', 8)?.labels).toEqual([]);
  });

  it('renames a label everywhere it is used and refuses duplicates', async () => {
    const { double, octokit } = setup();
    await octokit.rest.issues.updateLabel({ ...repo, name: 'lgtm', new_name: 'looks-good' });
    expect(double.issue('acme/widgets', 8)?.labels).toEqual(['looks-good']);
    const error = await rejection(
      octokit.rest.issues.createLabel({ ...repo, name: 'Approved', color: 'ededed' }),
    );
    expect(error.status).toBe(422);
    expect(error.response?.data).toMatchObject({ errors: [{ resource: 'Label', code: 'already_exists' }] });
  });

  it('removes a deleted label from every issue', async () => {
    const { double, octokit } = setup();
    await octokit.rest.issues.deleteLabel({ ...repo, name: 'lgtm' });
    expect(double.issue('acme/widgets', 8)?.labels).toEqual([]);
  });
});

describe('comments', () => {
  it('creates, edits and deletes comments as the App', async () => {
    const { double, octokit } = setup();
    const created = await octokit.rest.issues.createComment({
      ...repo,
      issue_number: 8,
      body: '/retest-release',
    });
    expect(created.data.user?.login).toBe('sheriff[bot]');
    expect(created.data.html_url).toBe(
      `https://github.com/acme/widgets/issues/8#issuecomment-${created.data.id}`,
    );
    await octokit.rest.issues.updateComment({ ...repo, comment_id: created.data.id, body: 'edited' });
    expect(double.comments('acme/widgets', 8).map((comment) => comment.body)).toEqual(['edited']);
    const issue = await octokit.rest.issues.get({ ...repo, issue_number: 8 });
    expect(issue.data.comments).toBe(1);
    await octokit.rest.issues.deleteComment({ ...repo, comment_id: created.data.id });
    expect(double.comments('acme/widgets', 8)).toEqual([]);
  });

  it('lists comments seeded by the world with their authors', async () => {
    const world = acmeWorld();
    world.repos!['acme/widgets']!.issues![1]!.comments = [{ user: 'alice', body: '/lgtm' }];
    const double = createGitHubDouble(world);
    const { data } = await inProcessOctokit(double).rest.issues.listComments({ ...repo, issue_number: 8 });
    expect(data.map((comment) => [comment.user?.login, comment.body, comment.author_association])).toEqual([
      ['alice', '/lgtm', 'MEMBER'],
    ]);
  });
});

describe('assignees', () => {
  it('adds assignable users and silently skips the others, as GitHub does', async () => {
    const { double, octokit } = setup();
    await octokit.rest.issues.addAssignees({ ...repo, issue_number: 8, assignees: ['alice', 'mallory'] });
    expect(double.issue('acme/widgets', 8)?.assignees).toEqual(['alice']);
    await octokit.rest.issues.removeAssignees({ ...repo, issue_number: 8, assignees: ['ALICE'] });
    expect(double.issue('acme/widgets', 8)?.assignees).toEqual([]);
  });

  it('tells who can be assigned', async () => {
    const { octokit } = setup();
    await expect(
      octokit.rest.issues.checkUserCanBeAssigned({ ...repo, assignee: 'carol' }),
    ).resolves.toMatchObject({
      status: 204,
    });
    expect(
      (await rejection(octokit.rest.issues.checkUserCanBeAssigned({ ...repo, assignee: 'mallory' }))).status,
    ).toBe(404);
  });
});
