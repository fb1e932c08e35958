import { decideMergeChecks, decideMergeLabels } from '../../../plugins/merge/decide-merge.js';
import { mergeConfigSchema } from '../../../plugins/merge/merge-config.js';

const config = mergeConfigSchema.parse({});
const open = { state: 'open', draft: false, merged: false };

describe('decideMergeLabels (Tide labels)', () => {
  it.each([
    [['lgtm', 'approved'], true, undefined],
    [['approved', 'lgtm', 'kind/bug'], true, undefined],
    [['lgtm'], false, 'Needs approved label.'],
    [[], false, 'Needs lgtm, approved labels.'],
    [['lgtm', 'approved', 'do-not-merge/hold'], false, 'Should not have do-not-merge/hold label.'],
    [
      ['lgtm', 'approved', 'do-not-merge/work-in-progress'],
      false,
      'Should not have do-not-merge/work-in-progress label.',
    ],
    [['lgtm', 'approved', 'do-not-merge'], false, 'Should not have do-not-merge label.'],
    [['lgtm', 'approved', 'needs-rebase'], false, 'Should not have needs-rebase label.'],
  ])('%j: merge=%s', (labels, merge, reason) => {
    expect(decideMergeLabels({ ...open, labels }, config)).toEqual(merge ? { merge } : { merge, reason });
  });

  it('never merges a closed, merged or draft PR', () => {
    const labels = ['lgtm', 'approved'];
    expect(decideMergeLabels({ ...open, labels, state: 'closed' }, config).merge).toBe(false);
    expect(decideMergeLabels({ ...open, labels, merged: true }, config).merge).toBe(false);
    expect(decideMergeLabels({ ...open, labels, draft: true }, config)).toEqual({
      merge: false,
      reason: 'Is a draft.',
    });
  });
});

describe('decideMergeChecks (required checks green)', () => {
  it.each([
    ['all reported checks passed', [{ name: 'ci', state: 'success' }], [], true],
    ['no check reported and none required', [], [], true],
    ['a pending check', [{ name: 'ci', state: 'pending' }], [], 'Not mergeable. Check ci is pending.'],
    ['a failed check', [{ name: 'lint', state: 'failure' }], [], 'Not mergeable. Check lint has failed.'],
    [
      'a failed optional check when required ones are named',
      [
        { name: 'ci', state: 'success' },
        { name: 'lint', state: 'failure' },
      ],
      ['ci'],
      true,
    ],
    [
      'a required check that never reported',
      [{ name: 'lint', state: 'success' }],
      ['ci'],
      'Not mergeable. Check ci has not reported.',
    ],
  ] as const)('%s', (_, checks, required, expected) => {
    const verdict = decideMergeChecks({ mergeable: true }, checks, required);
    expect(verdict).toEqual(expected === true ? { merge: true } : { merge: false, reason: expected });
  });

  it('waits on conflicts', () => {
    expect(decideMergeChecks({ mergeable: false }, [], [])).toEqual({
      merge: false,
      reason: 'Not mergeable. It has conflicts.',
    });
  });
});

describe('the merge config', () => {
  it('is off unless turned on, and merges with a merge commit by default', () => {
    expect(config).toMatchObject({ enabled: false, method: 'merge' });
    expect(() => mergeConfigSchema.parse({ method: 'fast-forward' })).toThrow();
  });
});
