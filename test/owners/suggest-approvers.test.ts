import { checkApprovals, suggestApprovers } from '../../src/owners/suggest-approvers.js';
import { indexOwners } from './owners-builders.js';

const index = indexOwners({
  '': { approvers: ['root-a'] },
  docs: { approvers: ['carol'] },
  pkg: { approvers: ['pam', 'pete'] },
  'pkg/a': { approvers: ['ann'] },
  iam: { options: { no_parent_owners: true }, approvers: ['ivy'] },
  vendor: { options: { auto_approve_unowned_subfolders: true }, approvers: ['vic'] },
  mixed: { filters: { '.*': { approvers: ['mia'] }, '\\.md$': { approvers: ['mo'] } } },
});

function unapproved(changedFiles: string[], approvals: string[]): readonly string[] {
  return checkApprovals(index, { changedFiles, approvals }).unapprovedOwnersFiles;
}

describe('checkApprovals', () => {
  it('needs one approval per nearest OWNERS with approvers', () => {
    const state = checkApprovals(index, { changedFiles: ['docs/guide.md', 'pkg/main.go'], approvals: [] });
    expect(state.ownersFiles.map((unit) => unit.ownersFile)).toEqual(['docs/OWNERS', 'pkg/OWNERS']);
    expect(state.unapprovedOwnersFiles).toEqual(['docs/OWNERS', 'pkg/OWNERS']);
    expect(state.filesApproved).toBe(false);
  });

  it('counts a leaf approver only for their own OWNERS file', () => {
    expect(unapproved(['docs/guide.md', 'pkg/main.go'], ['carol'])).toEqual(['pkg/OWNERS']);
  });

  it('lets an inherited (root) approver approve every unit not cut off by no_parent_owners', () => {
    expect(unapproved(['docs/guide.md', 'pkg/main.go', 'iam/role.go'], ['root-a'])).toEqual(['iam/OWNERS']);
  });

  it('folds the case of approvals', () => {
    expect(checkApprovals(index, { changedFiles: ['pkg/main.go'], approvals: ['PAM'] }).filesApproved).toBe(
      true,
    );
  });

  it('does not count approvals from people outside the OWNERS', () => {
    expect(unapproved(['docs/guide.md'], ['mallory'])).toEqual(['docs/OWNERS']);
  });

  it('lets one approval of pkg/ cover a change in pkg/a/ too (removeSubdirs)', () => {
    const state = checkApprovals(index, { changedFiles: ['pkg/a/x.go', 'pkg/main.go'], approvals: ['pete'] });
    expect(state.ownersFiles).toEqual([
      {
        ownersDir: 'pkg',
        ownersFile: 'pkg/OWNERS',
        approved: true,
        approvedBy: ['pete'],
        // Prow's GetApprovers only looks at files whose own unit needs approval.
        approvers: ['pam', 'pete', 'root-a'],
        files: ['pkg/a/x.go', 'pkg/main.go'],
      },
    ]);
    expect(state.filesApproved).toBe(true);
  });

  it('keeps a no_parent_owners directory as its own unit even below another unit', () => {
    expect(unapproved(['README.md', 'iam/role.go'], ['root-a'])).toEqual(['iam/OWNERS']);
  });

  it('needs the root approval when a root file changes, which then covers the rest', () => {
    expect(unapproved(['README.md', 'docs/guide.md'], ['carol'])).toEqual(['OWNERS']);
    expect(unapproved(['README.md', 'docs/guide.md'], ['root-a'])).toEqual([]);
  });

  it('auto-approves files in subfolders without their own OWNERS (auto_approve_unowned_subfolders)', () => {
    const onlySubfolder = checkApprovals(index, { changedFiles: ['vendor/lib/x.go'], approvals: [] });
    expect(onlySubfolder).toMatchObject({
      ownersFiles: [],
      autoApprovedFiles: ['vendor/lib/x.go'],
      filesApproved: true,
    });
    expect(unapproved(['vendor/lib/x.go', 'vendor/go.mod'], [])).toEqual(['vendor/OWNERS']);
  });

  it('checks each file against its own approvers, so filters can leave a unit half approved', () => {
    const state = checkApprovals(index, { changedFiles: ['mixed/a.md', 'mixed/b.go'], approvals: ['mo'] });
    expect(state.ownersFiles[0]).toMatchObject({
      ownersFile: 'mixed/OWNERS',
      approved: false,
      approvedBy: ['mo'],
    });
    expect(unapproved(['mixed/a.md', 'mixed/b.go'], ['mia'])).toEqual([]);
  });

  it('never approves a pull request without changed files', () => {
    expect(checkApprovals(index, { changedFiles: [], approvals: ['root-a'] }).filesApproved).toBe(false);
  });
});

