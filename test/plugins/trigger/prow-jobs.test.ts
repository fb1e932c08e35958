import { presubmitSchema } from '../../../plugins/trigger/presubmit-config.js';
import { isCrierStatus, readProwJobs, type HeadStatus } from '../../../plugins/trigger/prow-jobs.js';

const BASE = '0123456789abcdef0123456789abcdef01234567';
/** crier's description (prow.md section 7): padded with U+2001, then the base SHA. */
const crier = (text: string) => `${text.padEnd(140, '\u2001')} BaseSHA:${BASE}`;
const status = (context: string, state: string, description: string | null = crier('Job failed.')) =>
  ({ context, state, description }) satisfies HeadStatus;

describe('which statuses are Prow jobs (prow.md section 7)', () => {
  it.each([
    ['crier, BaseSHA suffix', status('pull-widgets-unit', 'failure'), true],
    [
      'older crier, Basesha suffix',
      status('pull-widgets-unit', 'failure', `Job failed. Basesha:${BASE}`),
      true,
    ],
    ['another CI, no suffix', status('codecov/patch', 'failure', '60% of diff hit'), false],
    ['no description', status('ci/jenkins', 'failure', null), false],
    ["Tide's own status", status('tide', 'pending', crier('Not mergeable.')), false],
    ['a short SHA is not crier', status('pull-x', 'failure', 'Job failed. BaseSHA:0123abc'), false],
  ])('%s: %s', (_, headStatus, expected) => {
    expect(isCrierStatus(headStatus)).toBe(expected);
  });
});

describe('readProwJobs', () => {
  const presubmits = [
    { name: 'pull-unit', alwaysRun: true },
    { name: 'pull-docs', runIfChanged: '^docs/' },
    { name: 'pull-go', skipIfOnlyChanged: '\\.md$' },
    { name: 'pull-slow' },
    { name: 'pull-bench', optional: true },
    { name: 'pull-ctx', context: 'ci/prow/ctx', alwaysRun: true },
  ].map((job) => presubmitSchema.parse(job));
  const statuses = [
    status('pull-unit', 'failure'),
    status('ci/prow/ctx', 'error'),
    status('pull-seen', 'pending', crier('Job triggered.')),
    status('codecov/patch', 'failure', 'no suffix'),
  ];
  const read = (changedFiles: string[] | undefined, requiredChecks: string[] = []) =>
    readProwJobs({ presubmits, statuses, changedFiles, requiredChecks });
  const row = (changedFiles: string[] | undefined, requiredChecks: string[] = []) =>
    read(changedFiles, requiredChecks).map(
      (job) =>
        `${job.name}@${job.context}: ${job.state ?? '-'}${job.required ? ' required' : ''}${job.autoRuns ? ' auto' : ''}${job.manual ? ' manual' : ''}`,
    );

  it('lists listed presubmits with their statuses, then other crier statuses by context', () => {
    expect(row(['docs/a.md'])).toEqual([
      'pull-bench@pull-bench: - manual',
      'pull-ctx@ci/prow/ctx: error required auto',
      'pull-docs@pull-docs: - required auto',
      'pull-go@pull-go: - required',
      'pull-seen@pull-seen: pending required auto',
      'pull-slow@pull-slow: - required manual',
      'pull-unit@pull-unit: failure required auto',
    ]);
  });

  it.each([
    [['src/a.go'], ['pull-ctx', 'pull-go', 'pull-seen', 'pull-unit']],
    [
      ['docs/a.md', 'README.md'],
      ['pull-ctx', 'pull-docs', 'pull-seen', 'pull-unit'],
    ],
    [[], ['pull-ctx', 'pull-seen', 'pull-unit']],
    [undefined, ['pull-ctx', 'pull-seen', 'pull-unit']],
  ])('changed files %j: auto-run %j', (files, expected) => {
    expect(
      read(files)
        .filter((job) => job.autoRuns)
        .map((job) => job.name),
    ).toEqual(expected);
  });

  it('a job seen only by its status is required as requiredChecks says', () => {
    expect(read(undefined, ['pull-unit']).find((job) => job.name === 'pull-seen')?.required).toBe(false);
  });
});

describe('presubmits in config', () => {
  it.each([
    [{ name: 'pull unit' }, "must be a Prow job name (letters, digits, '-', '.', '_')"],
    [{ name: 'pull-unit', runIfChanged: '(' }, 'must be a valid regular expression'],
    [{ name: 'pull-unit', alwaysRun: true, runIfChanged: 'x' }, 'alwaysRun cannot be combined'],
    [{ name: 'pull-unit', runIfChanged: 'x', skipIfOnlyChanged: 'y' }, 'cannot both be set'],
    [{ name: 'pull-unit', always_run: true }, 'Unrecognized key'],
  ])('%j is refused: %s', (input, message) => {
    const result = presubmitSchema.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((issue) => issue.message).join('; ')).toContain(message);
  });
});
