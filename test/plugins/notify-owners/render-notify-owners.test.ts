import { renderNotifyOwners } from '../../../plugins/notify-owners/render-notify-owners.js';

const DAY = { cooldownMinutes: 1440 };

describe('renderNotifyOwners', () => {
  it('mentions each owner once, with the area, role and source of every reason, then the message', () => {
    const text = renderNotifyOwners(
      {
        kind: 'notify',
        subjects: ['lambda', 'prow'],
        mentions: [
          {
            login: 'bo-lambda',
            reasons: [
              {
                area: 'lambda',
                role: 'approver',
                origin: { kind: 'config', area: 'lambda', team: 'example-ack/lambda-team' },
              },
            ],
          },
          {
            login: 'lee-release',
            reasons: [
              { area: 'prow', role: 'approver', origin: { kind: 'owners-file', file: 'OWNERS' } },
              {
                area: 'prow',
                role: 'approver',
                origin: { kind: 'config', area: 'prow', alias: 'release-oncall' },
              },
            ],
          },
          {
            login: 'kai-release',
            reasons: [
              {
                area: null,
                path: 'README.md',
                role: 'reviewer',
                origin: { kind: 'owners-file', file: 'OWNERS' },
              },
            ],
          },
        ],
        coolingDown: [{ login: 'cy-s3', pingedAt: new Date('2025-05-14T18:05:19Z') }],
        overLimit: ['zed-lambda'],
        unlistedTeams: ['example-ack/ghosts'],
        message: 'the v1.7.3 release is blocked',
      },
      DAY,
    );
    expect(text).toBe(
      [
        'notifying the owners of `lambda`, `prow`:',
        '',
        '- @bo-lambda: approver of area `lambda` (`.github/sheriff.yml` `areas.lambda.owners`, team `example-ack/lambda-team`)',
        '- @lee-release: approver of area `prow` (`OWNERS`); approver of area `prow` (`.github/sheriff.yml` `areas.prow.owners`, alias `release-oncall` of OWNERS_ALIASES)',
        '- @kai-release: reviewer of `README.md` (`OWNERS`)',
        '',
        '> the v1.7.3 release is blocked',
        '',
        'Not pinged again, as they were notified here within the last day: `cy-s3` (2025-05-14 18:05 UTC).',
        '',
        'Not mentioned, to keep this short: `zed-lambda`. Name fewer areas to reach them.',
        '',
        'The members of `example-ack/ghosts` could not be listed (does the team exist, and can Sheriff see it?).',
      ].join('\n'),
    );
  });

  it('says so instead of pinging again when everyone was notified within the cool-down', () => {
    const text = renderNotifyOwners(
      {
        kind: 'notify',
        subjects: ['s3'],
        mentions: [],
        coolingDown: [
          { login: 'cy-s3', pingedAt: new Date('2025-05-14T18:05:00Z') },
          { login: 'dee-s3', pingedAt: new Date('2025-05-14T18:05:00Z') },
        ],
        overLimit: [],
        unlistedTeams: [],
        message: undefined,
      },
      { cooldownMinutes: 120 },
    );
    expect(text).toBe(
      'the owners of `s3` have already been notified on this issue.\n\n' +
        'Not pinged again, as they were notified here within the last 2 hours: `cy-s3` (2025-05-14 18:05 UTC), `dee-s3` (2025-05-14 18:05 UTC).',
    );
    expect(text).not.toContain('@');
  });

  it('lists the known areas for an unknown one', () => {
    expect(
      renderNotifyOwners({ kind: 'unknown-targets', unknown: ['lamda'], knownAreas: ['lambda', 's3'] }, DAY),
    ).toBe('`lamda` is not a known area (a path needs a `/` or a `.`). Known areas: `lambda`, `s3`.');
  });

  it('explains an issue without area labels, and a repository without areas', () => {
    expect(renderNotifyOwners({ kind: 'no-areas', from: 'labels', knownAreas: [] }, DAY)).toBe(
      "none of this issue's labels belongs to an area, so there is no one to notify. Name the areas: `/notify-owners <area>`. " +
        'This repository has no areas yet: define them under `areas` in `.github/sheriff.yml`, or add `service/<name>` labels to OWNERS files.',
    );
  });

  it('says when an area has nobody to notify', () => {
    const text = renderNotifyOwners(
      {
        kind: 'notify',
        subjects: ['prow'],
        mentions: [],
        coolingDown: [],
        overLimit: [],
        unlistedTeams: [],
        message: undefined,
      },
      DAY,
    );
    expect(text).toBe(
      'no one to notify for `prow`: it has no owners other than you, the author and bots. Owners come from OWNERS files and from `areas.<name>.owners` in `.github/sheriff.yml`.',
    );
  });
});