describe('suggestApprovers', () => {
  it('finds the smallest cover: one person for several units beats one per unit', () => {
    const tree = indexOwners({
      u1: { approvers: ['ann', 'bob'] },
      u2: { approvers: ['ann', 'bob'] },
      u3: { approvers: ['ann', 'bob'] },
      u4: { approvers: ['ann'] },
      u5: { approvers: ['bob', 'cat'] },
      u6: { approvers: ['cat'] },
    });
    const changedFiles = ['u1/f', 'u2/f', 'u3/f', 'u4/f', 'u5/f', 'u6/f'];
    // Prow's findMostCoveringApprover would add bob before cat here (three people).
    expect(suggestApprovers(tree, { changedFiles }).approvers).toEqual(['ann', 'cat']);
  });

  it('suggests leaf approvers, not the root approvers who inherit everything', () => {
    expect(suggestApprovers(index, { changedFiles: ['docs/guide.md', 'pkg/main.go'] })).toEqual({
      approvers: ['carol', 'pam'],
      assigned: [],
      toAssign: ['carol', 'pam'],
    });
  });

  it('breaks ties alphabetically without a seed, and the same way for the same seed', () => {
    const changedFiles = ['pkg/main.go'];
    expect(suggestApprovers(index, { changedFiles }).approvers).toEqual(['pam']);
    const bySeed = Array.from(
      { length: 20 },
      (_, seed) => suggestApprovers(index, { changedFiles, seed }).approvers,
    );
    expect(new Set(bySeed.map((chosen) => chosen.join()))).toEqual(new Set(['pam', 'pete']));
    expect(suggestApprovers(index, { changedFiles, seed: 7 })).toEqual(
      suggestApprovers(index, { changedFiles, seed: 7 }),
    );
  });

  it('asks nobody for units already approved', () => {
    expect(
      suggestApprovers(index, { changedFiles: ['docs/guide.md', 'pkg/main.go'], approvals: ['carol'] })
        .approvers,
    ).toEqual(['pam']);
    expect(
      suggestApprovers(index, { changedFiles: ['pkg/main.go'], approvals: ['root-a'] }).approvers,
    ).toEqual([]);
  });

  it('keeps an assignee who can approve everything instead of suggesting more people', () => {
    expect(
      suggestApprovers(index, { changedFiles: ['docs/guide.md', 'pkg/main.go'], assignees: ['Root-A'] }),
    ).toEqual({ approvers: ['root-a'], assigned: ['root-a'], toAssign: [] });
  });

  it('splits the suggestion into assigned and to-assign', () => {
    const suggestion = suggestApprovers(index, {
      changedFiles: ['docs/guide.md', 'pkg/main.go'],
      assignees: ['carol'],
    });
    expect(suggestion).toEqual({ approvers: ['carol', 'pam'], assigned: ['carol'], toAssign: ['pam'] });
  });

  it('suggests nobody when no OWNERS names an approver', () => {
    expect(suggestApprovers(indexOwners({}), { changedFiles: ['a.go'] }).approvers).toEqual([]);
  });
});
