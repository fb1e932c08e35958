import { buildServiceAreas } from '../../../src/areas/service-area.js';
import { areasConfigSchema } from '../../../src/areas/service-area-schema.js';
import { OwnersIndex } from '../../../src/owners/owners-index.js';
import { routeJobRun } from '../../../plugins/release-tracker/route-job-run.js';
import { aRun } from './tracker-builders.js';

const index = OwnersIndex.fromFiles({
  OWNERS: 'approvers: [core-ack-team]\n',
  OWNERS_ALIASES: 'aliases:\n  core-ack-team: [kai-release, lee-release]\n',
  'services/lambda/OWNERS': 'approvers: [ana-lambda, "release-bot[bot]"]\nlabels: [service/lambda]\n',
});
const areas = buildServiceAreas(
  areasConfigSchema.parse({
    lambda: {
      jobs: ['post-lambda-*', 'publish (lambda, *)'],
      owners: { approvers: ['@example-ack/lambda-oncall', 'bo-lambda'] },
      severity: 'critical',
    },
  }),
  index,
);

describe('routing a job run to its area and owners', () => {
  it("finds the area by the job's name: OWNERS approvers of the area, then config owners, teams last", () => {
    expect(routeJobRun(aRun(0), areas, index, 'warning')).toEqual({
      area: 'lambda',
      severity: 'critical',
      owners: [
        {
          handle: 'ana-lambda',
          kind: 'login',
          reason: 'approver of area `lambda` (`services/lambda/OWNERS`)',
        },
        {
          handle: 'bo-lambda',
          kind: 'login',
          reason: 'approver of area `lambda` (`.github/sheriff.yml` `areas.lambda.owners`)',
        },
        {
          handle: 'example-ack/lambda-oncall',
          kind: 'team',
          reason:
            'approver of area `lambda` (`.github/sheriff.yml` `areas.lambda.owners`, team `example-ack/lambda-oncall`)',
        },
      ],
    });
  });

  it('finds it by the failing workflow job of the stage when the workflow name says nothing', () => {
    const run = aRun(0, { job: 'release', stage: 'publish (lambda, helm-chart) › Push Helm chart' });
    expect(routeJobRun(run, areas, index, 'warning').area).toBe('lambda');
  });

  it('falls back to the root OWNERS approvers, aliases expanded, with the default severity', () => {
    expect(routeJobRun(aRun(0, { job: 'update-ack-chart' }), areas, index, 'warning')).toEqual({
      area: null,
      severity: 'warning',
      owners: [
        { handle: 'kai-release', kind: 'login', reason: 'approver of the repository (`OWNERS`)' },
        { handle: 'lee-release', kind: 'login', reason: 'approver of the repository (`OWNERS`)' },
      ],
    });
  });
});
