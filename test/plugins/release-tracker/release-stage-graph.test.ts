import {
  findBlockingFailure,
  locateStage,
  renderStageChain,
  stageGraphProblems,
  type EpisodeCandidate,
  type StageSpec,
} from '../../../plugins/release-tracker/release-stage-graph.js';
import { releaseTrackerConfigSchema } from '../../../plugins/release-tracker/release-tracker-config.js';
import { ACK_STAGES } from './tracker-builders.js';

const SHA = 'c342365ab4634a382d40dd2532411d2f9e2a42b8';
const REPO = 'example-ack/lambda-controller';
const issue = (number: number) => ({ repository: 'example-ack/community', number });

/** Another job's open episode in the same repository. */
function episode(job: string, overrides: Partial<EpisodeCandidate> = {}): EpisodeCandidate {
  return {
    key: `${REPO}/${job}`,
    job,
    stageText: null,
    sha: SHA,
    ref: 'v1.7.3',
    issue: issue(7),
    ...overrides,
  };
}

describe('release stages', () => {
  describe('locateStage: which stage a failing job is in', () => {
    it.each<[string, string | null, { name: string; exact: boolean } | null]>([
      ['lambda-controller-release-tag', null, { name: 'git-tag', exact: true }],
      // One job, three stages, nothing says which failed: its earliest, flagged as a guess.
      ['post-lambda-controller-release', null, { name: 'image-build', exact: false }],
      ['update-ack-chart', null, { name: 'umbrella-chart', exact: true }],
      ['lambda-controller-olm-bundle-pr', null, { name: 'olm-bundle', exact: true }],
      ['docs-release', null, null],
      // An Actions stage names its failing workflow job and step.
      [
        'release',
        'publish (lambda, helm-chart) › Push Helm chart to oci://public.ecr.aws/example-ack',
        { name: 'helm-publish', exact: true },
      ],
      ['release', 'publish (lambda, image) › Push image', { name: 'image-push', exact: true }],
      ['release', 'publish (lambda, image) › Build image', { name: 'image-build', exact: false }],
    ])('%s (step %s) is in %j', (job, step, expected) => {
      expect(locateStage(ACK_STAGES, job, step)).toEqual(expected);
    });
  });

  describe('findBlockingFailure: the fold rule', () => {
    const downstream = {
      key: `${REPO}/update-ack-chart`,
      job: 'update-ack-chart',
      stageText: null,
      sha: SHA,
      ref: 'v1.7.3',
    };

    it.each<[string, EpisodeCandidate[], string | null]>([
      [
        'the release job failing on the same commit blocks the chart bump',
        [episode('post-lambda-controller-release')],
        'image-build',
      ],
      [
        'the same tag on another commit (a re-tag) still blocks',
        [episode('post-lambda-controller-release', { sha: 'f'.repeat(40) })],
        'image-build',
      ],
      [
        'another commit and ref does not',
        [episode('post-lambda-controller-release', { sha: 'f'.repeat(40), ref: 'v1.7.2' })],
        null,
      ],
      [
        'a sibling stage (OLM bundle) does not: it is not upstream',
        [episode('lambda-controller-olm-bundle-pr')],
        null,
      ],
      ['a job outside the graph does not', [episode('pull-lambda-unit')], null],
      ['the tag job, further upstream, does', [episode('lambda-controller-release-tag')], 'git-tag'],
    ])('%s', (_name, candidates, stage) => {
      expect(findBlockingFailure(ACK_STAGES, downstream, candidates)?.stage ?? null).toBe(stage);
    });

    it('never folds a job into itself, nor an upstream job into a downstream one', () => {
      const release = {
        ...downstream,
        key: `${REPO}/post-lambda-controller-release`,
        job: 'post-lambda-controller-release',
      };
      expect(
        findBlockingFailure(ACK_STAGES, release, [episode('post-lambda-controller-release')]),
      ).toBeNull();
      expect(findBlockingFailure(ACK_STAGES, release, [episode('update-ack-chart')])).toBeNull();
    });
  });

  describe('renderStageChain: the pipeline around the failure', () => {
    it.each<[string, boolean, string]>([
      [
        'image-push',
        true,
        'git-tag ✓ → image-build ✓ → image-push ✗ → helm-publish (blocked) → olm-bundle (blocked) → umbrella-chart (blocked)',
      ],
      ['olm-bundle', true, 'git-tag ✓ → image-build ✓ → image-push ✓ → helm-publish ✓ → olm-bundle ✗'],
      [
        'image-build',
        false,
        'git-tag ✓ → image-build ✗ (or a later stage of the same job: see the logs) → image-push (blocked) → helm-publish (blocked) → olm-bundle (blocked) → umbrella-chart (blocked)',
      ],
    ])('%s', (failing, exact, expected) => {
      expect(renderStageChain(ACK_STAGES, failing, exact)).toBe(expected);
    });
  });

  describe('config problems name the stage and key', () => {
    const stage = (name: string, needs: string[] = []): StageSpec => ({
      name,
      jobs: ['x'],
      steps: [],
      needs,
    });
    it.each<[string, StageSpec[], string[]]>([
      ['a valid graph', ACK_STAGES, []],
      [
        'an unknown need',
        [stage('push', ['build'])],
        ['stages[0] (push).needs: "build" is not a declared stage'],
      ],
      ['a name twice', [stage('build'), stage('build')], ['stages[1].name: "build" is declared twice']],
      [
        'a cycle',
        [stage('a', ['b']), stage('b', ['a'])],
        ['stages: "a" depends on itself through needs (a cycle)'],
      ],
    ])('%s', (_name, stages, problems) => {
      expect(stageGraphProblems(stages)).toEqual(problems);
    });

    it('are reported by the config schema under plugins.release-tracker.stages', () => {
      const parsed = releaseTrackerConfigSchema.safeParse({
        stages: [{ name: 'push', jobs: ['x'], needs: ['build'] }],
      });
      expect(parsed.success).toBe(false);
      expect(parsed.error!.issues.map((problem) => [problem.path.join('.'), problem.message])).toEqual([
        ['stages', 'stages[0] (push).needs: "build" is not a declared stage'],
      ]);
    });
  });
});
